"""``CopyStore`` in SQL: the copy index of :mod:`dossier.resolve.copies` kept in the store.

Tables ``copy_items``, ``copy_bands``, ``copy_links``, ``copy_groups``.  Every
call touches indexed rows only (bands by their ``(band, bucket)`` primary key),
so an add costs the same at a million items as at a thousand and the index
needs no memory beyond one article's rows.  Article ids are ``articles.id``
integers here and strings in the resolve modules.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection, and_, bindparam, delete, func, insert, or_, select, update

from dossier.resolve.copies import CopyItem, CopyLink
from dossier.store import schema as t
from dossier.store import timeline_cache
from dossier.store.sqlutil import chunks, insert_rows, parse_utc, upsert, utc_iso

# Hot statements are built once, with bound parameters: building a Core statement per call
# cost more than running it on SQLite.
_MAX_SEQ = select(func.max(t.copy_items.c.seq))
_INSERT_ITEM = insert(t.copy_items)
_ITEM = select(t.copy_items).where(t.copy_items.c.article_id == bindparam("aid"))
_WITH_HASH = (
    select(t.copy_items.c.article_id).where(t.copy_items.c.text_hash == bindparam("hash")).order_by(t.copy_items.c.seq)
)
_GROUP_SIZE = select(func.count()).select_from(t.copy_items).where(t.copy_items.c.group_id == bindparam("gid"))
_GROUP_ORIGINAL = select(t.copy_groups.c.original_id).where(t.copy_groups.c.group_id == bindparam("gid"))


@lru_cache(maxsize=4)
def _band_lookup(n: int) -> Any:
    c = t.copy_bands.c
    return select(c.article_id).where(
        or_(*(and_(c.band == band, c.bucket == bindparam(f"k{band}")) for band in range(n)))
    )


class SqlCopyStore:
    """``CopyStore`` over ``copy_items``, ``copy_bands``, ``copy_links`` and ``copy_groups``."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self._max_seq: int | None = None  # read once per transaction, then kept current
        self._absent: set[int] = set()  # ids get_item found no item for: put_item inserts them directly
        self._inserted: dict[int, int] = {}  # article id -> group id of items put_item inserted

    def next_seq(self) -> int:
        if self._max_seq is None:
            self._max_seq = int(self.conn.execute(_MAX_SEQ).scalar() or 0)
        return self._max_seq + 1

    def put_item(self, item: CopyItem) -> None:
        values = {
            "seq": item.seq,
            "text_hash": item.hash,
            "published": utc_iso(item.published),
            "outlet": item.outlet,
            "n_shingles": item.size,
            "signature": item.signature,
            "credited": item.credited,
            "group_id": int(item.group or item.article_id),
        }
        aid = int(item.article_id)
        if self._max_seq is not None:
            self._max_seq = max(self._max_seq, item.seq)
        if aid in self._absent:
            self._absent.discard(aid)
            self.conn.execute(_INSERT_ITEM, {"article_id": aid, **values})
            self._inserted[aid] = values["group_id"]
            return
        done = self.conn.execute(update(t.copy_items).where(t.copy_items.c.article_id == aid).values(**values))
        if not done.rowcount:
            self.conn.execute(_INSERT_ITEM, {"article_id": aid, **values})

    @staticmethod
    def _item(row: Any) -> CopyItem:
        return CopyItem(
            article_id=str(row.article_id),
            seq=row.seq,
            hash=row.text_hash,
            published=parse_utc(row.published),
            outlet=row.outlet,
            size=row.n_shingles,
            signature=bytes(row.signature),
            credited=row.credited,
            group=str(row.group_id),
        )

    def new_article(self, article_id: str) -> None:
        """Say that ``article_id`` was inserted by this transaction: it has no item yet (the
        ``copy_items`` row of an article goes with it, foreign key ``ON DELETE CASCADE``), so
        :meth:`get_item` answers without a read and :meth:`put_item` inserts directly."""
        self._absent.add(int(article_id))

    def get_item(self, article_id: str) -> CopyItem | None:
        if self._absent and int(article_id) in self._absent:
            return None
        row = self.conn.execute(_ITEM, {"aid": int(article_id)}).first()
        if row is None:
            self._absent.add(int(article_id))
            return None
        return self._item(row)

    def get_items(self, article_ids: Iterable[str]) -> dict[str, CopyItem]:
        """Several items in one query (not in the protocol; used by reads)."""
        ids = sorted({int(a) for a in article_ids})
        out: dict[str, CopyItem] = {}
        for chunk in chunks(ids):
            for row in self.conn.execute(select(t.copy_items).where(t.copy_items.c.article_id.in_(chunk))):
                out[str(row.article_id)] = self._item(row)
        return out

    def ids_with_hash(self, text_hash: str) -> list[str]:
        return [str(r.article_id) for r in self.conn.execute(_WITH_HASH, {"hash": text_hash})]

    def add_bands(self, article_id: str, keys: Sequence[int]) -> None:
        aid = int(article_id)
        rows = [{"band": band, "bucket": int(key), "article_id": aid} for band, key in enumerate(keys)]
        insert_rows(self.conn, t.copy_bands, rows)

    def band_members(self, keys: Sequence[int]) -> set[str]:
        # One statement, one primary-key point look-up per band.
        params = {f"k{band}": int(key) for band, key in enumerate(keys)}
        return {str(r.article_id) for r in self.conn.execute(_band_lookup(len(keys)), params)}

    def add_link(self, link: CopyLink) -> None:
        self.conn.execute(
            insert(t.copy_links).values(
                copy_id=int(link.copy),
                original_id=int(link.original) if link.original is not None else None,
                kind=link.kind,
                jaccard=link.jaccard,
                containment=link.containment,
                source=link.source,
            )
        )

    @staticmethod
    def _link(row: Any) -> CopyLink:
        return CopyLink(
            str(row.copy_id),
            str(row.original_id) if row.original_id is not None else None,
            row.kind,
            row.jaccard,
            row.containment,
            row.source,
        )

    def links_of(self, article_id: str) -> list[CopyLink]:
        rows = self.conn.execute(
            select(t.copy_links).where(t.copy_links.c.copy_id == int(article_id)).order_by(t.copy_links.c.id)
        )
        return [self._link(r) for r in rows]

    def group_members(self, group: str) -> list[str]:
        rows = self.conn.execute(
            select(t.copy_items.c.article_id).where(t.copy_items.c.group_id == int(group)).order_by(t.copy_items.c.seq)
        )
        return [str(r.article_id) for r in rows]

    def group_original(self, group: str) -> str:
        value = self.conn.execute(_GROUP_ORIGINAL, {"gid": int(group)}).scalar()
        if value is None:
            raise KeyError(group)
        return str(value)

    def set_group(self, article_ids: Iterable[str], group: str, original: str) -> None:
        ids = sorted({int(a) for a in article_ids})
        gid = int(group)
        old: set[int] = set()
        # An item just inserted into this very group (a new article that copies nothing) moves nowhere.
        settled = ids == [gid] and self._inserted.get(gid) == gid
        for chunk in [] if settled else chunks(ids):
            old.update(
                r.group_id
                for r in self.conn.execute(
                    select(t.copy_items.c.group_id)
                    .where(t.copy_items.c.article_id.in_(chunk), t.copy_items.c.group_id != gid)
                    .distinct()
                )
            )
            self.conn.execute(update(t.copy_items).where(t.copy_items.c.article_id.in_(chunk)).values(group_id=gid))
            for aid in chunk:
                self._inserted.pop(aid, None)
        if timeline_cache.tracking(self.conn):
            # Stored articles that may now stand for another independent source: the kept timelines
            # that count them as sources go stale (the writer moves their subjects' stamps).
            timeline_cache.touched_articles(self.conn, self._regrouped(gid, int(original), ids, old))
        if old:
            self.conn.execute(delete(t.copy_groups).where(t.copy_groups.c.group_id.in_(sorted(old))))
        size = int(self.conn.execute(_GROUP_SIZE, {"gid": gid}).scalar_one())
        upsert(
            self.conn,
            t.copy_groups,
            [{"group_id": gid, "original_id": int(original), "size": size}],
            ["group_id"],
            {"original_id": "set", "size": "set"},
        )

    def _regrouped(self, gid: int, original: int, ids: list[int], old: set[int]) -> list[int]:
        """The articles whose independent source :meth:`set_group` may change (read before it does):
        those it moves, what is left of the groups they leave, and every member of ``gid`` when its
        original changes.  Nothing when a new article only joins a group as it stands."""
        c = t.copy_items.c
        out: set[int] = set(ids) if old else set()
        groups = set(old)
        before = self.conn.execute(_GROUP_ORIGINAL, {"gid": gid}).scalar()
        if before is not None and int(before) != original:
            groups.add(gid)
            out.update(ids)
        for chunk in chunks(sorted(groups)):
            out.update(self.conn.execute(select(c.article_id).where(c.group_id.in_(chunk))).scalars())
        return sorted(out)

    def groups(self) -> list[str]:
        rows = self.conn.execute(select(t.copy_groups.c.group_id).order_by(t.copy_groups.c.group_id))
        return [str(r.group_id) for r in rows]

    def remove(self, article_id: str) -> None:
        """Forget an article (its text was revised): its item, bands and links.

        The rest of its group stays together (links are not re-checked) and
        gets the earliest remaining item as its original.
        """
        aid = int(article_id)
        self._inserted.pop(aid, None)
        item = self.get_item(article_id)
        if item is None:
            return
        self._max_seq = None
        c = t.copy_links.c
        self.conn.execute(delete(t.copy_links).where(or_(c.copy_id == aid, c.original_id == aid)))
        self.conn.execute(delete(t.copy_bands).where(t.copy_bands.c.article_id == aid))
        self.conn.execute(delete(t.copy_items).where(t.copy_items.c.article_id == aid))
        gid = int(item.group)
        rest = [self.get_item(a) for a in self.group_members(item.group)]
        members = [m for m in rest if m is not None]
        self.conn.execute(delete(t.copy_groups).where(t.copy_groups.c.group_id == gid))
        if members:
            first = min(members, key=lambda m: (m.published or datetime.max.replace(tzinfo=UTC), m.seq))
            self.conn.execute(
                insert(t.copy_groups).values(group_id=gid, original_id=int(first.article_id), size=len(members))
            )
