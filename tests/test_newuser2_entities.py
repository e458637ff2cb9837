"""Entities and speakers a new analyst checks in news from domains the other tests do not cover
(ports, public health, universities, climate talks; issue #10): a country the tagger calls a
person, a city in apposition to "the capital", a statistic opening a sentence, a name cut at
its particle, a country or body that only qualifies the speaker's title.

The sentences are invented for these tests.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from dossier.analyze.pipeline import Analyzer
from dossier.model import Article, DocAnalysis

PUBLISHED = datetime(2026, 9, 2, 9, 0)


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer()


def run(analyzer: Analyzer, text: str, language: str = "en") -> DocAnalysis:
    return analyzer.analyze(Article(text=text, published=PUBLISHED, language=language, origin="t.txt"))


def _kinds(an: DocAnalysis) -> dict[str, str]:
    return {e.name: e.kind for e in an.entities}


def test_one_word_country_tagged_a_person_is_a_place(analyzer: Analyzer) -> None:
    an = run(analyzer, "A measles outbreak in Malawi has spread to nine districts, the agency said on Monday.")
    assert _kinds(an).get("Malawi") == "place"


def test_country_that_is_part_of_a_persons_name_stays_with_the_person(analyzer: Analyzer) -> None:
    an = run(analyzer, "Chad Morris scored twice. Chad said later that the team was tired.")
    assert "Chad" not in _kinds(an) or _kinds(an)["Chad"] == "person"


def test_city_in_apposition_to_a_place_noun_is_a_place(analyzer: Analyzer) -> None:
    text = "Cases were reported in the capital Lilongwe and in the lakeside town Mangochi, officials said."
    kinds = _kinds(run(analyzer, text))
    assert kinds.get("Mangochi") == "place"
    assert kinds.get("Lilongwe") == "place"


def test_statistic_opening_a_sentence_is_no_name(analyzer: Analyzer) -> None:
    text = "Turnout in the northern wards was 41 percent, the election board said."
    assert "Turnout" not in _kinds(run(analyzer, text))


@pytest.mark.parametrize(
    ("text", "full", "short"),
    [
        ("Summit chair Andre Correa do Lago opened the session. Correa do Lago said talks would go on.",
         "Andre Correa do Lago", "Correa do Lago"),
        ("Ursula von der Leyen arrived late. Von der Leyen told delegates the fund was ready.",
         "Ursula von der Leyen", None),
    ],
)  # fmt: skip
def test_name_with_a_particle_is_one_person(analyzer: Analyzer, text: str, full: str, short: str | None) -> None:
    an = run(analyzer, text)
    people = [e for e in an.entities if e.kind == "person"]
    assert [e.name for e in people] == [full]
    if short:
        assert short in people[0].aliases
    assert all(e.name not in {"Lago", "Leyen"} for e in an.entities)


def test_well_known_aid_group_is_one_organisation(analyzer: Analyzer) -> None:
    an = run(analyzer, "Doctors Without Borders said its clinic in the port treated 60 patients a day.")
    assert _kinds(an).get("Doctors Without Borders") == "org"
    (q,) = an.quotes
    assert q.speaker == "Doctors Without Borders"


def test_country_before_a_title_and_an_aside_is_not_the_speaker(analyzer: Analyzer) -> None:
    text = "Peru's energy minister Rosa Ibarra, speaking for five Andean states, said the draft was weak."
    an = run(analyzer, text)
    (q,) = an.quotes
    assert q.speaker == "Rosa Ibarra"


def test_ru_commission_of_a_country_is_the_speaker_not_the_country(analyzer: Analyzer) -> None:
    text = "Явка составила 48%, сообщила во вторник центральная избирательная комиссия Литвы."
    an = run(analyzer, text, "ru")
    (q,) = an.quotes
    assert q.speaker != "Lithuania"
    assert "комиссия" in q.speaker


def test_ru_abbreviated_owner_after_a_body_is_not_the_speaker(analyzer: Analyzer) -> None:
    text = "Поезд сошёл с рельсов у станции, сообщило Западно-Сибирское транспортное управление МВД."
    an = run(analyzer, text, "ru")
    (q,) = an.quotes
    assert q.speaker != "МВД"


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Вертолёт совершил вынужденную посадку в аэропорту Среднеколымска.", "Среднеколымск"),
        ("В 2019 году под Палланой потерпел крушение вертолёт.", "Паллана"),
        ("Делегация прилетела в Сочи во вторник.", "Сочи"),
    ],
)
def test_ru_place_is_named_in_the_nominative(analyzer: Analyzer, text: str, place: str) -> None:
    places = [e.name for e in run(analyzer, text, "ru").entities if e.kind == "place"]
    assert places == [place]


def test_ru_surname_opening_like_a_media_word_is_the_speaker(analyzer: Analyzer) -> None:
    # "Смирнова" begins with "сми" (СМИ): still a person, who speaks
    text = "«Свидетель сам находится под следствием», — сказала адвокат Смирнова."
    (q,) = run(analyzer, text, "ru").quotes
    assert q.speaker is not None and "Смирнова" in q.speaker
    assert q.via is None


def test_portfolio_word_before_minister_is_no_organisation(analyzer: Analyzer) -> None:
    text = "Chile's Mining Minister Rosa Vidal visited the pit on Monday."
    kinds = _kinds(run(analyzer, text))
    assert "Mining" not in kinds
    assert kinds.get("Rosa Vidal") == "person"


def test_country_after_a_place_preposition_is_found_when_the_tagger_missed_it(analyzer: Analyzer) -> None:
    text = "Neighbouring Mozambique and Zambia have also reported cases, and aid arrived in Eswatini."
    kinds = _kinds(run(analyzer, text))
    assert kinds.get("Mozambique") == "place"
    assert kinds.get("Zambia") == "place"
