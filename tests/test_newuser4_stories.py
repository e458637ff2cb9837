"""Short posts of one outlet about one development join one story (issue #10, fourth new-user pass).

A channel reports a development in several short posts over hours; each names one or two things
and they rarely share more than a word, so the word score (which leaves out the two strongest
shared terms) kept every post apart.  The posts here are written for the test.
"""

from __future__ import annotations

from datetime import UTC, datetime

from dossier.resolve.stories import StoryIndex, content_words

BACKGROUND = [
    "Курс рубля снизился на Московской бирже, сообщили аналитики банка.",
    "В Омске открылся новый мост через Иртыш после ремонта.",
    "Мэр Омска Сергей Шелест провёл совещание по бюджету города.",
    "В Тюмени прошли учения пожарных на нефтебазе.",
]
POSTS = [
    ("2026-03-02T06:10", "Срочно. На нефтебазе под Омском загорелся резервуар с дизельным топливом."),
    ("2026-03-02T07:45", "Пожару на нефтебазе присвоен третий ранг сложности, работают 60 пожарных."),
    ("2026-03-02T10:30", "Жителей соседних домов эвакуировали. Резервуар продолжает гореть."),
    ("2026-03-03T01:15", "Открытое горение на нефтебазе ликвидировано, сообщили спасатели."),
]


def _at(stamp: str) -> datetime:
    return datetime.fromisoformat(stamp).replace(tzinfo=UTC)


def _index() -> StoryIndex:
    index = StoryIndex()
    for i, text in enumerate(BACKGROUND):
        index.add(f"bg{i}", text, datetime(2026, 2, 20 + i, tzinfo=UTC), outlet="Другой канал")
    return index


def test_short_posts_of_one_channel_on_one_fire_are_one_story() -> None:
    index = _index()
    stories = {index.add(f"p{i}", text, _at(at), outlet="Омск Сейчас") for i, (at, text) in enumerate(POSTS)}
    assert len(stories) == 1


def test_without_the_outlet_the_posts_stay_apart() -> None:
    """The outlet is the evidence: the same posts given no outlet do not all join."""
    index = _index()
    stories = {index.add(f"p{i}", text, _at(at)) for i, (at, text) in enumerate(POSTS)}
    assert len(stories) > 1


def test_a_post_of_the_same_channel_on_something_else_starts_its_own_story() -> None:
    index = _index()
    fire = index.add("p0", POSTS[0][1], _at(POSTS[0][0]), outlet="Омск Сейчас")
    school = "Омские школьники победили на олимпиаде по химии."
    other = index.add("p1", school, _at("2026-03-02T08:00"), outlet="Омск Сейчас")
    assert other != fire


def test_a_post_a_week_later_does_not_join_on_the_channel() -> None:
    index = _index()
    fire = index.add("p0", POSTS[0][1], _at(POSTS[0][0]), outlet="Омск Сейчас")
    later = index.add("p1", POSTS[2][1], _at("2026-03-09T10:30"), outlet="Омск Сейчас")
    assert later != fire


def test_short_russian_words_lose_their_case_endings() -> None:
    assert content_words("шахте шахты шахтах")[0] == content_words("шахты")[0] == content_words("шахтах")[0]
