"""The name-particle and missed-country passes of the mention review stay near linear on a long
article: a list of thousands of countries, or of names with particles, used to be scanned in full
for each of its items.  What they find is unchanged.  The texts are invented for these tests."""

from __future__ import annotations

import re
import time

from dossier.analyze import mention_review as mr
from dossier.analyze.coref import Candidate
from dossier.analyze.lexicon import lexicon


def _person(text: str, surface: str, start: int) -> Candidate:
    start = text.index(surface, start)
    return Candidate(start, start + len(surface), "person", surface, "PER")


def test_country_list_is_placed_in_near_linear_time() -> None:
    unit = "Ships sailed in Mozambique, "
    text = "The Upper Mozambique Basin Authority met. " + unit * 4000
    basin = text.index("Upper Mozambique Basin Authority")
    cands = [Candidate(basin, basin + len("Upper Mozambique Basin Authority"), "org", "X", "ORG")]
    # unrelated mentions the overlap test must look past
    cands += [Candidate(i, i + 5, "other", "Ships", "MISC") for i in range(basin + 42, len(text), len(unit))]
    before = len(cands)
    started = time.process_time()
    mr._missed_territories(cands, text, lexicon())
    elapsed = time.process_time() - started
    places = [c for c in cands[before:] if c.kind == "place"]
    assert len(places) == 4000  # each one after "in"; the one inside the authority's name is not
    assert all(text[c.start : c.end] == "Mozambique" and c.start > basin + 30 for c in places)
    assert elapsed < 3.0


def test_country_joined_to_a_found_place_is_a_place() -> None:
    text = "Neighbouring Mozambique and Zambia closed their borders."
    zambia = text.index("Zambia")
    cands = [Candidate(zambia, zambia + 6, "place", "Zambia", "GPE")]
    mr._missed_territories(cands, text, lexicon())
    assert sorted(text[c.start : c.end] for c in cands) == ["Mozambique", "Zambia"]


def test_particle_names_are_matched_without_a_scan_per_name(monkeypatch) -> None:
    calls = 0
    real = mr.fold_name

    def counting(name: str) -> str:
        nonlocal calls
        calls += 1
        return real(name)

    monkeypatch.setattr(mr, "fold_name", counting)
    n = 300
    text = "Minister Rui Vaz da Costa spoke. " + "Vaz da Costa left. Rui da Costa came. " * n
    cands = [_person(text, "Rui Vaz da Costa", 0)]
    for m in re.finditer(r"(?<=\. )(?:Vaz|Rui) da Costa", text):
        cands.append(_person(text, m.group(), m.start()))
    assert len(cands) == 2 * n + 1
    mr._name_particles(cands, text)
    assert calls < 20 * n
    # "Vaz da Costa" is the surname of the full name written first
    assert cands[0].surname == "Vaz da Costa" and cands[0].given == "Rui"
    assert all(c.surname == c.name for c in cands[1:] if c.name == "Vaz da Costa")
