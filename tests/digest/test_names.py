"""Names: found through the search gazetteer, and placing the items clustering left alone."""

from __future__ import annotations

import pytest

from bot.digest import attach, war_names
from bot.digest.entities import find_entities, gazetteer_names
from bot.digest.normalise import ENTITY_PREFIX, Lexicon, features, tokens
from bot.gazetteer import shipped
from bot.textnorm import fold

LEXICON = Lexicon(war_names())


def names_in(text: str) -> list[str]:
    words, joined = tokens(text)
    found = find_entities(words, [fold(w) for w in words], joined, LEXICON.sources)
    return [name for name, _, _ in found]


def test_the_digest_finds_names_through_the_search_gazetteer() -> None:
    assert names_in("Des soldats de Corée du Nord à Kursk, selon Киев") == [
        "Corée du Nord",
        "Koursk",
        "Kyiv",
    ]
    assert names_in("Kim Jong Un et Xi Jinping, puis la mer Noire") == [
        "Kim Jong-un",
        "Xi Jinping",
        "Mer Noire",
    ]


def test_only_words_starting_a_spelling_are_looked_up() -> None:
    starts = gazetteer_names(shipped()).starts
    assert starts("Corée") and starts("north") and starts("Північна") and starts("KURSK")
    assert not starts("soldats") and not starts("Kalimir")


@pytest.mark.parametrize("name", shipped().names())
def test_every_shipped_spelling_is_found_as_its_name(name: str) -> None:
    entry = shipped().entry(name)
    assert entry is not None
    for spelling in (entry.name, *entry.spellings, *entry.ambiguous):
        _, joined = tokens(spelling)
        if not all(joined[:-1]):
            continue  # "Придністров'я": a phrase never spans punctuation
        assert names_in(spelling) == [name], spelling


def test_the_war_leaders_are_names_but_not_terms_and_the_countries_neither() -> None:
    found = features("Vladimir Poutine a reçu Lavrov à Moscou, en Russie.", "fr", LEXICON)
    assert ENTITY_PREFIX + "poutine" in found.names
    assert ENTITY_PREFIX + "lavrov" in found.names and ENTITY_PREFIX + "lavrov" in found.terms
    assert not any("poutine" in term or "vladimir" in term for term in found.terms)
    for country in ("moscou", "russie"):
        assert ENTITY_PREFIX + country not in found.names + found.terms


def test_a_name_in_every_item_of_the_day_weighs_nothing() -> None:
    matrix = attach.names_matrix([["@poutine", "@kazan"], ["@poutine"], ["@poutine", "@brics"]])
    assert matrix[1].toarray().max() == 0.0
    assert matrix[0].toarray().max() == pytest.approx(1.0)


# As on the seed day: a big story (rows 0-7) names Poutine in two items, a small one (8-9) in
# one of its two; the lone item 10 names only him.
BIG = [["@pyongyang", "@poutine"], ["@koursk", "@poutine"], *[["@pyongyang"]] * 4, [], ["@seoul"]]
SMALL = [["@brics", "@kazan", "@poutine"], ["@brics", "@guterres"]]


def test_a_lone_item_joins_the_story_that_names_its_names_most_on_average() -> None:
    names = attach.names_matrix([*BIG, *SMALL, ["@poutine"]])
    groups = attach.attach_lone([list(range(8)), [8, 9], [10]], names)
    assert groups == [list(range(8)), [8, 9, 10]]


def test_a_lone_item_stays_alone_below_the_floor_or_with_no_shared_name() -> None:
    names = attach.names_matrix([*BIG, *SMALL, ["@poutine"], ["@gaza"]])
    groups = [list(range(8)), [8, 9], [10], [11]]
    assert attach.attach_lone(groups, names, floor=0.9) == groups
    assert attach.attach_lone(groups, names)[-1] == [11]


def test_two_lone_items_are_not_made_a_story_by_a_shared_name() -> None:
    names = attach.names_matrix([["@gaza"], ["@gaza", "@hamas"], ["@sahel"]])
    assert attach.attach_lone([[0], [1], [2]], names) == [[0], [1], [2]]
