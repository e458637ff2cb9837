"""TIME stage: the mechanisms of the seventh round (issue 10, h-tempeval6).

One class per mechanism, each with the cases it must change and the look-alikes it must leave alone:

* a fiscal or financial year named by a deictic word ("last fiscal year", "next financial year");
* "over" before a count: "more than" after a preposition, a measuring verb or a copula, else the
  preposition of a span, left out of the extent ("spread over two years");
* "the year-earlier period" with no quarter named: a reporting period is a quarter, never a day;
* "every night": that part of every day, like "every evening".
"""

from __future__ import annotations

from datetime import date

import pytest

from dossier.analyze.time import tag_times

TUE = date(2025, 10, 14)  # Tuesday, 2025-Q4
THU = date(1989, 11, 2)   # Thursday, 1989-Q4


def _values(text: str, anchor: date, language: str = "en") -> dict[str, tuple[str, str]]:
    return {t.text: (t.timex_type, t.value) for t in tag_times(text, language=language, anchor=anchor)}


class TestDeicticFiscalYear:
    @pytest.mark.parametrize(("text", "extent", "value"), [
        ("The airline lost money last fiscal year.", "last fiscal year", "2024"),
        ("Margins should widen this fiscal year.", "this fiscal year", "2025"),
        ("The ministry will cut spending next financial year.", "next financial year", "2026"),
        ("Revenue slipped in the previous fiscal year.", "the previous fiscal year", "2024"),
        # "the past fiscal year" is the last one closed, a named period, not twelve months up to now
        ("Exports grew over the past fiscal year.", "the past fiscal year", "2024"),
        ("The chain opened 40 stores in the last financial year.", "the last financial year", "2024"),
    ])
    def test_the_year_it_is_named_after(self, text: str, extent: str, value: str) -> None:
        assert _values(text, TUE)[extent] == ("DATE", value)

    @pytest.mark.parametrize(("text", "extent", "typ", "value"), [
        # a calendar stretch keeps its reading: "fiscal" is what turns it into a named period
        ("Exports grew over the past year.", "the past year", "DURATION", "P1Y"),
        ("The chain opened 40 stores last year.", "last year", "DATE", "2024"),
        # "fiscal" before a unit other than the year adds nothing here
        ("The bank will report next quarter.", "next quarter", "DATE", "2026-Q1"),
    ])
    def test_calendar_words_unchanged(self, text: str, extent: str, typ: str, value: str) -> None:
        assert _values(text, TUE)[extent] == (typ, value)


class TestOverBeforeACount:
    @pytest.mark.parametrize(("text", "extent", "value"), [
        ("The bonus will be paid out over three years.", "three years", "P3Y"),
        ("The repairs were spread over two months.", "two months", "P2M"),
        ("Over four days, the convoy crossed the desert.", "four days", "P4D"),
        ("Output climbed over six quarters.", "six quarters", "P6Q"),
    ])
    def test_the_preposition_of_a_span(self, text: str, extent: str, value: str) -> None:
        times = tag_times(text, language="en", anchor=TUE)
        hit = [t for t in times if t.value == value]
        assert [(t.text, t.mod) for t in hit] == [(extent, None)]

    @pytest.mark.parametrize(("text", "extent", "value"), [
        ("The patient stayed in hospital for over a month.", "over a month", "P1M"),
        ("The hearing lasted over five hours.", "over five hours", "PT5H"),
        ("Building the bridge took over a decade.", "over a decade", "P10Y"),
        ("His term was over two years.", "over two years", "P2Y"),
        ("The loan runs for just over a year.", "just over a year", "P1Y"),
    ])
    def test_more_than(self, text: str, extent: str, value: str) -> None:
        times = tag_times(text, language="en", anchor=TUE)
        hit = [t for t in times if t.value == value]
        assert len(hit) == 1
        assert hit[0].text.endswith(extent.removeprefix("just "))
        assert hit[0].text.startswith("over")
        assert hit[0].mod == "MORE_THAN"

    def test_ago_keeps_its_modifier(self) -> None:
        times = tag_times("The mine closed over ten years ago.", language="en", anchor=TUE)
        assert [(t.text, t.mod) for t in times] == [("over ten years ago", "MORE_THAN")]


class TestYearEarlierPeriodWithoutAQuarter:
    @pytest.mark.parametrize(("text", "extent", "value"), [
        # opening a results story: the last quarter closed before publication, a year back
        ("Against the year-earlier period, revenue fell 3%.", "the year-earlier period", "1988-Q3"),
        # a day named that is no quarter's end: the quarter closed before it
        ("On Oct. 12 the group said its loss had narrowed from the year-earlier period.",
         "the year-earlier period", "1988-Q3"),
        # a quarter's closing day: that quarter
        ("Debt at June 30 was below the year-earlier period.", "the year-earlier period", "1988-Q2"),
    ])
    def test_a_quarter_not_a_day(self, text: str, extent: str, value: str) -> None:
        assert _values(text, THU)[extent] == ("DATE", value)

    def test_a_named_quarter_still_wins(self) -> None:
        text = "Net rose in the second quarter, compared with a loss in the year-earlier period."
        assert _values(text, THU)["the year-earlier period"] == ("DATE", "1988-Q2")

    def test_a_span_of_months_still_wins(self) -> None:
        text = "For the six months, sales rose 4% from the year-earlier period."
        assert _values(text, THU)["the year-earlier period"] == ("DURATION", "P6M")


class TestEveryNight:
    def test_a_part_of_every_day(self) -> None:
        assert _values("Patrols go out every night.", TUE)["every night"] == ("SET", "TNI")
        assert _values("Patrols go out every evening.", TUE)["every evening"] == ("SET", "TEV")

    def test_counted_nights_stay_days(self) -> None:
        assert _values("The ferry sails every three nights.", TUE)["every three nights"] == ("SET", "P3D")
        assert _values("Guests stay four nights.", TUE)["four nights"] == ("DURATION", "P4D")


class TestOrdinalDayOfAnEvent:
    THU = date(1998, 8, 20)

    @pytest.mark.parametrize(("text", "extent", "value"), [
        # a present copula or "enter": the day (week) the event has reached is now
        ("It's the fourth day of the blockade.", "the fourth day", "1998-08-20"),
        ("The walkout is in its ninth day.", "ninth day", "1998-08-20"),
        ("The siege is now in its sixth week.", "sixth week", "1998-W34"),
        ("The hearing enters its 15th day.", "15th day", "1998-08-20"),
        # a day named before the verb in the sentence: that day
        ("Tuesday was the second day of the sit-in.", "the second day", "1998-08-18"),
    ])
    def test_dated_by_its_verb(self, text: str, extent: str, value: str) -> None:
        assert _values(text, self.THU)[extent] == ("DATE", value)

    @pytest.mark.parametrize("text", [
        # a past verb with no day named, or no copula at all: nothing to date it by
        "It was the third day of heavy rain.",
        "On the first day of the summit, the leaders posed for photos.",
        "The fifth day of the hearing began quietly.",
        # no event after it: a count or a name, not a day reached
        "That is the second week in a row of losses.",
        "She is the first day trader to be charged.",
    ])
    def test_left_alone(self, text: str) -> None:
        assert [t for t in tag_times(text, language="en", anchor=self.THU) if "day" in t.text or "week" in t.text] == []


class TestWordsNamingACountedPeriod:
    @pytest.mark.parametrize(("text", "extent", "value"), [
        ("Net for the year-earlier six months included a gain.", "the year-earlier six months", "P6M"),
        ("Costs fell from the comparable nine months.", "the comparable nine months", "P9M"),
        ("In the same two weeks, prices rose.", "the same two weeks", "P2W"),
    ])
    def test_the_whole_phrase(self, text: str, extent: str, value: str) -> None:
        assert _values(text, THU)[extent] == ("DURATION", value)

    def test_the_article_of_a_noun_stays_out(self) -> None:
        assert "three days" in _values("the three days of talks ended", THU)


class TestApproximateCountBackRussian:
    @pytest.mark.parametrize(("text", "extent", "value", "mod"), [
        ("Склад сгорел около трёх недель назад.", "около трёх недель назад", "2025-09-23", "APPROX"),
        ("Почти год назад мэр ушёл в отставку.", "Почти год назад", "2024", "APPROX"),
        ("Более двадцати лет назад здесь был рынок.", "Более двадцати лет назад", "2005", "MORE_THAN"),
    ])
    def test_counted_back_from_publication(self, text: str, extent: str, value: str, mod: str) -> None:
        times = tag_times(text, language="ru", anchor=TUE)
        assert [(t.text, t.timex_type, t.value, t.mod) for t in times] == [(extent, "DATE", value, mod)]

    def test_a_stretch_without_nazad_stays_a_duration(self) -> None:
        assert _values("Около трёх недель шёл ремонт.", TUE, "ru")["Около трёх недель"] == ("DURATION", "P3W")


class TestMonthsJoinedByADash:
    @pytest.mark.parametrize(("text", "language", "values"), [
        # a past clause: the range is over, so its start is not the coming January
        ("За январь–август экспорт сократился.", "ru", ["2025-01", "2025-08"]),
        ("В январе–августе экспорт сократился.", "ru", ["2025-01", "2025-08"]),
        # English: the second month has no other context than the dash
        ("Exports shrank in January-August.", "en", ["2025-01", "2025-08"]),
        ("Exports shrank in the February–June period.", "en", ["2025-02", "2025-06"]),
        ("Output fell in Feb.-April.", "en", ["2025-02", "2025-04"]),
        # a coming range keeps its order by moving the end ahead
        ("The exhibition will run November–February.", "en", ["2025-11", "2026-02"]),
    ])
    def test_both_ends_in_order(self, text: str, language: str, values: list[str]) -> None:
        assert [t.value for t in tag_times(text, language=language, anchor=TUE)] == values

    def test_a_hyphenated_name_is_no_month(self) -> None:
        assert tag_times("The prize went to May-Britt Moser.", language="en", anchor=TUE) == []


def test_a_spaced_dash_is_no_range() -> None:
    """A dash with spaces around it separates clauses (a dateline, then the story), so the day after it is
    not the end of a range that would push the dateline's day back a week."""
    times = tag_times("МИНСК, 3 декабря — Вчера на заводе прошла проверка.", language="ru", anchor=date(2025, 12, 4))
    assert [t.value for t in times] == ["2025-12-03", "2025-12-03"]
