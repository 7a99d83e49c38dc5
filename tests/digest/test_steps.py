"""Each step of the digest alone, as the pure function it is."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import numpy as np
import pytest
from scipy.cluster.hierarchy import fcluster, linkage  # type: ignore[import-untyped]
from scipy.spatial.distance import squareform  # type: ignore[import-untyped]

from bot.digest import cluster, minhash, neighbours, rank
from bot.digest.dedup import containment, duplicate_groups, is_near_duplicate
from bot.digest.entities import CAPITALISED_NAMES, NameSource, capitalised_name, find_entities
from bot.digest.model import Item, Story, distinct_sources
from bot.digest.normalise import ENTITY_PREFIX, Lexicon, clean, features, tokens
from bot.textnorm import fold, words
from storage.models import Snippet

DAY = date(2024, 10, 24)
GAZETTEER = {"Pyongyang": "Corée du Nord", "Corée du Nord": "Corée du Nord", "BRICS": "BRICS"}
NAMES = Lexicon([NameSource(GAZETTEER.get)])


def snippet(number: int, text: str = "x", source: str | None = None, minutes: int = 0) -> Snippet:
    when = datetime(2024, 10, 24, 8, tzinfo=UTC) + timedelta(minutes=minutes)
    return Snippet(number, DAY, text, source, None, when, "fr")


# normalise


@pytest.mark.parametrize(
    ("raw", "cleaned"),
    [
        ("[VIDÉO] ▶️ L'Ukraine affirme que ...", "L'Ukraine affirme que"),
        ("POINT SUR LA SITUATION - Le secrétaire général", "Le secrétaire général"),
        ("ÉDITORIAL. L'arrivée de milliers de soldats…", "L'arrivée de milliers de soldats"),
        ("Des câbles sectionnés. (avec AFP)", "Des câbles sectionnés."),
        ("Kiev frappée dans la nuit ... (AFP)", "Kiev frappée dans la nuit"),
        ("Missiles ATACMS : la défense russe", "Missiles ATACMS : la défense russe"),
    ],
)
def test_clean_drops_what_outlets_add(raw: str, cleaned: str) -> None:
    assert clean(raw) == cleaned


def test_tokens_keep_compounds_and_mark_punctuation() -> None:
    words, joined = tokens("soldats nord-coréens, Corée du Nord")
    assert words == ["soldats", "nord-coréens", "Corée", "du", "Nord"]
    assert joined == [True, False, True, True, False]


def test_features_drop_filler_and_count_a_name_once() -> None:
    found = features(
        "Vladimir Poutine : Pyongyang envoie des soldats en Russie, jeudi.",
        "fr",
        NAMES,
    )
    assert "soldat" in found.terms and ENTITY_PREFIX + "coree du nord" in found.terms
    for filler in ("russ", "jeud", "poutin", "pyongyang", "des"):
        assert filler not in found.terms
    assert found.surfaces[found.terms.index("soldat")] == "soldats"


# entities


def test_capitalised_name_heuristic() -> None:
    assert capitalised_name("Yi Peng") == "yi peng"
    assert capitalised_name("Corée du Nord") == "coree du nord"
    assert capitalised_name("Les") is None
    assert capitalised_name("soldats") is None
    assert capitalised_name("Corée du") is None


def test_entities_longest_first_and_earlier_lookups_win() -> None:
    words, joined = tokens("lors du Sommet des BRICS, la Corée du Nord")
    sources = [NameSource(GAZETTEER.get), CAPITALISED_NAMES]
    found = find_entities(words, [fold(w) for w in words], joined, sources)
    assert [name for name, _, _ in found] == ["Corée du Nord", "BRICS", "sommet"]


def test_the_french_article_un_is_not_looked_up() -> None:
    words, joined = tokens("un soldat")
    assert find_entities(words, ["un", "soldat"], joined, [NameSource({"un": "ONU"}.get)]) == []


def test_tokens_are_the_search_words_with_compounds_kept_whole() -> None:
    text = "Core\u0301ens d'Ukraine : 10'000 soldats_x ² Київ, Придністров'я — Kim Jong-un."
    found = tokens(text)[0]
    assert found == [
        *("Core\u0301ens", "d", "Ukraine", "10", "000", "soldats", "x", "²", "Київ"),
        *("Придністров", "я", "Kim", "Jong-un"),
    ]
    searched = [text[start:end] for start, end in words(text)]
    assert [part for token in found for part in token.split("-")] == searched


# dedup


def test_shingles_are_runs_of_three_words_hashed_alike_wherever_they_are() -> None:
    found = minhash.shingles([["a", "b"], ["a", "b", "c", "d"], ["x", "b", "c", "d"], []])
    assert found.counts().tolist() == [1, 2, 2, 1]
    assert len(found.of(1) & found.of(2)) == 1  # "b c d"
    assert found.of(0) != minhash.shingles([["b", "a"]]).of(0)
    assert found.of(1) == minhash.shingles([["z"], ["a", "b", "c", "d"]]).of(1)
    assert containment(frozenset({1}), frozenset({1, 2})) == 1.0
    assert not is_near_duplicate(frozenset({1}), frozenset({1, 2}))


def test_minhash_signatures_estimate_jaccard_and_are_the_same_each_run() -> None:
    base = tokens("le chat noir mange la souris grise ce matin dans la cuisine de la maison")[0]
    other = tokens("une toute autre histoire sans rapport avec ce qui précède ici")[0]
    found = minhash.shingles([base, [*base[:8], "soir", *base[9:]], other])
    rows = minhash.signatures(found, [0, 1, 2])
    jaccard = len(found.of(0) & found.of(1)) / len(found.of(0) | found.of(1))
    assert abs(float((rows[0] == rows[1]).mean()) - jaccard) < 0.2
    assert (rows[0] == rows[2]).mean() < 0.1
    assert (minhash.signatures(minhash.shingles([base]), [0]) == rows[:1]).all()
    assert minhash.candidate_pairs(rows).tolist() == [[0, 1]]


def test_lsh_proposes_every_pair_of_a_bucket_once() -> None:
    found = minhash.shingles([["a", "b", "c", "d"]] * 3 + [["x", "y", "z"]])
    rows = minhash.signatures(found, [0, 1, 2, 3])
    assert minhash.candidate_pairs(rows).tolist() == [[0, 1], [0, 2], [1, 2]]


def test_reprints_tags_and_truncations_merge_other_stories_do_not() -> None:
    full = "l'ukraine a tire pour la premiere fois des missiles americains atacms sur la russie"
    texts = [
        full.split(),
        full.split(),  # reprinted
        (full + " afp").split(),  # a source tag kept by the cleaner
        full.split()[:10],  # cut short with "..."
        [
            "la",
            "russie",
            "a",
            "signe",
            "un",
            "decret",
            "elargissant",
            "les",
            "conditions",
            "d'emploi",
        ],
    ]
    assert duplicate_groups(texts) == [[0, 1, 2, 3], [4]]


# cluster


def test_tfidf_rows_are_unit_length_and_names_weigh_more() -> None:
    matrix, vocabulary, _ = cluster.tfidf([["soldat", ENTITY_PREFIX + "koursk"], ["soldat"]])
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    assert np.allclose(norms, 1.0)
    row = matrix.toarray()[0]
    assert row[vocabulary.index(ENTITY_PREFIX + "koursk")] > row[vocabulary.index("soldat")]


def test_clusters_group_by_topic_not_by_one_shared_word() -> None:
    bags = [
        ["atacm", "missil", "briansk", "frapp"],
        ["atacm", "missil", "briansk", "depot"],
        ["atacm", "briansk", "frapp", "munition"],
        ["cabl", "baltiqu", "sabotag", "frapp"],
        ["cabl", "baltiqu", "ancr", "cargo"],
    ]
    matrix, _, _ = cluster.tfidf(bags)
    assert cluster.clusters(matrix) == [[0, 1, 2], [3, 4]]
    assert cluster.expand(matrix).shape == matrix.shape


@pytest.mark.parametrize("seed", range(5))
def test_the_cut_of_the_average_linkage_tree_is_scipys_fcluster(seed: int) -> None:
    rng = np.random.default_rng(seed)
    bags = [[f"t{t}" for t in rng.choice(12, size=4, replace=False)] for _ in range(30)]
    matrix, _, _ = cluster.tfidf(bags)
    distance = 1.0 - np.clip((matrix @ matrix.T).toarray(), 0.0, 1.0)
    np.fill_diagonal(distance, 0.0)
    tree = linkage(squareform(distance, checks=False), method="average")
    expected = fcluster(tree, t=1.0 - cluster.THRESHOLD, criterion="distance")
    found = cluster._agglomerate(matrix, cluster.THRESHOLD)
    same_expected = expected[:, None] == expected[None, :]
    assert (same_expected == (np.asarray(found)[:, None] == np.asarray(found)[None, :])).all()


def test_similar_pairs_finds_exact_cosines() -> None:
    matrix, _, _ = cluster.tfidf([["a", "b"], ["a", "b"], ["c"]])
    rows, cols, sims = neighbours.similar_pairs(matrix, 0.5)
    assert (rows.tolist(), cols.tolist()) == ([0], [1])
    assert sims[0] == pytest.approx(1.0)


def test_terms_too_common_to_propose_a_pair_still_count_in_its_similarity(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    bags = [["x", "a"], ["x", "a"], ["x", "b"], ["x", "c"]]
    matrix, _, _ = cluster.tfidf(bags)
    exact = (matrix @ matrix.T).toarray()[0, 1]
    monkeypatch.setattr(neighbours, "CANDIDATE_MAX_DF", 2)  # "x" is in four rows
    rows, cols, sims = neighbours.similar_pairs(matrix, 0.1)
    assert (rows.tolist(), cols.tolist()) == ([0], [1])  # only "a" proposes a pair
    assert sims[0] == pytest.approx(exact)


def test_nearest_keeps_each_rows_closest_others() -> None:
    matrix, _, _ = cluster.tfidf([["a", "b", "c"], ["a", "b", "c"], ["a", "b", "d"], ["a", "e"]])
    rows, cols, _ = neighbours.nearest(matrix, 0.1, 2)
    found = {row: cols[rows == row].tolist() for row in range(4)}
    assert found == {0: [1, 2], 1: [0, 2], 2: [0, 1], 3: [0, 1]}


# rank and label


def test_stories_rank_by_sources_then_size_then_recency() -> None:
    def story(*snippets: Snippet) -> Story:
        return Story("x", tuple(Item((s,)) for s in snippets))

    wide = story(snippet(1, source="AFP"), snippet(2, source="Le Monde"))
    big = story(snippet(3, source="AFP"), snippet(4, source="afp "), snippet(5))
    recent = story(snippet(6, source="AFP", minutes=60))
    old = story(snippet(7, source="AFP"))
    assert rank.ranked([old, recent, big, wide]) == [wide, big, recent, old]
    assert distinct_sources(big.snippets) == ("AFP",)


def test_medoid_is_the_most_central_row() -> None:
    matrix, _, _ = cluster.tfidf([["a", "b"], ["a", "b", "c"], ["c", "d"], ["e"]])
    scores = rank.centrality(matrix, [[0, 1, 2]], np.ones(3))
    assert max(range(3), key=scores.__getitem__) == 1
    # A row printed often pulls the centre to itself; groups do not mix.
    scores = rank.centrality(matrix, [[0, 1, 2], [3]], np.asarray([5.0, 1.0, 1.0, 1.0]))
    assert scores.argmax() == 0


def test_label_names_what_the_story_shares() -> None:
    found = [
        features(text, "fr", NAMES)
        for text in (
            "Pyongyang envoie des soldats nord-coréens",
            "Des soldats nord-coréens déployés à Koursk",
            "Les soldats nord-coréens arrivent",
        )
    ]
    idf = {term: 1.0 for f in found for term in f.terms}
    assert rank.label(found, [1, 1, 1], idf).startswith("Nord-coréens · soldats")
