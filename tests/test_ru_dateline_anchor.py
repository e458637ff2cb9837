"""A Russian dateline's day anchors the article's relative dates when publication came later.

Invented items.  The wire writes "ВИТЕБСК, 3 декабря —" on the day of writing; an item
published on the 7th still means the 2nd by "вчера".  Without a dateline, with one after
publication, or with one too far back, the publication date stays the anchor.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from dossier.analyze.pipeline import Analyzer
from dossier.analyze.time import DATELINE_MAX_LAG_DAYS, dateline_anchor
from dossier.model import Article

PUBLISHED = datetime(2025, 12, 7, 10, 0)  # a Sunday


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer()


def _values(analyzer: Analyzer, text: str, published: datetime | None = PUBLISHED) -> list[str]:
    an = analyzer.analyze(Article(text=text, published=published, language="ru", origin="t.txt"))
    return [t.value for t in an.times]


def test_relative_day_counts_from_the_dateline(analyzer: Analyzer) -> None:
    values = _values(analyzer, "ВИТЕБСК, 3 декабря — Вчера в городе закрыли на ремонт старый мост.")
    assert values == ["2025-12-03", "2025-12-02"]


def test_weekday_counts_from_the_dateline(analyzer: Analyzer) -> None:
    # from Sunday 7 December "в пятницу" is the 5th; from Tuesday 2 December it is 28 November
    values = _values(analyzer, "НИЖНИЙ НОВГОРОД, 2 декабря — В пятницу мэр подписал указ о ремонте.")
    assert values[-1] == "2025-11-28"


def test_without_dateline_publication_anchors(analyzer: Analyzer) -> None:
    assert _values(analyzer, "Вчера в городе закрыли на ремонт старый мост.") == ["2025-12-06"]


@pytest.mark.parametrize(
    ("text", "published"),
    [
        ("ВИТЕБСК, 9 декабря — Вчера закрыли мост.", date(2025, 12, 7)),  # after publication
        ("ВИТЕБСК, 7 декабря — Вчера закрыли мост.", date(2025, 12, 7)),  # the same day
        ("ВИТЕБСК, 3 ноября — Вчера закрыли мост.", date(2025, 12, 7)),  # over a week back
        ("ВИТЕБСК, 3 декабря — Вчера закрыли мост.", None),  # no year to give it
        ("Витебск, 3 декабря, вчера закрыли мост.", date(2025, 12, 7)),  # not a dateline
    ],
)
def test_dateline_not_used(text: str, published: date | None) -> None:
    assert dateline_anchor(text, "ru", published) is None


def test_dateline_in_january_for_a_december_dateline_is_last_year() -> None:
    assert dateline_anchor("МОСКВА, 30 декабря. /ТАСС/. Текст.", "ru", date(2026, 1, 2)) == date(2025, 12, 30)
    assert DATELINE_MAX_LAG_DAYS >= 3
