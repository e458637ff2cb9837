"""Long texts: analysed in windows, joined back into one analysis with the article's offsets.

Why: spaCy refuses a text over ``nlp.max_length`` (1,000,000 characters), and
some rule layers cost more than linear time in the number of sentences, so a
book-length page, a whole Telegram channel pasted as one post or a hostile
file would either be stored without analysis or hold an ingest for hours.
The article is cut at paragraph breaks (else line breaks, sentence ends,
spaces) into pieces of at most :data:`WINDOW_CHARS` characters, each piece
goes through every stage as an article of its own, and the records are moved
back to article offsets.  What is lost is only what crosses a cut: a pronoun
or surname resolved against a name in an earlier window, a date anchored on
one.  No news article comes near the window size.
"""

from __future__ import annotations

import dataclasses

from dossier.model import DocAnalysis, Entity

#: The most characters one window holds.
WINDOW_CHARS = 50_000
_BREAKS = ("\n\n", "\n", ". ", "! ", "? ", "; ", " ")


def text_windows(text: str, window: int = WINDOW_CHARS) -> list[tuple[int, int]]:
    """Contiguous ``(start, end)`` pieces covering ``text``, each at most ``window`` characters.

    A piece ends after the last paragraph break in the second half of its
    window, else after a line break, a sentence end, a space, else (a text
    without any) at the window's end.  The pieces join back to the text.
    """
    if window < 2:
        raise ValueError(f"window must be >= 2, got {window}")
    pieces: list[tuple[int, int]] = []
    start, n = 0, len(text)
    while n - start > window:
        limit, floor = start + window, start + window // 2
        cut = limit
        for sep in _BREAKS:
            at = text.rfind(sep, floor, limit)
            if at != -1:
                cut = at + len(sep)
                break
        pieces.append((start, cut))
        start = cut
    pieces.append((start, n))
    return pieces


def merge_windows(text: str, language: str, parts: list[tuple[int, DocAnalysis]]) -> DocAnalysis:
    """One analysis of ``text`` from the analyses of its windows (``(offset, analysis)``, in order).

    Offsets move by the window's start, sentence indexes by the sentences of
    the windows before, quote indexes by their quotes.  Entities with the same
    id (ids are built from kind and name) become one, with every alias.
    """
    out = DocAnalysis(text=text, language=language)
    entities: dict[str, Entity] = {}
    anonymous: list[Entity] = []
    for k, (off, part) in enumerate(parts):
        s0, q0 = len(out.sentences), len(out.quotes)

        def move(record, off=off, **extra):  # type: ignore[no-untyped-def]
            return dataclasses.replace(record, start=record.start + off, end=record.end + off, **extra)

        out.sentences.extend((a + off, b + off) for a, b in part.sentences)
        out.mentions.extend(move(m, sentence=m.sentence + s0) for m in part.mentions)
        out.times.extend(move(x, sentence=x.sentence + s0) for x in part.times)
        out.quotes.extend(
            move(
                q,
                sentence=q.sentence + s0,
                speaker_start=None if q.speaker_start is None else q.speaker_start + off,
                speaker_end=None if q.speaker_end is None else q.speaker_end + off,
            )
            for q in part.quotes
        )
        out.events.extend(
            move(
                ev,
                sentence=ev.sentence + s0,
                quote_index=None if ev.quote_index is None else ev.quote_index + q0,
                id=ev.id if not ev.id or k == 0 else f"w{k}-{ev.id}",
            )
            for ev in part.events
        )
        for entity in part.entities:
            if entity.id is None:
                anonymous.append(entity)
            elif entity.id in entities:
                known = entities[entity.id]
                aliases = tuple(dict.fromkeys((*known.aliases, *entity.aliases)))
                entities[entity.id] = dataclasses.replace(known, aliases=aliases)
            else:
                entities[entity.id] = entity
    out.entities = [*entities.values(), *anonymous]
    return out
