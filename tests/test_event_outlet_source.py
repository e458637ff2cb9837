"""An outlet or a Telegram channel that publishes what happened is the event's source, never
its actor (issue #10: "Pul Pervogo" showed the Oreshnik in the bundled corpus's timeline).

Invented channel and outlet names keep the tests about the mechanism, not the corpus sentence.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from dossier.analyze.pipeline import Analyzer
from dossier.model import Article, Event


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer()


def _shown(analyzer: Analyzer, text: str, language: str) -> Event:
    res = analyzer.analyze(Article(text=text, language=language, published=datetime(2025, 9, 27)))
    found = [e for e in res.events if e.kind == "EQUIPMENT_SHOWN"]
    assert found, res.events
    return found[0]


def test_a_channel_publishing_a_photo_is_the_source_not_the_actor(analyzer: Analyzer) -> None:
    text = (
        "МИНСК, 27 сентября 2025 года. Телеграм-канал «Северный дозор», близкий к штабу, в пятницу "
        "опубликовал фотографию макета ракетного комплекса «Орешник» в кабинете министра."
    )
    ev = _shown(analyzer, text, "ru")
    assert "Северный дозор" not in ev.actors
    assert ev.attributed_to == "Северный дозор" and ev.modality == "reported"


def test_an_outlet_as_the_subject_reports_the_event_and_a_real_actor_stays(analyzer: Analyzer) -> None:
    outlet = _shown(analyzer, "Reuters displayed the Oreshnik missile complex in Minsk on Friday.", "en")
    assert outlet.actors == () and outlet.attributed_to == "Reuters"
    state = _shown(analyzer, "Russia displayed the Oreshnik missile complex in Minsk on Friday.", "en")
    assert state.actors == ("Russia",)
