"""Decoding and page metadata an analyst can trust (issue #10): code pages, dates with their zone, titles, language."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import select

from dossier.analyze.language import detect_language
from dossier.ingest import read_all
from dossier.ingest.decode import decode_text
from dossier.ingest.job import ingest
from dossier.model import Article
from dossier.store import Store, queries
from dossier.store import schema as t

# Texts written for these tests, of very different lengths and shapes.
RUSSIAN = [
    "Москва.",
    "Министр заявил об этом в среду.",
    "СРОЧНО: ВЗРЫВЫ В ЦЕНТРЕ ГОРОДА",
    "Ответ: да, будем.",
    "Глава района сказал, что движение по мосту откроют весной, а ремонт дороги завершат к лету.",
    "Я пришёл домой поздно. Ёлка стояла в углу, и дети уже спали. Утром мы пили чай и говорили о планах "
    "на лето; Юля хотела поехать к морю, а Эдик - в горы.",
    "ГРОДНО, 14 марта. Власти сообщили, что ремонт моста завершат до конца года - об этом рассказал "
    "глава района. Жители ждут открытия движения с весны.",
    "В понедельник правительство объявило о новых мерах поддержки малого бизнеса. По словам министра "
    "экономики, программа рассчитана на три года и охватит более ста тысяч предприятий. " * 8,
]


@pytest.mark.parametrize("encoding", ["cp1251", "koi8-r", "mac-cyrillic", "cp866"])
@pytest.mark.parametrize("text", RUSSIAN, ids=[f"len{len(t)}" for t in RUSSIAN])
def test_legacy_cyrillic_code_pages_are_told_apart(text: str, encoding: str) -> None:
    decoded = decode_text(text.encode(encoding), "x.txt")
    assert decoded.text == text
    # An all-capitals line is the same bytes in cp866 and MacCyrillic: either name is then right.
    assert decoded.encoding == encoding or text.encode(encoding).decode(decoded.encoding) == text


def test_utf8_with_a_few_bad_bytes_stays_utf8_and_counts_them() -> None:
    good = ("Министр иностранных дел заявил, что размещение комплекса соответствует нормам. " * 3).encode()
    broken = good[:40] + b"\xd0" + good[40:] + b"\xd0"  # a stray lead byte and a truncated last character
    decoded = decode_text(broken, "x.txt")
    assert decoded.encoding == "utf-8" and decoded.replaced == 2
    assert "Министр иностранных" in decoded.text


def test_declared_utf8_page_with_a_bad_byte_is_kept_utf8_with_a_warning(tmp_path: Path) -> None:
    body = "Министр иностранных дел заявил, что размещение комплекса соответствует нормам права. " * 4
    html = (
        '<html><head><meta charset="utf-8"><title>Заявление министра</title></head><body><article>'
        f"<h1>Заявление министра</h1><p>{body}</p><p>{body}</p></article></body></html>"
    ).encode()
    f = tmp_path / "page.html"
    f.write_bytes(html[:200] + b"\xff" + html[200:])
    store = Store(f"sqlite:///{tmp_path / 'db.sqlite'}")
    report = ingest([f], store, analyze=False)
    ((art, _r),) = report.saved
    assert "Министр иностранных дел" in art.text
    assert any("1 undecodable byte" in w for w in report.warnings)
    store.dispose()


PAGE = """<html><head>
<title>{title}</title>
<meta property="og:site_name" content="City Herald">
{meta}
</head><body>
<div class="nav"><a href="http://www.w3.org/2000/01/rdf-schema#">schema</a></div>
<article><h1>Council approves the new bridge budget</h1>
<p>The city council approved the budget for the new bridge on Thursday, after a long debate about costs.</p>
<p>Construction is expected to start next spring and to last two years, the mayor told reporters.</p>
</article>
<footer>Copyright 2019 City Herald. All rights reserved.</footer>
</body></html>"""


def _page(tmp_path: Path, name: str, title: str = "Council approves the new bridge budget", meta: str = "") -> Path:
    f = tmp_path / name
    f.write_text(PAGE.format(title=title, meta=meta), encoding="utf-8")
    return f


def _one(path: Path) -> Article:
    (art,) = [a for a in read_all([str(path)]) if isinstance(a, Article)]
    return art


def test_declared_publication_time_keeps_time_and_zone(tmp_path: Path) -> None:
    art = _one(
        _page(tmp_path, "a.html", meta='<meta property="article:published_time" content="2025-11-20T08:15:00+01:00">')
    )
    assert art.published == datetime(2025, 11, 20, 8, 15, tzinfo=timezone(timedelta(hours=1)))
    assert art.published.isoformat() == "2025-11-20T08:15:00+01:00"
    assert art.published_source == "declared"


def test_json_ld_date_is_declared(tmp_path: Path) -> None:
    meta = (
        '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2025-11-20T08:15:00Z"}</script>'
    )
    art = _one(_page(tmp_path, "b.html", meta=meta))
    assert art.published == datetime(2025, 11, 20, 8, 15, tzinfo=UTC) and art.published_source == "declared"


def test_copyright_lines_and_unrelated_urls_are_not_publication_dates(tmp_path: Path) -> None:
    art = _one(_page(tmp_path, "c.html"))
    assert art.published is None or art.published_source == "guessed"
    assert art.published is None or art.published.year not in (2000, 2019)


@pytest.mark.parametrize("title", ["City Herald", "council-approves-new-bridge-budget", "https://herald.example/x/y"])
def test_site_name_or_slug_titles_fall_back_to_the_headline(tmp_path: Path, title: str) -> None:
    art = _one(_page(tmp_path, "d.html", title=title))
    assert art.title == "Council approves the new bridge budget"


def test_store_keeps_utc_and_the_original_offset(tmp_path: Path, store: Store) -> None:
    f = tmp_path / "items.jsonl"
    f.write_text(
        json.dumps({"text": "Zoned report.", "published": "2025-11-20T08:15:00+01:00"})
        + "\n"
        + json.dumps({"text": "Dated report.", "published": "2025-11-21"})
        + "\n",
        encoding="utf-8",
    )
    ingest([f], store, analyze=False)
    with store.connect() as conn:
        rows = conn.execute(
            select(
                t.articles.c.text, t.articles.c.published, t.articles.c.published_offset, t.articles.c.published_source
            )
        ).all()
    by_text = {r.text: r for r in rows}
    zoned = by_text["Zoned report."]
    assert zoned.published == "2025-11-20T07:15:00+00:00" and zoned.published_offset == 60
    assert zoned.published_source == "declared"
    assert (
        by_text["Dated report."].published == "2025-11-21T00:00:00"
        and by_text["Dated report."].published_offset is None
    )
    # Listings show the instant at the offset the source wrote, and where the date came from.
    with store.connect() as conn:
        shown = sorted((r["published"], r["published_source"]) for r in queries.list_articles(conn))
    assert shown == [("2025-11-20T08:15:00+01:00", "declared"), ("2025-11-21T00:00:00", "declared")]


def test_file_name_and_given_dates_say_where_they_came_from(tmp_path: Path) -> None:
    f = tmp_path / "2025-09-26_report.txt"
    f.write_text("Title\n\nBody.", encoding="utf-8")
    from dossier.ingest import Defaults

    (named,) = [a for a in read_all([str(f)]) if isinstance(a, Article)]
    (given,) = [a for a in read_all([str(f)], defaults=Defaults(origin="", published=datetime(2025, 1, 2)))]
    assert named.published_source == "filename" and given.published_source == "given"  # type: ignore[union-attr]


def test_telegram_local_time_and_offset_from_both_date_fields(tmp_path: Path) -> None:
    export = {
        "name": "Chan",
        "messages": [
            {"id": 1, "type": "message", "date": "2025-11-20T10:15:00", "date_unixtime": "1763626500", "text": "Hi."}
        ],
    }
    f = tmp_path / "result.json"
    f.write_text(json.dumps(export), encoding="utf-8")
    (art,) = [a for a in read_all([str(f)]) if isinstance(a, Article)]
    assert art.published is not None
    assert art.published.isoformat() == "2025-11-20T10:15:00+02:00"
    assert art.published == datetime(2025, 11, 20, 8, 15, tzinfo=UTC)


SHORT_EN = [
    "Sirens in Odesa again",
    "Breaking: Lukashenko meets Putin in Minsk",
    "Update: power restored",
    "Air raid alert.",
]


@pytest.mark.parametrize("text", SHORT_EN)
def test_short_english_posts_are_english(text: str) -> None:
    assert detect_language(text) == "en"
    assert detect_language(text, prior="en") == "en"


def test_channel_prior_decides_short_posts_of_its_script_only(tmp_path: Path) -> None:
    long_post = (
        "The regional administration said on Monday that repairs to the power grid would take at least two weeks, "
        "and asked residents to limit their use of electricity in the evening hours while crews work."
    )
    messages = [
        {"id": i, "type": "message", "date": "2025-11-20T10:00:00", "text": long_post + f" ({i})"} for i in range(3)
    ]
    messages += [
        {"id": 10, "type": "message", "date": "2025-11-20T10:00:00", "text": "Lukashenko Putin Minsk"},
        {"id": 11, "type": "message", "date": "2025-11-20T10:00:00", "text": "Ночью атака дронов на город"},
    ]
    f = tmp_path / "result.json"
    f.write_text(json.dumps({"name": "Chan", "messages": messages}, ensure_ascii=False), encoding="utf-8")
    store = Store(f"sqlite:///{tmp_path / 'db.sqlite'}")
    report = ingest([f], store, analyze=False)
    langs = {a.extra["message_id"]: a.language for a, _r in report.saved}
    assert langs[10] == "en" and langs[11] == "ru" and langs[0] == "en"
    store.dispose()


def test_a_date_in_the_pages_own_url_is_a_guess_and_said_so() -> None:
    from dossier.ingest import Defaults
    from dossier.ingest.html import extract_html

    art = extract_html(
        PAGE.format(title="Council approves the new bridge budget", meta=""),
        Defaults(origin="page"),
        url="https://herald.example/2025/11/20/bridge-budget",
    )
    assert isinstance(art, Article)
    assert art.published == datetime(2025, 11, 20) and art.published_source == "guessed"


def test_prices_and_latin_words_do_not_tip_the_code_page() -> None:
    text = "Цена на нефть марки Brent выросла на 2%, до 78 долларов за баррель, после заявления ОПЕК+."
    for encoding in ("cp1251", "mac-cyrillic", "koi8-r", "cp866"):
        assert decode_text(text.encode(encoding), "x.txt").text == text


def test_links_and_handles_do_not_decide_the_language() -> None:
    assert detect_language("Watch: https://youtu.be/abc123xyz #Minsk #Belarus") == "en"
    assert detect_language("Subscribe @belamova_by") == "en"


def test_a_prior_does_not_override_a_clear_other_language() -> None:
    assert detect_language("Le président a annoncé hier une nouvelle réforme des retraites.", prior="en") == "fr"
    assert detect_language("Die Regierung hat gestern neue Sanktionen beschlossen.", prior="en") == "de"


def test_a_text_file_with_a_broken_byte_is_stored_as_utf8_with_a_warning(tmp_path: Path) -> None:
    body = "Власти сообщили, что ремонт моста завершат до конца года, а движение откроют весной. " * 3
    f = tmp_path / "report.txt"
    f.write_bytes("Ремонт моста\n\n".encode() + body.encode() + b"\xd0")  # a truncated last character
    store = Store(f"sqlite:///{tmp_path / 'db.sqlite'}")
    report = ingest([f], store, analyze=False)
    ((art, _r),) = report.saved
    assert art.title == "Ремонт моста" and art.text.startswith("Власти сообщили")
    assert any("1 undecodable byte" in w for w in report.warnings)
    store.dispose()


def test_a_declared_charset_is_honoured_unless_western_over_plain_russian() -> None:
    russian = "Министр иностранных дел заявил, что размещение комплекса соответствует нормам права."
    french = "Le ministre a déclaré que le déploiement était conforme au droit international."
    assert decode_text(russian.encode("koi8-r"), "x", declared="koi8-r").method == "declared"
    assert decode_text(french.encode("latin-1"), "x", declared="iso-8859-1").text == french
    wrong = decode_text(russian.encode("cp1251"), "x", declared="iso-8859-1")
    assert wrong.text == russian and wrong.encoding == "cp1251"


@pytest.mark.parametrize(
    ("line", "author"),
    [("By Jane Okoro", "Jane Okoro"), ("Алесь Кривец", "Алесь Кривец"), ("Автор: Ирина Сташкевич", "Ирина Сташкевич")],
)
def test_a_byline_under_the_title_is_the_author_not_the_body(tmp_path: Path, line: str, author: str) -> None:
    f = tmp_path / "report.txt"
    f.write_text(f"Bridge reopens\n\n{line}\n\nThe bridge reopened on Monday after repairs.", encoding="utf-8")
    (art,) = [a for a in read_all([str(f)]) if isinstance(a, Article)]
    assert art.author == author
    assert art.text == "The bridge reopened on Monday after repairs."


@pytest.mark.parametrize("line", ["NATO Summit", "Breaking news", "The minister said.", "МИНСК, 17 декабря"])
def test_a_heading_or_a_sentence_under_the_title_stays_in_the_body(tmp_path: Path, line: str) -> None:
    f = tmp_path / "report.txt"
    f.write_text(f"Bridge reopens\n\n{line}\n\nThe bridge reopened on Monday.", encoding="utf-8")
    (art,) = [a for a in read_all([str(f)]) if isinstance(a, Article)]
    assert art.author is None and art.text.startswith(line)
