"""TIME stage, English: the fourth issue-10 round (general mechanisms, own sentences).

Every case is written for the mechanism, not copied from TempEval: a verb
"last" is no "the last N days", a weekend said "last" on a weekend is the one
before, and "the period" after a reported quarter is that quarter.
"""

from __future__ import annotations

from datetime import date

from dossier.analyze.time import tag_times

WED = date(2024, 3, 13)


def values(text: str, anchor: date = WED) -> dict[str, str]:
    return {t.text: t.value for t in tag_times(text, language="en", anchor=anchor)}


# --- "last" as a verb ------------------------------------------------------------------


def test_last_after_a_modal_or_to_is_the_verb_not_the_adjective() -> None:
    # the object of the verb is a plain duration; "last several weeks" is not PAST_REF
    assert values("The trial is expected to last several weeks.") == {"several weeks": "PXW"}
    assert values("The strike could last three days.") == {"three days": "P3D"}
    assert values("It will not last two more years.") == {"two more years": "P2Y"}


def test_last_as_an_adjective_still_counts_back() -> None:
    assert values("Sales fell in the last three months.") == {"the last three months": "P3M"}
    assert values("Sales fell over the last few weeks.") == {"the last few weeks": "PAST_REF"}
    assert values("Sales fell last year.") == {"last year": "2023"}


# --- "last weekend" is the weekend of the week before ----------------------------------


def test_last_weekend_on_a_weekend_day_is_the_previous_one() -> None:
    # Saturday 2021-01-02 and Sunday 2021-01-03 lie in 2020-W53; the weekend under way is "this weekend"
    assert values("He left last weekend.", date(2021, 1, 2)) == {"last weekend": "2020-W52-WE"}
    assert values("He left last weekend.", date(2021, 1, 3)) == {"last weekend": "2020-W52-WE"}


def test_last_weekend_on_a_weekday_is_the_one_just_over() -> None:
    assert values("He left last weekend.", date(2021, 1, 4)) == {"last weekend": "2020-W53-WE"}
    assert values("He left last weekend.", date(2021, 1, 8)) == {"last weekend": "2020-W53-WE"}


# --- "the year-ago period" after a quarter read from the publication date --------------


def test_year_ago_period_after_an_unnamed_quarter_is_that_quarter_a_year_before() -> None:
    got = values("Net income for the quarter was $5 million, compared with $4 million in the year-ago period.",
                 date(1998, 2, 13))
    assert got == {"the quarter": "1997-Q4", "the year-ago period": "1996-Q4"}


def test_year_ago_period_after_a_closing_day_is_the_quarter_not_the_day() -> None:
    got = values("Net in the quarter ended Dec. 31 was $5 million, against $4 million in the year-ago period.",
                 date(1998, 2, 13))
    assert got["the year-ago period"] == "1996-Q4"


def test_the_quarter_read_from_the_publication_date_is_no_day_reference() -> None:
    # it names the reported quarter for later periods, but "a day later" still counts from the last day named
    got = values("On Feb. 10 the board met. Net for the quarter rose. A day later the chief quit.", date(1998, 2, 13))
    assert got["A day later"] == "1998-02-11"


# --- an auxiliary a few words before a month or date decides its side firmly -----------


def test_will_close_before_a_month_puts_it_ahead_even_months_away() -> None:
    feb = date(1998, 2, 13)
    assert values("The election will be held in November.", feb) == {"November": "1998-11"}
    assert values("The firm will pay the dividend on Dec. 15.", feb) == {"Dec. 15": "1998-12-15"}


def test_a_cue_beyond_a_comma_does_not_overrule_the_expressions_own_auxiliary() -> None:
    got = values("The election, which will take place in November, is disputed.", date(1998, 2, 13))
    assert got == {"November": "1998-11"}


def test_was_close_before_a_month_puts_it_behind() -> None:
    octo = date(1998, 10, 13)
    assert values("The election was held in December.", octo) == {"December": "1997-12"}
    assert values("The vote was held on Dec. 15.", octo) == {"Dec. 15": "1997-12-15"}


def test_a_far_or_non_auxiliary_cue_stays_a_soft_hint() -> None:
    # "said" is far from "December" and the clause after it is in the present: the nearer month wins
    assert values("The company said the election is in December.", date(1998, 10, 13)) == {"December": "1998-12"}
    # a participle used as an adjective is no auxiliary ("the reduced dividend is payable Jan. 2")
    got = values("The reduced dividend is payable Jan. 2.", date(1989, 11, 2))
    assert got == {"Jan. 2": "1990-01-02"}


# --- "this <season>" is the season of the anchor's year ---------------------------------


def test_this_season_in_winter_months_is_the_coming_one_of_this_year() -> None:
    feb = date(1998, 2, 13)
    assert values("This spring the plant will reopen.", feb) == {"This spring": "1998-SP"}
    assert values("The vote is due this fall.", feb) == {"this fall": "1998-FA"}
    # winter straddles New Year: in February "this winter" is the one that began in December
    assert values("This winter was mild.", feb) == {"This winter": "1997-WI"}
    assert values("They left last fall.", feb) == {"last fall": "1997-FA"}


# --- a present schedule verb right before a weekday looks ahead -------------------------


def test_present_schedule_verb_a_few_words_before_a_weekday_is_future() -> None:
    wed = date(1998, 8, 12)
    assert values("The suspects appear in court Monday.", wed) == {"Monday": "1998-08-17"}
    assert values("The embassy reopens Monday.", wed) == {"Monday": "1998-08-17"}


def test_schedule_verb_after_an_auxiliary_or_another_cue_is_not_future() -> None:
    wed = date(1998, 8, 12)
    assert values("The suspects did not appear in court Monday.", wed) == {"Monday": "1998-08-10"}
    assert values("The embassy reopened Monday.", wed) == {"Monday": "1998-08-10"}
    # "as planned" names the manner: the verb before it says nothing about the day
    assert values("He let the attack begin as previously planned Monday.", wed) == {"Monday": "1998-08-10"}


def test_an_auxiliary_with_a_cue_of_the_other_tense_between_is_no_close_cue() -> None:
    # "was" belongs to "there was speculation"; "would use" is the expression's verb (soft future, no cue
    # forces the far side: Friday two days ahead is nearer than the one five days back)
    got = values("There was speculation the bank would use Friday's meeting to act.", date(2005, 3, 1))
    assert got == {"Friday": "2005-03-04"}
    # a noun "visit" is no schedule verb: "began a visit ... on Monday" stays in the past
    got = values("The chancellor began a three-day visit to Beijing on Monday.", date(2005, 3, 1))
    assert got["Monday"] == "2005-02-28"


def test_year_earlier_period_after_a_span_closed_on_a_named_day_is_the_span() -> None:
    got = values("Net fell in the six months ended Sept. 30, compared with the year-earlier period.",
                 date(1989, 11, 2))
    assert got["the year-earlier period"] == "P6M"
    # a date named after the span that does not close it ends the span's reach
    got = values("Net fell in the six months. On Oct. 5 the firm sold a unit, against none in the year-earlier period.",
                 date(1989, 11, 2))
    assert got["the year-earlier period"] != "P6M"


# --- "that same year", "that summer": the period of the date under discussion ----------


def test_that_same_year_is_the_year_named_before() -> None:
    got = values("In 1995 the group bombed a bus. That same year it attacked a hotel.", date(1998, 8, 20))
    assert got["That same year"] == "1995"


def test_that_season_is_the_season_of_the_year_under_discussion() -> None:
    got = values("In March 1995 the group bombed a bus. That summer it attacked a hotel.", date(1998, 8, 20))
    assert got["That summer"] == "1995-SU"
    # with no date before it, it is this year's
    assert values("That summer was hot.", date(1998, 8, 20)) == {"That summer": "1998-SU"}
    # "that fall in prices" is the drop
    assert values("In 1995 prices rose; that fall in prices came later.", date(1998, 8, 20)) == {"1995": "1995"}


def test_the_past_year_and_a_half_is_eighteen_months() -> None:
    got = values("Over the past year and a half, prices doubled.")
    assert got == {"the past year and a half": "P18M"}
    assert values("The past year was hard.") == {"The past year": "P1Y"}


# --- a season is a reference for later anaphora ----------------------------------------


def test_a_year_later_after_a_season_counts_from_that_season() -> None:
    got = values("He joined in the fall of 1989 and left a year later.", date(1998, 8, 20))
    assert got == {"the fall of 1989": "1989-FA", "a year later": "1990"}
    got = values("In the summer of 1996 the river froze. Two years earlier it had flooded.", date(1998, 8, 20))
    assert got["Two years earlier"] == "1994"


# --- vague counts in sets ----------------------------------------------------------------


def test_every_few_years_and_several_times_a_year_are_sets() -> None:
    assert values("The index is revised every few years.") == {"every few years": "PXY"}
    assert values("He visits several times a year.") == {"several times a year": "P1Y"}


def test_a_close_past_auxiliary_does_not_push_back_an_open_end_or_an_expectation() -> None:
    jan = date(1990, 1, 15)
    assert values("The vote was delayed until March.", jan) == {"March": "1990-03"}
    assert values("The trial was set for March.", jan) == {"March": "1990-03"}
    assert values("The payment was due in March.", jan) == {"March": "1990-03"}
    # a plain past verb phrase does
    assert values("The vote was held in March.", jan) == {"March": "1989-03"}


def test_a_season_counted_from_the_publication_date_is_no_reference() -> None:
    got = values("He is out of contract in the summer. They promised an answer within the next month.",
                 date(2005, 3, 1))
    assert got["the next month"] == "2005-04"


def test_that_after_a_verb_is_a_conjunction_not_that_season() -> None:
    got = values("Traders warned that the fall could be short-lived.", date(2005, 3, 1))
    assert "that the fall" not in got


def test_a_close_past_auxiliary_always_picks_the_past_occurrence() -> None:
    nov = date(1989, 11, 2)
    # December is one month ahead and eleven back: the past verb phrase settles it
    assert values("Talks had broken down in December.", nov) == {"December": "1988-12"}
    assert values("Talks did not resume in December.", nov) == {"December": "1988-12"}
    # an expectation inside the cue ("had been set to") keeps the soft hint: the coming Nov. 6
    assert values("The offer had been set to expire Nov. 6.", nov) == {"Nov. 6": "1989-11-06"}


# --- "<unit>-long" modifiers ------------------------------------------------------------------


def test_unit_long_modifiers_are_one_unit_durations_without_the_article() -> None:
    got = values("The year-long strike ended after a month-long siege and a weeklong truce.")
    assert got == {"year-long": "P1Y", "month-long": "P1M", "weeklong": "P1W"}
    # a counted one keeps its count
    assert values("A two-day-long battle.") == {"two-day-long": "P2D"}


def test_present_copula_with_an_expectation_looks_ahead() -> None:
    wed = date(1998, 8, 19)
    assert values("A decision is expected Monday.", wed) == {"Monday": "1998-08-24"}
    assert values("The ruling is due out Monday.", wed) == {"Monday": "1998-08-24"}
    assert values("The meeting is set for Monday.", wed) == {"Monday": "1998-08-24"}
    # a causal "is due to" is no cue
    assert values("The drop is due to the strike on Monday.", wed) == {"Monday": "1998-08-17"}


def test_more_irregular_past_forms_are_past_cues() -> None:
    # Friday is two days ahead and five back: only the past verb makes it the last one
    wed = date(1998, 8, 19)
    assert values("The storm swept the coast Friday.", wed) == {"Friday": "1998-08-14"}
    assert values("The court upheld the ruling Friday.", wed) == {"Friday": "1998-08-14"}


def test_the_year_in_a_past_clause_early_in_the_year_is_the_year_just_ended() -> None:
    feb = date(1990, 2, 10)
    assert values("For the year, net income rose 10% to $50 million.", feb) == {"the year": "1989"}
    assert values("The company expects sales to rise in the year.", feb) == {"the year": "1990"}
    # later in the year a past "for the year" is the current one, to date
    assert values("For the year, net income rose 10%.", date(1989, 10, 30)) == {"the year": "1989"}


def test_present_copula_right_before_a_date_is_scheduled() -> None:
    wed = date(1998, 8, 19)
    assert values("The election is Sunday.", wed) == {"Sunday": "1998-08-23"}
    assert values("Funeral services are Saturday.", wed) == {"Saturday": "1998-08-22"}


def test_the_year_early_in_the_year_only_in_the_results_idiom() -> None:
    # "2005 should be the year for ...": no report on a period, so the current year
    got = values("He said 2005 should be the year for campaigning.", date(2005, 3, 1))
    assert got["the year"] == "2005"


def test_a_year_with_its_century_left_out() -> None:
    got = values("He won in '96 and lost the '94 race; the class of '69 met.", date(1998, 8, 20))
    assert got == {"'96": "1996", "'94": "1994", "'69": "1969"}
    assert values("He won in '02.", date(2005, 3, 1)) == {"'02": "2002"}
    # a quotation mark before a count, and a decade, are not such years
    assert values("He said '96 people died' in the '90s.", date(1998, 8, 20)) == {"the '90s": "199"}
    # nor a share: "and '99 percent" is a number in quotation marks, as "1999 percent" is no year
    assert values("Voters heard 'yes' and '99 percent agree'.", date(2005, 3, 1)) == {}
    assert values("It rose in '99 per cent of cases.", date(2005, 3, 1)) == {}
