"""TIME stage, English: general mechanisms of issue 10's generalisation round.

Each test pins one mechanism with short sentences of our own and a fixed
publication date, so a rule tuned on TempEval's development half cannot
silently break the general case.  1989-10-30 is a Monday in the fourth
quarter; 1998-01-02 a Friday just after a year boundary.
"""

from __future__ import annotations

from datetime import date

import pytest

from dossier.analyze.time import tag_times

OCT = date(1989, 10, 30)
NEW_YEAR = date(1998, 1, 2)


def values(text: str, anchor: date = OCT) -> dict[str, str]:
    return {t.text: t.value for t in tag_times(text, language="en", anchor=anchor)}


# --- "last quarter" is the quarter before the current one (issue 10) ---------------------


def test_last_quarter_is_relative_to_the_publication_date() -> None:
    assert values("Profit fell last quarter.") == {"last quarter": "1989-Q3"}
    assert values("Profit fell in the last quarter.") == {"the last quarter": "1989-Q3"}
    assert values("Profit rose last half.") == {"last half": "1989-H1"}


def test_last_quarter_of_a_named_year_is_its_fourth() -> None:
    assert values("Profit fell in the last quarter of 1988.") == {"the last quarter of 1988": "1988-Q4"}
    assert values("Profit fell in the last quarter of the year.") == {"the last quarter of the year": "1989-Q4"}
    assert values("Profit fell in the final quarter.") == {"the final quarter": "1989-Q4"}


# --- a year's quarter written with a possessive ---------------------------------------


def test_possessive_year_names_the_quarter() -> None:
    assert values("In 1988's third quarter the firm grew.") == {"1988's third quarter": "1988-Q3"}
    assert values("In fiscal 1990's first quarter, sales rose.") == {"fiscal 1990's first quarter": "1990-Q1"}


def test_decade_with_apostrophe_is_still_a_decade() -> None:
    assert values("In the 1990's, growth was fast.") == {"the 1990's": "199"}
    assert values("Growth in the 1980's was fast.") == {"the 1980's": "198"}


# --- a future clause does not name a period that has ended ------------------------------


def test_future_half_that_has_ended_moves_to_the_coming_one() -> None:
    assert values("The plant will reopen in the second half.", NEW_YEAR) == {"the second half": "1998-H2"}
    assert values("The new line will ship in the fourth quarter.", NEW_YEAR) == {"the fourth quarter": "1998-Q4"}


def test_future_report_may_name_the_quarter_just_ended() -> None:
    # results are reported after the quarter closes: the just-ended one stays possible
    assert values("The company is expected to post a fourth-quarter loss.", NEW_YEAR) == {
        "fourth-quarter": "1997-Q4"
    }
    assert values("Sales rose in the fourth quarter.", NEW_YEAR) == {"the fourth quarter": "1997-Q4"}
    # a warning about the quarter just closed, results not yet out
    assert values("The company said fourth-quarter profit will be lower.", NEW_YEAR) == {"fourth-quarter": "1997-Q4"}


# --- causal "due to" is no future cue ----------------------------------------------------


def test_causal_due_to_is_not_a_future_cue() -> None:
    text = "It said it cut the dividend due to its third-quarter loss."
    assert values(text, date(1989, 11, 2)) == {"third-quarter": "1989-Q3"}


def test_due_to_before_a_verb_still_looks_ahead() -> None:
    # 1989-11-02 is a Thursday: the Friday to come, not the one before
    assert values("The vote is due to take place on Friday.", date(1989, 11, 2)) == {"Friday": "1989-11-03"}


# --- recurring days written as plurals -------------------------------------------------


def test_plural_weekday_is_a_set() -> None:
    assert values("The store is closed on Mondays.") == {"Mondays": "XXXX-WXX-1"}
    assert values("He works Sundays and holidays.") == {"Sundays": "XXXX-WXX-7"}
    found = tag_times("The museum shuts on weekends.", language="en", anchor=OCT)
    assert [(t.text, t.timex_type, t.value) for t in found] == [("weekends", "SET", "XXXX-WXX-WE")]


def test_counted_weekends_stay_a_duration() -> None:
    assert values("The strike lasted two weekends.") == {"two weekends": "P2WE"}


# --- counts from the publication date ---------------------------------------------------


def test_from_today_counts_forward_like_from_now() -> None:
    assert values("The deal will close a week from today.") == {"a week from today": "1989-11-06"}


def test_the_unit_before_last_is_two_back() -> None:
    assert values("The deal closed the week before last.") == {"the week before last": "1989-W42"}
    assert values("The deal closed the month before last.") == {"the month before last": "1989-08"}
    # without "last" it is still one unit before the date under discussion
    assert values("The deal closed the day before, he said.") == {"the day before": "1989-10-29"}


def test_fiscal_year_with_a_relative_clause_is_twelve_months() -> None:
    found = values("The fiscal year that ended Sept. 30 was good.")
    assert found["The fiscal year"] == "P1Y"
    assert values("Profit rose for the year ended Sept. 30.")["the year"] == "P1Y"


# --- "that quarter", "the same year": the last period of that size --------------------


def test_that_quarter_is_the_last_quarter_named_not_the_last_date() -> None:
    text = "In the second quarter, ended Oct. 31, the firm lost money. Results for that quarter included a charge."
    assert values(text)["that quarter"] == "1989-Q2"


def test_that_year_after_a_finer_date_is_the_year_named() -> None:
    found = values("He moved to Florida in June 1998 and returned later that year.")
    assert found["later that year"] == "1998"


# --- "on the morning of <day>" ----------------------------------------------------------


def test_part_of_day_of_a_named_day_is_one_time() -> None:
    found = tag_times("Shares fell on the morning of Oct. 19.", language="en", anchor=OCT)
    assert [(t.text, t.timex_type, t.value) for t in found] == [("the morning of Oct. 19", "TIME", "1989-10-19TMO")]


def test_on_the_morning_without_a_day_is_no_time() -> None:
    assert values("He appeared on the morning show.") == {}


# --- a leading "since" / "by" sets the side of the publication date -----------------------


def test_since_looks_back_even_without_a_past_verb() -> None:
    # January 1990: a bare "March" with no tense cue is nearest in the coming March; "since" rules it out
    jan = date(1990, 1, 20)
    assert values("The plant has been closed since March.", jan) == {"March": "1989-03"}
    assert values("The plant has been closed since Friday.") == {"Friday": "1989-10-27"}


def test_by_is_a_deadline_ahead() -> None:
    text = "The sale, which had been expected, is part of a plan to pay down the loan by February."
    assert values(text) == {"February": "1990-02"}
    assert values("The deal must close by Friday.") == {"Friday": "1989-11-03"}


def test_by_in_past_perfect_narrative_looks_back() -> None:
    assert values("By March, the firm had run out of cash.") == {"March": "1989-03"}
    assert values("The firm had run out of cash by March.") == {"March": "1989-03"}


def test_by_before_a_possessive_is_the_agent() -> None:
    assert values("The town was hit by Tuesday's storm.") == {"Tuesday": "1989-10-24"}


# --- "later in the day": the day under discussion --------------------------------------


def test_later_in_the_day_is_the_publication_day_without_another() -> None:
    found = tag_times("He arrived in Philadelphia later in the day.", language="en", anchor=date(1998, 2, 13))
    assert [(t.text, t.value) for t in found] == [("the day", "1998-02-13")]


def test_earlier_in_the_day_follows_the_day_just_named() -> None:
    text = "Shares fell Tuesday. Earlier in the day, the bank had cut rates."
    assert values(text, date(1998, 2, 13)) == {"Tuesday": "1998-02-10", "the day": "1998-02-10"}


# --- "a year earlier" after a period that closed on a named day ---------------------------


def test_year_earlier_after_a_closing_day_is_that_day_a_year_before() -> None:
    text = "For the quarter ended Sept. 30, net rose to $5 million from $4 million a year earlier."
    assert values(text)["a year earlier"] == "1988-09-30"


def test_year_earlier_after_a_plain_day_keeps_the_year() -> None:
    # the day is an event's, not the end of a reported period: the comparison is with the year
    assert values("He was elected on Sept. 30. A year earlier he had lost.")["A year earlier"] == "1988"


# --- "the period" after a reported span of months ------------------------------------------


def test_year_earlier_period_after_the_nine_months_is_that_span() -> None:
    text = (
        "Net rose in the third quarter. For the nine months, net was $81 million. "
        "In the year-earlier period, net was $77 million."
    )
    assert values(text, date(1989, 10, 27))["the year-earlier period"] == "P9M"


def test_year_earlier_period_after_a_quarter_is_still_the_quarter() -> None:
    text = "Net rose in the third quarter to $5 million from $4 million in the year-earlier period."
    assert values(text, date(1989, 10, 27))["the year-earlier period"] == "1988-Q3"


# --- an unmeasured stretch up to now --------------------------------------------------------


def test_past_few_units_is_the_past() -> None:
    assert values("Profit fell in the past several quarters.") == {"the past several quarters": "PAST_REF"}
    assert values("Profit fell over the last few months.") == {"the last few months": "PAST_REF"}


def test_counted_or_coming_stretches_stay_durations() -> None:
    assert values("Profit fell over the past two months.") == {"the past two months": "P2M"}
    assert values("Profit will rise over the next few years.") == {"the next few years": "PXY"}


# --- "as planned" names the manner, not the time ---------------------------------------------


def test_as_planned_is_no_future_cue() -> None:
    feb = date(1991, 2, 25)  # a Monday
    text = "When Iraq failed to respond, Mr. Bush let the ground offensive begin as previously planned Saturday night."
    assert values(text, feb) == {"Saturday night": "1991-02-23"}
    assert values("The vote is planned for Saturday.", feb) == {"Saturday": "1991-03-02"}


# --- "in the fall" is the season ------------------------------------------------------------


def test_in_the_fall_is_autumn() -> None:
    aug = date(1998, 8, 11)
    assert values("The trial is expected to begin in the fall.", aug) == {"the fall": "1998-FA"}


def test_a_fall_of_something_is_no_season() -> None:
    aug = date(1998, 8, 11)
    assert values("After the fall of the Berlin Wall, trade grew.", aug) == {}
    assert values("Since the fall in prices, trade grew.", aug) == {}
    assert values("Prices will fall in March.", aug) == {"March": "1999-03"}


def test_weekday_with_plural_part_of_day_is_a_set() -> None:
    assert values("He calls on Sunday mornings.") == {"Sunday mornings": "XXXX-WXX-7TMO"}
    # the singular is one day
    assert values("He called on Sunday morning.") == {"Sunday morning": "1989-10-29TMO"}


def test_fiscal_before_the_ordinal_belongs_to_the_quarter() -> None:
    found = tag_times("Delta earnings soared in the fiscal first quarter.", language="en", anchor=date(1989, 10, 26))
    assert [(t.text, t.value) for t in found] == [("the fiscal first quarter", "1989-Q1")]


# --- "that night", "the next morning": a part of the day under discussion --------------------


def test_that_night_is_the_day_just_named() -> None:
    aug = date(1998, 8, 11)
    text = "The bomb exploded on Aug. 7. That night, rescuers dug through the rubble."
    assert values(text, aug) == {"Aug. 7": "1998-08-07", "That night": "1998-08-07TNI"}


def test_next_and_previous_part_of_day_move_one_day() -> None:
    aug = date(1998, 8, 11)
    assert values("The bomb exploded on Aug. 7. By the next morning, the FBI had arrived.", aug)[
        "the next morning"
    ] == "1998-08-08TMO"
    assert values("The bomb exploded on Aug. 7. The previous night, guards had seen a truck.", aug)[
        "The previous night"
    ] == "1998-08-06TNI"
    # no day named before: the publication date's
    assert values("He spoke that evening.", aug) == {"that evening": "1998-08-11TEV"}


# --- "the present" as an adjective --------------------------------------------------------


def test_the_present_before_a_noun_is_no_time() -> None:
    assert values("The present crisis began in May.", date(1998, 8, 11)) == {"May": "1998-05"}


def test_the_present_as_a_noun_is_present_ref() -> None:
    aug = date(1998, 8, 11)
    assert values("From 1990 to the present, prices rose.", aug)["the present"] == "PRESENT_REF"
    assert values("Until the present day, prices rose.", aug) == {"the present day": "PRESENT_REF"}


def test_semiannually_is_every_six_months() -> None:
    assert values("Interest is paid semiannually.") == {"semiannually": "P6M"}
    assert values("Dividends are paid semi-annually.") == {"semi-annually": "P6M"}
    assert values("Dividends are paid annually.") == {"annually": "P1Y"}


def test_the_year_through_a_month_is_twelve_months() -> None:
    assert values("Sales in the year through June 30 rose.")["the year"] == "P1Y"
    # "this year through Oct. 19" is the calendar year so far
    assert values("Prices have fallen 2% this year through Oct. 19.")["this year"] == "1989"


# --- "this past", "this coming" -------------------------------------------------------------


def test_this_past_and_this_coming_weekday_keep_this_in_the_extent() -> None:
    wed = date(1998, 8, 12)
    assert values("The talks ended this past Friday.", wed) == {"this past Friday": "1998-08-07"}
    assert values("The talks resume this coming Monday.", wed) == {"this coming Monday": "1998-08-17"}


def test_past_weekend_is_the_last_weekend_not_a_duration() -> None:
    wed = date(1998, 8, 12)  # ISO week 33
    assert values("The talks ended this past weekend.", wed) == {"this past weekend": "1998-W32-WE"}
    assert values("The talks ended over the past weekend.", wed) == {"the past weekend": "1998-W32-WE"}
    assert values("The talks resume this coming weekend.", wed) == {"this coming weekend": "1998-W33-WE"}
    sun = date(1998, 8, 16)
    assert values("The talks resume this coming weekend.", sun) == {"this coming weekend": "1998-W34-WE"}
    # a week is still a stretch up to now
    assert values("Prices rose in the past week.", wed) == {"the past week": "P1W"}


def test_the_weeks_ahead_is_an_unmeasured_duration() -> None:
    assert values("Prices will rise in the weeks ahead.") == {"the weeks ahead": "PXW"}
    assert values("Prices will rise in the years to come.") == {"the years to come": "FUTURE_REF"}


def test_vague_quarters_of_something_are_time_counted_ones_a_fraction() -> None:
    assert values("It became profitable after several quarters of losses.") == {"several quarters": "PXQ"}
    assert values("Three quarters of the vote went to him.") == {}
    assert values("Profit fell for three quarters.") == {"three quarters": "P3Q"}


@pytest.mark.parametrize("anchor", [date(1, 1, 1), date(1, 1, 2), date(9999, 12, 1), date(9999, 12, 31)])
def test_anchor_at_the_calendar_edge_loses_only_unrepresentable_values(anchor: date) -> None:
    # "the summer" or "last weekend" a year or week beyond 0001/9999 has no value; the article's
    # other expressions are still read and nothing raises (a broken feed's date must not lose it)
    found = tag_times("In the summer, last weekend and in the fourth quarter of 2020 prices rose.",
                      language="en", anchor=anchor)
    assert any(t.value == "2020-Q4" for t in found)
