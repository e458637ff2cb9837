"""Copy detection: near-copies, exact duplicates, forwards and credits."""

from __future__ import annotations

from datetime import datetime

from dossier.resolve.copies import CopyConfig, CopyIndex, find_credit, normalise_outlet

ORIGINAL = (
    "The defence ministry said on Tuesday that the first battalion of the new air defence systems had "
    "arrived at the western border and would be on combat duty within two weeks. The systems were "
    "delivered by rail from the plant near the capital, according to the ministry statement. Officials "
    "said crews had completed their training at a range in the south last month and that a second "
    "battalion was expected before the end of the year. Local residents reported long convoys of "
    "military trucks on the highway overnight, and traffic police closed two junctions for several hours."
)
# a light rewrite: one sentence dropped, words substituted, boilerplate added
REWRITE = (
    "The defence ministry stated on Tuesday that the first battalion of the new air defence systems had "
    "arrived at the western frontier and would be on combat duty within two weeks. Officials "
    "said crews had completed their training at a range in the south last month and that a second "
    "battalion was expected before the end of the year. Local residents reported long convoys of "
    "military lorries on the highway overnight, and traffic police closed two junctions for several hours. "
    "Subscribe to our channel for more news."
)
UNRELATED = (
    "The city council approved a new budget for public libraries on Monday, adding funds for longer "
    "opening hours and a mobile library that will visit villages in the north of the region. The mayor "
    "said the plan would be reviewed after one year and that volunteers could sign up online."
)

T0 = datetime(2025, 5, 6, 9, 0)
T1 = datetime(2025, 5, 6, 11, 0)
T2 = datetime(2025, 5, 6, 15, 0)


def test_near_copy_detected_and_unrelated_not() -> None:
    index = CopyIndex()
    assert index.add("a", ORIGINAL, T0, "Ministry site") == []
    links = index.add("b", REWRITE, T1, "Farm one")
    assert [(link.copy, link.original, link.kind) for link in links] == [("b", "a", "near")]
    assert index.add("c", UNRELATED, T1, "City news") == []
    assert index.original_of("b") == "a"
    assert index.original_of("c") == "c"


def test_exact_duplicates_group_as_one_and_original_is_earliest_published() -> None:
    index = CopyIndex()
    index.add("late", ORIGINAL, T2, "X")
    index.add("early", "  " + ORIGINAL.upper() + "\n", T0, "Y")  # same text after normalisation
    index.add("mid", ORIGINAL, T1, "Z")
    (chain,) = index.chains()
    assert chain.original == "early"
    assert chain.copies == ("late", "mid")
    assert {link.kind for link in chain.links} == {"exact"}


def test_same_time_original_is_earliest_ingested() -> None:
    index = CopyIndex()
    index.add("first", ORIGINAL, T0)
    index.add("second", ORIGINAL, T0)
    assert index.original_of("second") == "first"


def test_forward_chain_points_to_channel_post() -> None:
    index = CopyIndex()
    post = "Air defence battalion arrived at the western border, crews on combat duty within two weeks."
    index.add("p1", post, T0, "@milinfo")
    links = index.add("p2", post, T1, "@repost_channel", {"forwarded_from": "milinfo"})
    kinds = {(link.kind, link.original) for link in links}
    assert ("forward", "p1") in kinds
    assert index.independent_source("p2") == index.independent_source("p1") == "outlet:milinfo"


def test_forward_of_unknown_channel_names_it_as_source() -> None:
    index = CopyIndex()
    links = index.add("p", "Short post text about the border.", T0, "@a", {"forwarded_from": {"title": "BelTA"}})
    assert links[0].kind == "forward" and links[0].original is None and links[0].source == "belta"
    assert index.independent_source("p") == "outlet:belta"


def test_credits_and_wire_bylines() -> None:
    assert find_credit("MINSK, 6 May (BelTA) - The president held a meeting.") == ("wire", "belta")
    assert find_credit("(Reuters) - Oil prices rose on Tuesday.") == ("wire", "reuters")
    assert find_credit("AP — The storm hit the coast overnight.") == ("wire", "ap")
    assert find_credit("Лукашенко провел совещание по безопасности, передает БелТА.") == ("credit", "belta")
    assert find_credit("Войска начали учения, сообщает ТАСС.") == ("credit", "tass")
    assert find_credit("Troops were seen near the border, citing TASS.") == ("credit", "tass")
    assert find_credit("The talks ended, according to Reuters.") == ("credit", "reuters")
    assert find_credit("The council met and approved the budget.") is None
    assert normalise_outlet("БелТА") == normalise_outlet("belta.by") == "belta"


def test_credited_copy_links_to_the_credited_outlets_item() -> None:
    index = CopyIndex()
    index.add("belta", ORIGINAL, T0, "BelTA")
    links = index.add("site", ORIGINAL + " According to BelTA.", T1, "Some site")
    assert ("credit", "belta") in {(link.kind, link.original) for link in links}
    assert index.independent_source("site") == "outlet:belta"


def test_short_texts_only_match_exactly() -> None:
    index = CopyIndex(config=CopyConfig(min_shingles=8))
    index.add("x", "Explosion reported in the city centre.", T0)
    assert index.add("y", "Explosion reported in the city centre today.", T1) == []


def test_batch_signatures_equal_single_signatures() -> None:
    import numpy as np

    from dossier.resolve.copies import shingle_hashes

    index = CopyIndex()
    items = [shingle_hashes(t) for t in (ORIGINAL, REWRITE, UNRELATED)]
    offsets = np.cumsum([0] + [len(x) for x in items[:-1]])
    batch = index.signatures(np.concatenate(items), offsets)
    for row, sh in zip(batch, items, strict=True):
        assert np.array_equal(row, index.minhash(sh))


def _datasketch_values(hashes, num_perm: int, seed: int):
    from datasketch import MinHash

    m = MinHash(num_perm=num_perm, seed=seed, hashfunc=int)
    m.update_batch(hashes.tolist())
    return m.hashvalues


def test_numpy_minhash_equals_datasketch_exactly() -> None:
    """Issue #13: signatures are computed without datasketch, but stored ones (and their LSH
    bands) were made by datasketch's MinHash, so every value must stay the same."""
    import numpy as np

    from dossier.resolve.copies import content_hashes, minhash32, shingle_hashes

    cfg = CopyConfig()
    index = CopyIndex()
    long_text = " ".join(f"report{n}x" for n in range(3000))  # more distinct hashes than one chunk
    texts = (ORIGINAL, REWRITE, UNRELATED, "Минск, 3 мая. Сообщает БелТА: колонна прибыла.", "one", long_text)
    for text in texts:
        shingles = shingle_hashes(text)
        sig = index.minhash(shingles)
        assert sig.dtype == np.uint32
        assert np.array_equal(sig, _datasketch_values(shingles, cfg.num_perm, cfg.seed))
        words = content_hashes(text)
        want = _datasketch_values(words, cfg.rewrite_perm, cfg.seed + 1)
        assert np.array_equal(minhash32(words, *index._rewrite_permutations), want)
    assert len(shingle_hashes(long_text)) > 1024 and len(content_hashes(long_text)) > 1024
    empty = index.minhash(np.zeros(0, dtype=np.uint32))
    assert np.array_equal(empty, _datasketch_values(np.zeros(0, dtype=np.uint32), cfg.num_perm, cfg.seed))
    assert set(empty.tolist()) == {0xFFFFFFFF}


def test_adding_articles_imports_neither_datasketch_nor_scipy() -> None:
    """datasketch imports scipy: most of a second in every ingest process (issue #13)."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    probe = (
        "import sys\n"
        "from dossier.resolve.copies import CopyIndex\n"
        "index = CopyIndex()\n"
        f"index.add('a', {ORIGINAL!r})\n"
        f"print(len(index.add('b', {REWRITE!r})))\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('datasketch', 'scipy')))\n"
    )
    src = str(Path(__file__).resolve().parent.parent / "src")
    done = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": src},
        timeout=120,
        check=True,
    )
    links, loaded = done.stdout.splitlines()
    assert links == "1" and loaded == "[]"


def test_every_member_of_a_copy_group_has_the_same_independent_source() -> None:
    index = CopyIndex()
    index.add("x", ORIGINAL, T0, "Outlet X")
    index.add("y", REWRITE + " Сообщает ТАСС.", T1, "Outlet Y")  # later copy that credits someone else
    assert index.original_of("y") == "x"
    assert index.independent_source("y") == index.independent_source("x") == "outlet:outlet x"


def test_credit_stops_at_the_end_of_its_sentence() -> None:
    """Regression: "according to BelTA. He said" once gave the outlet "belta. he" (issue #7)."""
    from dossier.resolve.copies import find_credit

    assert find_credit("Short post. Lukashenko spoke, according to BelTA. He said more.") == ("credit", "belta")
    assert find_credit("Комплекс в пути, передает БелТА. Об этом сообщили.") == ("credit", "belta")


# --- issue 10: rewrites that keep the facts but change the wording ---------------------------------

# ORIGINAL reworded: sentences reordered, clauses moved, words replaced, a lead-in added; every
# fact (battalion, border, two weeks, rail, plant, training, convoys, junctions) kept.
PARAPHRASE = (
    "It has emerged that crews finished training last month at a range in the south, officials "
    "indicated, with a second battalion now due before the year ends. On Tuesday the defence ministry "
    "announced that the first battalion of the new air defence systems had reached the western border "
    "and is to take up combat duty within two weeks. According to the ministry statement, the plant near "
    "the capital delivered the systems by rail. Overnight, residents locally saw long convoys of military "
    "trucks on the highway, while traffic police shut two junctions for several hours."
)
# Another outlet's own report of the same arrival: same event and place, its own words and facts.
INDEPENDENT = (
    "Our correspondent at the western border watched the first air defence battalion unload from a "
    "train on Tuesday. Soldiers refused to say how many launchers had come, and a local farmer "
    "complained that tracked vehicles had damaged his fields. The ministry, asked about combat duty, "
    "gave no date, while a retired general told us the deployment was mostly a political signal aimed "
    "at the neighbouring capital. Shops in the garrison town reported brisk trade with the newcomers."
)


def test_a_reworded_report_is_a_rewrite_of_its_source() -> None:
    index = CopyIndex()
    index.add("a", ORIGINAL, T0, "Ministry site")
    links = index.add("p", PARAPHRASE, T1, "Farm two")
    assert [(link.copy, link.original, link.kind) for link in links] == [("p", "a", "rewrite")]
    assert links[0].jaccard is not None and links[0].jaccard >= CopyConfig().rewrite_jaccard
    assert index.independent_source("p") == index.independent_source("a")
    # without the content-word bands the shingles alone miss it: the rewrite really is heavy
    shingles_only = CopyIndex(config=CopyConfig(rewrite_perm=0))
    shingles_only.add("a", ORIGINAL, T0, "Ministry site")
    assert shingles_only.add("p", PARAPHRASE, T1, "Farm two") == []


def test_an_independent_report_of_the_same_event_is_not_a_rewrite() -> None:
    index = CopyIndex()
    index.add("a", ORIGINAL, T0, "Ministry site")
    assert index.add("i", INDEPENDENT, T1, "Border paper") == []
    assert index.independent_source("i") != index.independent_source("a")


def test_a_rewrite_weeks_later_is_not_linked_but_undated_ones_are() -> None:
    index = CopyIndex()
    index.add("a", ORIGINAL, T0, "Ministry site")
    assert index.add("late", PARAPHRASE, datetime(2025, 6, 20, 9, 0), "Farm two") == []
    undated = CopyIndex()
    undated.add("a", ORIGINAL, None, "Ministry site")
    assert [link.kind for link in undated.add("p", PARAPHRASE, None, "Farm two")] == ["rewrite"]


def test_russian_rewrite_with_reordered_sentences_is_found() -> None:
    original = (
        "Во вторник министерство обороны сообщило, что первый дивизион новых зенитных комплексов прибыл "
        "к западной границе и заступит на боевое дежурство в течение двух недель. Комплексы доставили "
        "по железной дороге с завода под столицей. Расчеты прошли подготовку на полигоне на юге в прошлом "
        "месяце, второй дивизион ожидается до конца года. Жители видели ночью длинные колонны военных "
        "грузовиков на трассе, а дорожная полиция перекрыла два перекрестка на несколько часов."
    )
    rewrite = (
        "Как стало известно, расчеты еще в прошлом месяце прошли подготовку на южном полигоне, а второй "
        "дивизион ожидается до конца года. Первый дивизион новых зенитных комплексов, по сообщению "
        "министерства обороны во вторник, прибыл к западной границе и в течение двух недель заступит на "
        "боевое дежурство. Дорожная полиция на несколько часов перекрыла два перекрестка, жители ночью "
        "видели на трассе длинные колонны военных грузовиков. Доставили комплексы с завода под столицей "
        "по железной дороге."
    )
    index = CopyIndex()
    index.add("ru1", original, T0, "Минобороны")
    assert [link.kind for link in index.add("ru2", rewrite, T1, "Канал")] == ["rewrite"]
