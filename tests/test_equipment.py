"""Equipment gazetteer and patterns (no trained model needed)."""

from __future__ import annotations

import json

import pytest
import spacy

from dossier.analyze import equipment as eq
from dossier.analyze import nlp as nlpmod


def test_packaged_gazetteer_loads_with_unique_ids() -> None:
    gaz = eq.load_gazetteer(())
    assert len(gaz) >= 60
    assert gaz.lookup("Oreshnik").id == "oreshnik"
    assert gaz.lookup("‘Polonez-M’").id == "polonez-m"
    assert gaz.lookup("Iskanders").id == "iskander"
    assert gaz.lookup("С-400").id == "s-400"
    for entry in gaz.entries.values():
        assert entry.wikidata is None or entry.wikidata.startswith("Q")


def test_user_gazetteer_extends_and_overrides(tmp_path, monkeypatch) -> None:
    jsonl = tmp_path / "mine.jsonl"
    jsonl.write_text(
        json.dumps(
            {
                "id": "kh-555x",
                "name": "Zarnitsa",
                "category": "cruise missile",
                "aliases": ["Zarnitsa"],
                "ru": ["Зарница"],
                "ambiguous": [],
            }
        )
        + "\n"
        + json.dumps({"id": "oreshnik", "name": "Oreshnik IRBM", "aliases": ["Oreshnik"]})
        + "\n",
        encoding="utf-8",
    )
    gaz = eq.load_gazetteer((str(jsonl),))
    assert gaz.lookup("Zarnitsa").name == "Zarnitsa"
    assert gaz.lookup("Oreshnik").name == "Oreshnik IRBM"
    monkeypatch.setenv(eq.ENV_VAR, str(jsonl))
    assert eq.user_gazetteer_paths(["a.json"]) == ("a.json", str(jsonl))


def test_json_object_and_list_formats(tmp_path) -> None:
    obj = tmp_path / "a.json"
    obj.write_text(json.dumps({"entries": [{"id": "x1", "name": "Xyzzy"}]}), encoding="utf-8")
    lst = tmp_path / "b.json"
    lst.write_text(json.dumps([{"id": "x2", "name": "Plugh"}]), encoding="utf-8")
    assert [e.id for e in eq.read_entries(obj)] == ["x1"]
    assert [e.id for e in eq.read_entries(lst)] == ["x2"]
    with pytest.raises(ValueError):
        eq._entry_from_dict({"name": "no id"})


@pytest.mark.parametrize(
    "text,found",
    [
        ("Russia fired a Kh-555 cruise missile at the city.", "Kh-555"),
        ("The 9K720 complex was moved.", "9K720"),
        ("Two Su-57M jets took off.", "Su-57M"),
        ("MiG-31K fighters carried Kinzhal missiles.", "MiG-31K"),
        ("Новые ракеты Х-101 были запущены.", "Х-101"),
        ("The S-350 air defence system shot down drones.", "S-350"),
        ("Ukraine received more F-17s fighter jets this week.", "F-17"),
    ],
)
def test_designations(text: str, found: str) -> None:
    names = [h.name for h in eq.find_designations(text)]
    assert found in names


@pytest.mark.parametrize(
    "text",
    [
        "COVID-19 cases rose again.",
        "G-7 leaders met in Italy.",
        "Traffic was heavy on the M1 motorway.",
        "She passed her A-level exams.",
        "The ISO-9001 certificate was renewed.",
        "Flight MH-17 was shot down in 2014.",
        "The G-20 summit opened.",
        "Room B-12 is on the first floor.",
        "Ukraine received more F-17s this week.",  # weak prefix, no weapon word nearby
    ],
)
def test_designation_false_positives(text: str) -> None:
    assert eq.find_designations(text) == []


def test_quoted_names_with_system_words() -> None:
    text = (
        "Belarus put the improved multiple rocket launcher system ‘Polonez-M’ and the ‘Zarya’ missile complex on duty."
    )
    names = {h.name for h in eq.find_quoted(text)}
    assert {"Polonez-M", "Zarya"} <= names
    ru = "В Белоруссии развернут ракетный комплекс «Бумеранг»."
    assert [h.name for h in eq.find_quoted(ru)] == ["Бумеранг"]
    assert eq.find_quoted("The newspaper ‘Pravda’ reported it.") == []


def test_russian_inflection_and_case() -> None:
    matcher = eq.AliasMatcher.build(eq.load_gazetteer(()))
    text = "Поставки Орешника и Полонеза-М обсуждались; ракетному комплексу «Орешнику» дали задачу."
    hits = matcher.find(text)
    assert [(text[h.start : h.end], h.entry.id) for h in hits] == [
        ("Орешника", "oreshnik"),
        ("Полонеза-М", "polonez-m"),
        ("Орешнику", "oreshnik"),
    ]
    # lowercase common noun "орешник" (hazel) is not the missile
    assert matcher.find("Вдоль дороги рос густой орешник.") == []


def test_ambiguous_aliases_need_a_cue() -> None:
    matcher = eq.AliasMatcher.build(eq.load_gazetteer(()))
    assert matcher.find("Москва заявила о новых ракетах.") == []  # the city, not the cruiser
    assert [h.entry.id for h in matcher.find("Крейсер Москва затонул.")] == ["moskva-cruiser"]
    assert matcher.find("Germany sent Leopard 2 tanks.")[0].entry.id == "leopard-2"


def _blank_with_component():
    nlpmod._register_components()
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("dossier_lines")
    nlp.add_pipe("dossier_equipment")
    return nlp


def test_spacy_component_overrides_and_guards() -> None:
    nlp = _blank_with_component()
    doc = nlp(
        "The office features a model of Russia’s advanced ‘Oreshnik’ missile complex. "
        "General Patriot spoke. Kyiv asked for Patriot missile batteries."
    )
    ents = [(e.text, e.label_) for e in doc.ents]
    assert ("Oreshnik", "EQUIPMENT") in ents
    assert ents.count(("Patriot", "EQUIPMENT")) == 1  # only the one next to a weapon word
    hit = next(h for h in doc._.dossier_equipment if h.entry is not None and h.entry.id == "oreshnik")
    assert doc.text[hit.start : hit.end] == "Oreshnik"


def test_dossier_lines_splits_headlines() -> None:
    nlp = _blank_with_component()
    doc = nlp("Belarus and Russia Strengthen Ties\n\nIn a display of alignment, it grew.\nNew line here.")
    assert next(s.text.strip() for s in doc.sents) == "Belarus and Russia Strengthen Ties"
