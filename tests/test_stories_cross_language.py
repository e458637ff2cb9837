"""Stories across languages: one development reported in English and in Russian is one story.

The texts are written for these tests: a delivery of rocket launchers to a brigade in Belarus
reported by an English wire and a Russian regional paper on the same day, and an unrelated
bakery fire reported on that day too.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dossier.cli import app
from dossier.resolve.stories import StoryConfig, StoryIndex, adjective_countries, article_terms, entity_term

runner = CliRunner()

EN_TITLE = "Polonez launchers arrive at Baranovichi base"
EN_TEXT = (
    "BARANOVICHI, March 4, 2026 — A battalion set of Polonez-M rocket launchers was delivered to the "
    "336th artillery brigade near Baranovichi on Tuesday, the Belarusian Defence Ministry said.\n\n"
    "Defence Minister Victor Khrenin said the Polonez-M launchers arrived by rail from the Bobruisk "
    "depot and would be tested at the Domanovsky range later this month. Khrenin said the crews had "
    "finished their training in January.\n\n"
    "The ministry did not say how many launchers were in the set. Brigade commander Oleg Sinkevich "
    "told reporters the unit was ready to receive the vehicles."
)
RU_TITLE = "В Барановичи доставлены «Полонез-М»"
RU_TEXT = (
    "Батальонный комплект реактивных систем «Полонез-М» доставлен во вторник, 3 марта, в 336-ю "
    "реактивную артиллерийскую бригаду под Барановичами, сообщило Министерство обороны Беларуси.\n\n"
    "По словам министра обороны Виктора Хренина, пусковые установки прибыли по железной дороге с базы "
    "хранения в Бобруйске. Испытания на полигоне Домановский намечены на конец месяца, добавил Хренин.\n\n"
    "Командир бригады Олег Синкевич заявил журналистам, что подразделение готово принять технику."
)
OTHER_TITLE = "Grodno bakery fire closes city centre street"
OTHER_TEXT = (
    "GRODNO, March 4, 2026 — A fire broke out at a bakery on Sovetskaya Street in Grodno on Tuesday, "
    "and firefighters closed the street to traffic for three hours, the city emergencies department "
    "said.\n\nNo one was hurt. The owner, Irina Lapko, said the oven had been serviced a week earlier. "
    "Police are looking into the cause of the fire."
)


def test_a_region_is_keyed_as_the_town_it_is_named_after() -> None:
    # English writes the town and "region"; Russian writes an adjective of the town and "область"
    assert entity_term("Gomel region") == entity_term("Гомельской области") == entity_term("Gomel")
    assert entity_term("Минская область") == entity_term("Minsk")  # the town itself ends in -sk
    assert entity_term("Гродненской области") == entity_term("Grodno")
    assert entity_term("Brest Oblast") == entity_term("Брестская область")
    # a compass word is no town, and a plain two-word name is left alone
    assert entity_term("Central District") != entity_term("Central")
    assert entity_term("Victor Khrenin") == "viktor hrenin"


def test_a_town_named_in_the_plural_is_not_read_as_a_family() -> None:
    # "под Барановичами" could be parsed as "the Baranoviches" (a plural patronymic); a town it is
    assert entity_term("Барановичами") == entity_term("Baranovichi")
    assert entity_term("Ляховичах") == entity_term("Lyakhovichi")
    assert entity_term("Путиным") == entity_term("Putin")  # a singular surname still reads as one


def test_only_a_personal_name_lends_its_last_word() -> None:
    terms = article_terms("", ["Victor Khrenin", "Belarusian Defence Ministry", "Министерство обороны Беларуси"])
    assert "e:hrenin" in terms  # Khrenin is later named alone
    # nobody calls a ministry "Ministry" or "обороны": such words would tie every ministry together
    assert not {t for t in terms if t.endswith(("ministri", "oboron"))} - {
        "e:belarusian defenke ministri",
        "e:ministerstvo oboron belarus",
    }


def _add(index: StoryIndex, aid: str, text: str, hour: int, names: list[str], dates: list[str]) -> str:
    when = datetime(2026, 3, 4, hour, tzinfo=UTC)
    return index.add(aid, text, when, names, dates)


def test_russian_report_joins_the_english_story_and_unrelated_news_stays_apart() -> None:
    index = StoryIndex()
    en = _add(
        index,
        "en",
        EN_TEXT,
        9,
        ["Baranovichi", "Polonez-M", "Belarusian Defence Ministry", "Victor Khrenin", "Bobruisk", "Oleg Sinkevich"],
        ["2026-03-04", "2026-03-03", "2026-03", "2026-01"],
    )
    other = _add(index, "other", OTHER_TEXT, 10, ["Grodno", "Sovetskaya Street", "Irina Lapko"], ["2026-03-03"])
    # the Russian report names the ministry its own way and adds coarse dates ("конец месяца");
    # its people, system, town and day are the story's
    ru = _add(
        index,
        "ru",
        RU_TEXT,
        11,
        ["Polonez-M", "Барановичи", "Министерство обороны Беларуси", "Виктор Хренин", "Бобруйск", "Олег Синкевич"],
        ["2026-03-03", "2026-03", "2026", "2026-W11"],
    )
    assert ru == en
    assert other != en


def test_english_report_joins_a_story_the_russian_one_started() -> None:
    index = StoryIndex()
    ru = _add(
        index,
        "ru",
        RU_TEXT,
        8,
        ["Polonez-M", "Барановичами", "Министерство обороны", "Виктора Хренина", "Бобруйске", "Олег Синкевич"],
        ["2026-03-03", "2026-03"],
    )
    other = _add(index, "other", OTHER_TEXT, 10, ["Grodno", "Sovetskaya Street", "Irina Lapko"], ["2026-03-03"])
    en = _add(
        index,
        "en",
        EN_TEXT,
        11,
        ["Baranovichi", "Polonez-M", "Belarusian Defence Ministry", "Victor Khrenin", "Bobruisk", "Oleg Sinkevich"],
        ["2026-03-04", "2026-03-03", "2026-03", "2026-01"],
    )
    assert en == ru != other


def test_a_russian_report_of_another_development_stays_apart() -> None:
    index = StoryIndex()
    en = _add(index, "en", EN_TEXT, 9, ["Baranovichi", "Polonez-M", "Victor Khrenin", "Bobruisk"], ["2026-03-03"])
    # same day and same country, but a flood in another region: nothing rare in common
    ru = _add(
        index,
        "ru",
        "Уровень воды в Припяти вырос за сутки на 20 сантиметров, в Петриковском районе подтоплены дороги.",
        11,
        ["Припять", "Петриковский район", "Беларусь"],
        ["2026-03-04"],
    )
    assert ru != en


def _ingest(tmp_path: Path) -> str:
    rows = [
        (EN_TITLE, EN_TEXT, "2026-03-04T09:00:00+00:00", "Baltic Wire", "en"),
        (RU_TITLE, RU_TEXT, "2026-03-04T11:30:00+03:00", "Вестник", "ru"),
        (OTHER_TITLE, OTHER_TEXT, "2026-03-04T10:00:00+00:00", "Grodno Daily", "en"),
    ]
    items = [
        {"title": t, "text": x, "published": p, "outlet": o, "language": lang, "url": f"https://n.example/{i}"}
        for i, (t, x, p, o, lang) in enumerate(rows)
    ]
    src = tmp_path / "items.jsonl"
    src.write_text("\n".join(json.dumps(i, ensure_ascii=False) for i in items) + "\n", "utf-8")
    db = f"sqlite:///{tmp_path / 'x.db'}"
    result = runner.invoke(app, ["ingest", str(src), "--db", db])
    assert result.exit_code == 0, result.stderr
    return db


def _json(*args: str) -> list[dict]:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


@pytest.mark.model
def test_ingest_puts_both_languages_in_one_story_and_one_timeline_entry(tmp_path: Path) -> None:
    db = _ingest(tmp_path)
    titles = {a["id"]: a["title"] for a in _json("articles", "--db", db, "--json")}
    by_title = {v: k for k, v in titles.items()}
    stories = {frozenset(s["article_ids"]) for s in _json("stories", "--db", db, "--json")}
    assert frozenset({by_title[EN_TITLE], by_title[RU_TITLE]}) in stories
    assert frozenset({by_title[OTHER_TITLE]}) in stories
    timeline = _json("timeline", "Polonez-M", "--db", db, "--json")
    delivered = [e for e in timeline if e["kind"] == "EQUIPMENT_DELIVERED"]
    assert len(delivered) == 1
    assert delivered[0]["date"] == "2026-03-03"  # "on Tuesday" before a Wednesday dateline, "во вторник, 3 марта"
    assert {s["article_id"] for s in delivered[0]["sources"]} == {by_title[EN_TITLE], by_title[RU_TITLE]}


def test_demonyms_and_country_adjectives_give_their_country() -> None:
    text = "The Belarusian envoy met Chinese officials. Белорусский посол и китайской стороны. Us too."
    assert adjective_countries(text) == ["Belarus", "China", "Belarus", "China"]  # "Us" is no "US"


VISIT_EN = (
    "BEIJING, March 12, 2026 — Belarusian Foreign Minister Maxim Ryzhenkov met Chinese Foreign Minister "
    "Wang Yi in Beijing on Thursday to discuss trade and rail links. Ryzhenkov said a new freight route "
    "through Kazakhstan would open this year."
)
VISIT_RU = (
    "Министр иностранных дел Беларуси Максим Рыженков в четверг, 12 марта, встретился в Пекине с министром "
    "иностранных дел КНР Ван И. По словам Рыженкова, новый грузовой маршрут через Казахстан откроется в "
    "этом году, сообщили в МИД Беларуси."
)


def test_an_adjective_stands_for_the_country_the_other_language_names() -> None:
    # English has only "Belarusian"; Russian names "Беларуси" and a ministry and a Chinese name
    # that no key translates (МИД Беларуси, Ван И); the country implied by the adjective closes the gap
    # (the names as the store passes them: canonical where the gazetteer knows the place)
    index = StoryIndex()
    en_names = ["Maxim Ryzhenkov", "Wang Yi", "Beijing", "China", "Kazakhstan", "Belarusian Foreign Ministry"]
    en = _add(index, "en", VISIT_EN, 9, en_names, ["2026-03-12"])
    ru_names = ["Belarus", "Maxim Ryzhenkov", "Beijing", "China", "Ван И", "Kazakhstan", "МИД Беларуси"]
    ru = _add(index, "ru", VISIT_RU, 12, ru_names, ["2026-03-12", "2026"])
    assert ru == en
    # without the adjective's country the Russian report would start a story of its own
    plain = StoryIndex(config=StoryConfig(adjective_countries=0))
    assert _add(plain, "en", VISIT_EN, 9, en_names, ["2026-03-12"]) != _add(
        plain, "ru", VISIT_RU, 12, ru_names, ["2026-03-12", "2026"]
    )


def test_shared_demonyms_do_not_join_reports_in_one_language() -> None:
    # two English reports that both mention German and Italian figures, about different things
    index = StoryIndex()
    a = _add(
        index,
        "fx",
        "The euro rose against the dollar as German factory orders and Italian retail sales beat forecasts; "
        "traders expect the currency to stay strong.",
        9,
        [],
        [],
    )
    b = _add(
        index,
        "summit",
        "German and Italian leaders met in Vienna to discuss the enlargement talks; the Austrian chancellor "
        "hosted the meeting at the Hofburg.",
        10,
        ["Vienna", "Hofburg"],
        [],
    )
    assert a != b
