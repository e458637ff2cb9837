"""Issue 10, stories and time: the dates a lead gives, and publication times far apart.

Two developments of one kind (two strikes at one port, years apart) share every name and most
words; what differs is *when*.  These tests pin down how lead dates are read and compared, that
the contrast separates such developments when it is on and leaves reports of one development
together, and how the publication-time decay treats articles before and after a story.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from dossier.resolve.stories import (
    StoryConfig,
    StoryIndex,
    StoryState,
    lead_dates,
    lead_end,
    time_key,
    times_agree,
)
from dossier.store import Store, crossdoc
from test_crossdoc_store import _stub_articles
from test_stories import FILLER

TIMED = StoryConfig()  # the contrast is on by default (first 30 words, x 0.4)
# On a stream of a dozen articles every name is rare, so the 2033 walkout scores 0.40 against the 2029
# story; the default factor leaves 0.16 (still a join: a factor, not a veto), a strong one splits.
STRONG = StoryConfig(time_contrast_factor=0.25)

STRIKE_2029_A = (
    "March 3, 2029. Dockworkers at the port of Valmora walked off the job over night-shift pay, "
    "stranding the Orsella ferry fleet; the Harbour Board called the walkout unlawful and union "
    "leader Teodor Brask said cranes would stay idle until the board met the pickets."
)
STRIKE_2029_B = (
    "Dockworkers at the port of Valmora kept up their walkout over night-shift pay on March 4, 2029, "
    "with the Orsella ferry fleet stranded at the quay, while union leader Teodor Brask told pickets "
    "the Harbour Board had refused to talk and the cranes would stay idle."
)
STRIKE_2033 = (
    "On June 12, 2033, Valmora dockworkers began a walkout over automated cranes; Teodor Brask, their "
    "union leader, said the Harbour Board had broken its word."
)
STRIKE_UNDATED = (
    "Dockworkers at the port of Valmora walked off the job over night-shift pay, stranding the "
    "Orsella ferry fleet, and union leader Teodor Brask said the cranes would stay idle until the "
    "Harbour Board met the pickets."
)


def _index(config: StoryConfig) -> StoryIndex:
    index = StoryIndex(config=config)
    for n, text in enumerate(FILLER):
        index.add(f"f{n}", text)
    return index


def test_time_keys_keep_calendar_values_without_clock_and_drop_unplaced_ones() -> None:
    assert time_key("2031-04-09T14:30") == "2031-04-09"
    assert time_key("2031-04") == "2031-04"
    assert time_key("2031-Q2") == "2031-Q2"
    assert time_key("2031-W15-3") == "2031-W15-3"
    assert time_key("XXXX-11-02") == "XXXX-11-02"  # "Nov. 2" in an undated text: month and day still count
    assert time_key("XXXX-WXX-2TMO") == "XXXX-WXX-2"  # "Tuesday morning" in an undated text
    for unplaced in ("XXXX-XX-XX", "XXXX-WXX", "XXXX", "XXXX-11", "P3D", "PRESENT_REF", ""):
        assert time_key(unplaced) is None


def test_a_month_holds_its_days_and_different_years_disagree() -> None:
    assert times_agree("2031-04", "2031-04-09")
    assert times_agree("2031", "2031-11-30")
    assert times_agree("2031-W15", "2031-04-09")  # 9 April 2031 is a Wednesday of ISO week 15
    assert not times_agree("2031-04-01", "2031-04-09")
    assert times_agree("2031-04-01", "2031-04-09", slack_days=10)
    assert not times_agree("2029-04-09", "2031-04-09", slack_days=62)
    assert not times_agree("2029", "2031", slack_days=62)


def test_a_day_without_its_year_takes_the_other_sides_year() -> None:
    assert times_agree("XXXX-04-09", "2031-04-10", slack_days=3)
    assert not times_agree("XXXX-04-09", "2031-09-10", slack_days=3)
    assert times_agree("XXXX-12-31", "2032-01-01", slack_days=3)  # across the new year
    assert times_agree("XXXX-12-31", "XXXX-01-02", slack_days=3)
    assert not times_agree("XXXX-03-05", "XXXX-08-05", slack_days=3)


def test_a_weekday_must_be_the_weekday_of_a_dated_day_or_the_day_before_it() -> None:
    # 5 July 2031 is a Saturday
    assert times_agree("XXXX-WXX-6", "2031-07-05", slack_days=62)
    assert times_agree("2031-07-06", "XXXX-WXX-6")  # a Sunday dateline over a Saturday event
    assert not times_agree("XXXX-WXX-4", "2031-07-06", slack_days=62)  # Thursday is not Sunday, whatever the slack
    assert not times_agree("XXXX-WXX-6", "2031-07-04")  # the event cannot follow its dateline
    assert times_agree("XXXX-WXX-4", "XXXX-WXX-7")  # two weekdays of unknown weeks never disagree
    assert times_agree("XXXX-WXX-4", "2031-07")  # a month, a year or a year-less day cannot say
    assert times_agree("XXXX-WXX-4", "XXXX-07-06")


def test_an_undated_weekday_report_and_a_dated_report_of_another_day_contrast() -> None:
    index = StoryIndex()
    vec = {"w:walkout": 0.6, "w:valmora": 0.8}
    thursday = StoryState("s", dict(vec) | {"t:XXXX-WXX-4": 0.0}, 1.0, 1)
    sunday_report = frozenset({"2031-07-06"})
    assert index.contrast(thursday, frozenset(), sunday_report) == index.config.time_contrast_factor
    assert index.contrast(thursday, frozenset(), frozenset({"2031-07-03"})) == 1.0  # a Thursday
    assert index.contrast(thursday, frozenset(), frozenset({"XXXX-WXX-2"})) == 1.0


def test_lead_dates_resolve_weekdays_on_the_publication_date_and_stop_at_the_lead() -> None:
    filler = "More words follow here. " * 30
    text = "Dockworkers at Valmora walked out on Tuesday. " + filler + "On May 2, 2031 talks resume."
    published = datetime(2031, 4, 10, 9, tzinfo=UTC)
    assert lead_dates(text, 60, published) == {"2031-04-08"}
    assert lead_dates(text, 60, None) == {"XXXX-WXX-2"}  # an undated text: a Tuesday of some week
    assert "2031-05-02" in lead_dates(text, 200, None)
    assert lead_dates(text, 0, published) == frozenset()
    assert lead_end("one two  three four", 2) == len("one two")


def test_two_strikes_at_one_port_years_apart_split_when_the_contrast_is_on() -> None:
    on = _index(STRONG)
    a = on.add("a", STRIKE_2029_A)
    c = on.add("c", STRIKE_2033)
    b = on.add("b", STRIKE_2029_B)
    assert a == b  # 3 and 4 March 2029: one walkout
    assert c != a  # June 2033: another walkout of the same port
    # the names alone (Valmora, Teodor Brask, Harbour Board) would carry it over on the entity-and-date
    # score; the contrast lowers that score as well
    story = on.store.get_story(a)
    assert story is not None and on.contrast(story, frozenset(), frozenset({"2033-06-12"})) == 0.25
    off = _index(StoryConfig())
    assert off.add("a", STRIKE_2029_A) == off.add("c", STRIKE_2033)  # names and words alone merge them


def test_a_lead_without_dates_is_no_evidence_against_a_dated_story() -> None:
    index = _index(TIMED)
    dated = index.add("a", STRIKE_2029_A)
    assert index.add("u", STRIKE_UNDATED) == dated


def test_given_lead_times_replace_tagging_and_unplaced_values_are_ignored() -> None:
    index = _index(STRONG)
    a = index.add("a", STRIKE_2029_A, lead_times=["2029-03-03T08:00", "XXXX-XX-XX"])
    story = index.store.get_story(a)
    assert story is not None
    assert sorted(t for t in story.centroid if t.startswith("t:")) == ["t:2029-03-03"]
    # the values given win over the words: this lead names 2033, but the caller's analysis says 2029
    assert index.add("c", STRIKE_2033, lead_times=["2029-03-04"]) == a


def test_a_story_stored_before_lead_dates_scores_as_before() -> None:
    index = StoryIndex(config=TIMED)
    vec = {"w:walkout": 0.6, "w:valmora": 0.8}
    old = StoryState("s", dict(vec), 1.0, 1)  # no t: terms: written before the contrast existed
    assert index.score(vec, old, None, times=frozenset({"2033-06-12"})) == index.score(vec, old, None)
    dated = StoryState("d", dict(vec) | {"t:2029-03-03": 0.0}, 1.0, 1)
    assert index.score(vec, dated, None, times=frozenset({"2033-06-12"})) == (
        index.score(vec, dated, None) * TIMED.time_contrast_factor
    )
    assert index.score(vec, dated, None, times=frozenset({"2029-03"})) == index.score(vec, dated, None)


def test_lead_dates_change_no_norm_survive_pruning_and_are_capped() -> None:
    index = StoryIndex(config=StoryConfig(centroid_cap=2, skip_top_shared=0, time_lead_words=60, times_cap=2))
    story = StoryState("s")
    index._absorb(story, {"w:a": 0.6, "w:b": 0.8}, None, times=frozenset({"2029-03-03"}))
    assert story.centroid["t:2029-03-03"] == 0.0
    assert abs(story.sqnorm - 1.0) < 1e-9
    index._absorb(story, {"w:c": 0.6, "w:d": 0.8}, None, times=frozenset({"2029-03-04", "2029-03-05"}))
    index._absorb(story, {"w:a": 1.0}, None)  # more than 2 * cap terms: the centroid is pruned
    kept = sorted(t for t in story.centroid if t.startswith("t:"))
    assert kept == ["t:2029-03-03", "t:2029-03-04"]
    assert len([t for t in story.centroid if t.startswith("w:")]) == 2


def test_lead_dates_are_kept_by_the_sql_store(store: Store) -> None:
    with store.begin() as conn:
        ids = _stub_articles(conn, ["a", "c", "b"] + [f"f{n}" for n in range(len(FILLER))])
        index = StoryIndex(crossdoc.SqlStoryStore(conn), STRONG)
        for n, text in enumerate(FILLER):
            index.add(ids[f"f{n}"], text)
        a = index.add(ids["a"], STRIKE_2029_A)
    with store.begin() as conn:
        reread = StoryIndex(crossdoc.SqlStoryStore(conn), STRONG)  # a new transaction reads the rows
        story = reread.store.get_story(a)
        assert story is not None and "t:2029-03-03" in story.centroid
        assert reread.add(ids["b"], STRIKE_2029_B) == a
        assert reread.add(ids["c"], STRIKE_2033) != a


def test_publication_decay_is_the_same_before_and_after_a_story_and_naive_times_are_utc() -> None:
    index = StoryIndex()
    vec = {"w:walkout": 0.6, "w:valmora": 0.8}
    start = datetime(2031, 4, 8, 12, tzinfo=UTC)
    story = StoryState("s", dict(vec), 1.0, 2, start, start + timedelta(days=1))
    inside = index.score(vec, story, start + timedelta(hours=6))
    assert inside == index.score(vec, story, None)  # inside the window a day apart: no decay
    after = index.score(vec, story, start + timedelta(days=1 + 4))
    before = index.score(vec, story, start - timedelta(days=4))
    assert abs(after - inside / 2) < 1e-9  # four days after the window: halved
    assert abs(before - after) < 1e-9  # a backfilled report four days before: the same
    index.add("n", "Dockworkers at Valmora walked out.", datetime(2031, 4, 8, 12))  # naive: taken as UTC
    naive = index.store.get_story(index.store.story_of("n") or "")
    assert naive is not None and naive.first_published == start
