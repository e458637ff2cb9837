"""Short posts of one channel: what joins and what must stay apart (issue #10, fourth new-user pass).

A channel posts about many developments a day, each post naming one or two things; the channel and
the hours alone are no evidence that two posts tell one development (a rule joining them on one
shared word merged sixty unrelated leads into eight stories, docs/cross-article.md).  The posts here
are written for the test.
"""

from __future__ import annotations

from datetime import UTC, datetime

from dossier.resolve.stories import StoryIndex, content_words, incident_words

BACKGROUND = [
    "Курс рубля снизился на Московской бирже, сообщили аналитики банка.",
    "В Тюмени прошли учения пожарных на нефтебазе.",
]
POSTS = [
    ("2026-03-02T06:10", "Срочно. На нефтебазе под Омском загорелся резервуар с дизельным топливом."),
    ("2026-03-02T07:45", "Пожару на нефтебазе присвоен третий ранг сложности, работают 60 пожарных."),
    ("2026-03-02T10:30", "Жителей соседних домов эвакуировали. Резервуар продолжает гореть."),
    ("2026-03-03T01:15", "Открытое горение на нефтебазе ликвидировано, сообщили спасатели."),
]
# One city channel's morning: each post about something else, most naming the city.
UNRELATED = [
    ("2026-03-02T06:00", "В Омске открылся новый мост через Иртыш после ремонта."),
    ("2026-03-02T06:40", "Мэр Омска провёл совещание по бюджету города на будущий год."),
    ("2026-03-02T07:20", "Омские школьники победили на олимпиаде по химии в Казани."),
    ("2026-03-02T08:10", "В Омске подорожал проезд в автобусах и трамваях с понедельника."),
    ("2026-03-02T09:00", "Омский хоккейный клуб обыграл соперника из Уфы со счётом 3:1."),
]


def _at(stamp: str) -> datetime:
    return datetime.fromisoformat(stamp).replace(tzinfo=UTC)


def _index() -> StoryIndex:
    index = StoryIndex()
    for i, text in enumerate(BACKGROUND):
        index.add(f"bg{i}", text, datetime(2026, 2, 20 + i, tzinfo=UTC))
    return index


def test_unrelated_posts_of_one_city_channel_in_one_morning_stay_apart() -> None:
    index = _index()
    stories = [index.add(f"u{i}", text, _at(at)) for i, (at, text) in enumerate(UNRELATED)]
    assert len(set(stories)) == len(UNRELATED)


CHANNEL = "t.me/omsk-city"
# The incident sentence of the first post less its trigger, as the cross-article pass passes it.
FIRE = "Срочно. На нефтебазе под Омском   резервуар с дизельным топливом."


def _post(index: StoryIndex, key: str, at: str, text: str, incidents: tuple[str, ...] = ()) -> str:
    return index.add(key, text, _at(at), outlet=CHANNEL, incidents=incidents)


def test_short_posts_on_one_fire_are_one_story() -> None:
    index = _index()
    stories = {_post(index, f"p{i}", at, text, (FIRE,) if i == 0 else ()) for i, (at, text) in enumerate(POSTS)}
    assert len(stories) == 1


def test_without_an_outlet_the_fire_updates_stay_apart() -> None:
    index = _index()
    stories = {
        index.add(f"p{i}", text, _at(at), incidents=(FIRE,) if i == 0 else ()) for i, (at, text) in enumerate(POSTS)
    }
    assert len(stories) > 1


def test_posts_naming_the_city_of_an_incident_stay_apart_from_it() -> None:
    index = _index()
    fire = _post(index, "fire", "2026-03-02T05:30", POSTS[0][1], (FIRE,))
    others = [_post(index, f"u{i}", at, text) for i, (at, text) in enumerate(UNRELATED)]
    assert fire not in others
    assert len(set(others)) == len(UNRELATED)


def test_another_channel_or_a_later_day_does_not_continue_the_incident() -> None:
    index = _index()
    fire = _post(index, "fire", POSTS[0][0], POSTS[0][1], (FIRE,))
    other = index.add("other", POSTS[1][1], _at(POSTS[1][0]), outlet="t.me/elsewhere")
    late = _post(index, "late", "2026-03-05T09:00", POSTS[3][1])
    assert fire not in {other, late}


def test_incident_words_leave_out_towns_and_numbers() -> None:
    words = incident_words("На омском заводе в Омске 12 рабочих, пострадал цех")
    assert "омск" not in words and not any(w[0].isdigit() for w in words)
    assert content_words("заводе")[0] in words


def test_short_russian_words_lose_their_case_endings() -> None:
    assert content_words("шахте шахты шахтах")[0] == content_words("шахты")[0] == content_words("шахтах")[0]
