"""A bare "Q2" after a capitalised word: a car's model name ("a Volvo Q2 hatchback" style) is no
quarter, but a company's figures for the quarter ("Orbix Q2 sales", "Kestrel Q4 net income") are,
whatever the capital before them.  The sentences are invented for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from dossier.analyze.time import tag_times

DOC = date(2026, 9, 9)


def _values(text: str) -> list[tuple[str, str]]:
    return [(t.text, t.value) for t in tag_times(text, language="en", anchor=DOC)]


@pytest.mark.parametrize("text", [
    "Orbix Q2 sales rose by a tenth.",
    "Kestrel Q2 net income fell short of estimates.",
    "Analysts liked the Veltra Q2 results.",
    "Dunmore Q2 deliveries beat the target.",
])
def test_a_company_s_quarter_figures_keep_the_quarter(text: str) -> None:
    assert ("Q2", "2026-Q2") in _values(text)


@pytest.mark.parametrize("text", [
    "She drove a Marlin Q2 to the coast.",
    "The Marlin Q2 SUV sales lot was closed.",  # a capitalised word after the model: still the model
])
def test_a_model_name_after_a_brand_is_no_quarter(text: str) -> None:
    assert all(value != "2026-Q2" for _text, value in _values(text))
