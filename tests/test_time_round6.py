"""TIME stage: the mechanisms behind the misses of the third probe table (issue 10, h-tempeval5).

One class per mechanism, each with the cases it must change and the look-alikes it must leave alone:

* anchoring by tense: a simple past verb right before a month or day puts it behind the publication date;
* anchoring of an owned weekday ("Wednesday's ruling") by a preposition of time before it, else the verb;
* anchoring in a Russian past narrative: "через N" counts on from the date under discussion;
* calendar arithmetic: Russian ordinal weekdays of a month, the shopping days after Thanksgiving;
* parts of the day: adverbial "overnight", and not the adjective or the idiom for "suddenly";
* the same day a unit off: "this time last year".
"""

from __future__ import annotations

from datetime import date

import pytest

from dossier.analyze.time import tag_times

WED = date(2025, 7, 16)  # Wednesday, 2025-W29
SAT = date(2000, 1, 15)  # Saturday


def _values(text: str, anchor: date, language: str = "en") -> dict[str, tuple[str, str]]:
    return {t.text: (t.timex_type, t.value) for t in tag_times(text, language=language, anchor=anchor)}


class TestSimplePastVerbBeforeTheDate:
    @pytest.mark.parametrize(("text", "extent", "value"), [
        ("The envoy toured Berlin in October.", "October", "2024-10"),
        ("Inspectors visited the plant in September.", "September", "2024-09"),
        ("The rebels seized the town on Aug. 30.", "Aug. 30", "2024-08-30"),
        ("The firm sold the unit in November.", "November", "2024-11"),
    ])
    def test_the_event_is_over(self, text: str, extent: str, value: str) -> None:
        assert _values(text, WED)[extent] == ("DATE", value)

    @pytest.mark.parametrize(("text", "extent", "value"), [
        # a nearer cue that looks ahead keeps the coming month
        ("The ministers agreed to meet in September.", "September", "2025-09"),
        # a present auxiliary before the form: a participle, the hearing lies ahead
        ("The appeal is heard in September.", "September", "2025-09"),
        # a determiner before the form: an adjective ("the proposed merger"), no finished event
        ("Investors await the proposed listing in October.", "October", "2025-10"),
        # a preposition of aim between: the verb sets a target, it does not date itself
        ("The board moved the vote to September.", "September", "2025-09"),
        # the verb's object opens between: the date is the object's ("cuts in October"), not the warning's
        ("The union warned of strikes in October.", "October", "2025-10"),
        # more than two words between: the verb reports, the date belongs to what is reported
        ("He said the new terminal opens in October.", "October", "2025-10"),
    ])
    def test_what_is_not_a_finished_event_keeps_its_reading(self, text: str, extent: str, value: str) -> None:
        assert _values(text, WED)[extent] == ("DATE", value)


class TestOwnedWeekday:
    def test_after_an_owned_weekday_is_past_even_under_a_modal(self) -> None:
        got = _values("The family said it would appeal after Wednesday's ruling.", SAT)
        assert got["Wednesday"] == ("DATE", "2000-01-12")

    def test_without_a_preposition_the_verb_governs_the_event(self) -> None:
        assert _values("The striker will miss Wednesday's match.", SAT)["Wednesday"] == ("DATE", "2000-01-19")

    def test_ahead_of_an_owned_weekday_is_coming(self) -> None:
        got = _values("Ahead of Sunday's election, the party held a rally.", SAT)
        assert got["Sunday"] == ("DATE", "2000-01-16")

    def test_in_the_wake_of_is_past(self) -> None:
        got = _values("In the wake of Thursday's vote, markets will reopen.", SAT)
        assert got["Thursday"] == ("DATE", "2000-01-13")

    def test_a_weekday_with_a_relation_word_is_untouched(self) -> None:
        assert _values("Next Sunday's race will be the last.", SAT)["Next Sunday"] == ("DATE", "2000-01-16")


class TestRussianNarrativeCount:
    def test_past_clause_counts_from_the_named_year(self) -> None:
        got = _values("В 2019 году завод закрыли. Через три года его снесли.", WED, "ru")
        assert got["Через три года"] == ("DATE", "2022")

    def test_future_clause_counts_from_publication(self) -> None:
        got = _values("В 2019 году завод закрыли. Через три года на его месте построят парк.", WED, "ru")
        assert got["Через три года"] == ("DATE", "2028")

    def test_without_a_date_before_it_counts_from_publication(self) -> None:
        assert _values("Через два дня суд отпустил его.", WED, "ru")["Через два дня"] == ("DATE", "2025-07-18")


class TestRussianOrdinalWeekday:
    @pytest.mark.parametrize(("text", "extent", "value"), [
        ("Парад пройдёт в первую субботу мая.", "первую субботу мая", "2026-05-02"),
        ("Выборы назначены на второе воскресенье сентября.", "второе воскресенье сентября", "2025-09-14"),
        ("Встреча состоялась в последнюю пятницу июня.", "последнюю пятницу июня", "2025-06-27"),
        ("Фестиваль прошёл в третью субботу августа 2023 года.", "третью субботу августа 2023 года", "2023-08-19"),
    ])
    def test_day_of_the_month(self, text: str, extent: str, value: str) -> None:
        assert _values(text, WED, "ru")[extent] == ("DATE", value)

    def test_a_plain_weekday_is_still_a_weekday(self) -> None:
        assert _values("Встреча пройдёт в субботу.", WED, "ru")["субботу"] == ("DATE", "2025-07-19")


class TestShoppingHolidays:
    def test_black_friday_follows_thanksgiving(self) -> None:
        assert _values("Retailers cut prices for Black Friday.", date(2026, 11, 2))["Black Friday"] == (
            "DATE", "2026-11-27")

    def test_cyber_monday(self) -> None:
        assert _values("Online sales peaked on Cyber Monday.", date(2025, 12, 5))["Cyber Monday"] == (
            "DATE", "2025-12-01")


class TestOvernight:
    def test_past_clause_is_the_night_before(self) -> None:
        assert _values("Drones struck the port overnight.", WED)["overnight"] == ("TIME", "2025-07-15TNI")

    def test_future_clause_is_the_coming_night(self) -> None:
        assert _values("The crew will remain on board overnight.", WED)["overnight"] == ("TIME", "2025-07-16TNI")

    def test_the_day_named_in_the_sentence_anchors_it(self) -> None:
        got = _values("Shares fell on Monday after heavy selling overnight in Asia.", WED)
        assert got["overnight"] == ("TIME", "2025-07-13TNI")

    @pytest.mark.parametrize("text", [
        "The bank raised its overnight lending rate.",
        "Guests paid for an overnight stay.",
        "Such trust is not built overnight.",
        "The singer became famous almost overnight.",
        "The band became a sensation overnight.",
    ])
    def test_not_a_night(self, text: str) -> None:
        assert "overnight" not in _values(text, WED)


def test_same_time_a_unit_off() -> None:
    got = _values("Bookings are above this time last year but below the same time last month.", WED)
    assert got["this time last year"] == ("DATE", "2024-07-16")
    assert got["the same time last month"] == ("DATE", "2025-06-16")


class TestFrontedDate:
    """A date opening its sentence and set off by a comma takes the tense of the clause after it."""

    @pytest.mark.parametrize(("text", "value"), [
        ("In December, after a long strike at the plant, the company opened a new line.", "2024-12"),
        ("In December, after a long strike at the plant, the company will open a new line.", "2025-12"),
        ("In January, a week after the vote, a bomb killed two guards.", "2025-01"),
    ])
    def test_main_clause_decides(self, text: str, value: str) -> None:
        assert _values(text, date(2025, 10, 25))[text.split(",")[0].split()[-1]] == ("DATE", value)

    def test_a_title_abbreviation_does_not_end_the_sentence(self) -> None:
        # without sentences from the caller the rough splitter must not cut at "vs." or "Mr.", or the
        # main verb falls outside the date's sentence
        text = "In January, a week after the Roe vs. Wade ruling's anniversary, a bomb killed a guard."
        assert _values(text, date(2025, 10, 25))["January"] == ("DATE", "2025-01")


def test_rough_splitter_keeps_titles_and_initials_inside() -> None:
    from dossier.analyze.timex.core import split_sentences

    text = "Mr. Bush met Gen. Powell. J. Edgar Hoover ran the FBI. He went to the U.S. Then he left."
    assert [text[a:b] for a, b in split_sentences(text)] == [
        "Mr. Bush met Gen. Powell.", "J. Edgar Hoover ran the FBI.", "He went to the U.S.", "Then he left."]
