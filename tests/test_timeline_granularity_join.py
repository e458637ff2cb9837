"""One real-world event, one timeline entry (issue #10): dates of different granularity.

A report that knows only the month ("in March 2031") or the week of an event is a less precise
report of the event another report dates to the day.  They are one entry dated to the day, the
coarse report counted among its sources; but when reports of the same kind and subject give two
days of that month, the action was repeated and the month cannot say which one it means, so it
stays an entry of its own.  Two statements by one speaker on one day about one matter are one
entry too; two speakers stay two.  Names, systems and sentences are invented (Varrow, Keldan,
the Halvard system).
"""

from __future__ import annotations

from typing import Any

from dossier.resolve.timeline import build_timeline

_ids = iter(range(1, 10_000))


def report(date: str | None, *, article: int, kind: str = "REQUEST", **kw: Any) -> dict[str, Any]:
    """One event record as the store gives it: a request by Varrow for the Halvard system."""
    return {
        "id": next(_ids),
        "kind": kind,
        "date": date,
        "date_text": date,
        "reported": kw.pop("reported", "2031-06-01"),
        "actors": kw.pop("actors", ["Anton Varrow"]),
        "targets": kw.pop("targets", ["Mila Keldan"]),
        "equipment": kw.pop("equipment", ["Halvard"]),
        "modality": "asserted",
        "article_id": article,
        "sentence_text": kw.pop("sentence", f"sentence of article {article}"),
        "start": 0,
        "end": 5,
        **kw,
    }


def dates(entries: list[dict[str, Any]]) -> list[str | None]:
    return [e["date"] for e in entries]


def test_month_report_joins_the_day_it_contains_and_the_entry_keeps_the_day() -> None:
    day = report("2031-03-06", article=1)
    month = report("2031-03", article=2)
    [entry] = build_timeline([month, day])
    assert entry["date"] == "2031-03-06"
    assert {s["article_id"] for s in entry["sources"]} == {1, 2}


def test_the_day_wins_even_when_more_reports_give_only_the_month() -> None:
    # Three reports say "in March", one says "on 6 March": all four support the day.
    entries = [report("2031-03", article=n) for n in (1, 2, 3)] + [report("2031-03-06", article=4)]
    [entry] = build_timeline(entries)
    assert entry["date"] == "2031-03-06" and len(entry["sources"]) == 4


def test_week_and_year_reports_join_the_day_inside_them() -> None:
    # 2031-03-06 is a Thursday of ISO week 10 of 2031.
    entries = [report("2031-W10", article=1), report("2031", article=2), report("2031-03-06", article=3)]
    [entry] = build_timeline(entries)
    assert entry["date"] == "2031-03-06" and len(entry["sources"]) == 3


def test_a_day_outside_the_week_stays_apart() -> None:
    entries = [report("2031-W11", article=1), report("2031-03-06", article=2)]
    assert sorted(dates(build_timeline(entries))) == ["2031-03-06", "2031-W11"]


def test_a_month_over_two_days_of_a_repeated_request_stays_its_own_entry() -> None:
    # Varrow asked on the 6th and again on the 20th: "in March" may be either.
    entries = [report("2031-03-06", article=1), report("2031-03-20", article=2), report("2031-03", article=3)]
    out = build_timeline(entries)
    assert sorted(dates(out)) == ["2031-03", "2031-03-06", "2031-03-20"]
    assert all(len(e["sources"]) == 1 for e in out)


def test_a_second_month_report_joins_the_first_month_report_not_a_day() -> None:
    entries = [
        report("2031-03-06", article=1),
        report("2031-03-20", article=2),
        report("2031-03", article=3),
        report("2031-03", article=4, sentence="another sentence"),
    ]
    out = build_timeline(entries)
    month = next(e for e in out if e["date"] == "2031-03")
    assert {s["article_id"] for s in month["sources"]} == {3, 4} and len(out) == 3


def test_a_month_report_of_another_system_stays_apart() -> None:
    entries = [report("2031-03-06", article=1), report("2031-03", article=2, equipment=["Torvik"])]
    assert len(build_timeline(entries)) == 2


def statement(date: str | None, *, article: int, speaker: str, **kw: Any) -> dict[str, Any]:
    return report(date, article=article, kind="STATEMENT", actors=[speaker], attributed_to=speaker, **kw)


def test_one_speakers_same_day_statements_about_one_matter_are_one_entry() -> None:
    # One names the system, the other says "the system" (no system found): same addressee, same day.
    named = statement("2031-04-02", article=1, speaker="Ivo Sten", sentence="Sten told Keldan the Halvard was ready.")
    vague = statement(
        "2031-04-02", article=2, speaker="Ivo Sten", equipment=[], sentence="Sten reported to Keldan on 2 April."
    )
    [entry] = build_timeline([named, vague])
    assert entry["actors"] == ["Ivo Sten"] and len(entry["sources"]) == 2


def test_same_day_statements_of_two_speakers_stay_two() -> None:
    one = statement("2031-04-02", article=1, speaker="Ivo Sten", equipment=[])
    other = statement("2031-04-02", article=2, speaker="Rada Pell", equipment=[])
    assert len(build_timeline([one, other])) == 2


def test_one_speakers_statements_on_two_days_or_about_two_systems_stay_apart() -> None:
    first = statement("2031-04-02", article=1, speaker="Ivo Sten", equipment=[])
    next_day = statement("2031-04-03", article=2, speaker="Ivo Sten", equipment=[])
    assert len(build_timeline([first, next_day])) == 2
    halvard = statement("2031-04-02", article=1, speaker="Ivo Sten")
    torvik = statement("2031-04-02", article=2, speaker="Ivo Sten", equipment=["Torvik"])
    assert len(build_timeline([halvard, torvik])) == 2


def test_a_statement_naming_a_system_and_one_with_nothing_in_common_stay_apart() -> None:
    # One is about the Halvard and addressed to Keldan, the other names no system and was
    # addressed to Orsa: two things said that day, until coreference says they are one.
    one = statement("2031-04-02", article=1, speaker="Ivo Sten", targets=["Keldan"])
    other = statement("2031-04-02", article=2, speaker="Ivo Sten", equipment=[], targets=["Orsa"])
    assert len(build_timeline([one, other])) == 2
    clustered = [{**one, "cluster_id": 9}, {**other, "cluster_id": 9}]
    assert len(build_timeline(clustered)) == 1
