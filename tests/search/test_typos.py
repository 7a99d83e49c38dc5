"""Typo correction: Meilisearch's allowance, the commonest word on a tie, known words kept."""

from __future__ import annotations

from collections import Counter

from bot.gazetteer import shipped
from bot.search.typos import allowed_typos, correction, corrections
from storage.search_query import parse
from storage.vocabulary import Vocabulary

WORDS = Vocabulary(
    Counter({"koursk": 5, "kours": 1, "pokrovsk": 3, "pyongyang": 4, "soldats": 9, "kazan": 2})
)


def test_one_typo_from_five_letters_two_from_nine() -> None:
    assert [allowed_typos("x" * n) for n in (4, 5, 8, 9, 20)] == [0, 1, 1, 2, 2]


def test_misspelt_words_are_corrected_to_the_index_words() -> None:
    assert correction("kourks", WORDS) == "koursk"  # two letters swapped is one typo
    assert correction("pokrovk", WORDS) == "pokrovsk"
    assert correction("pionguang", WORDS) == "pyongyang"  # two typos in nine letters
    assert correction("pionguanc", WORDS) is None  # three
    assert correction("pyongyng", WORDS) == "pyongyang"
    assert correction("pyonggyanng", WORDS) == "pyongyang"  # two typos from nine letters


def test_short_known_and_hopeless_words_are_left_alone() -> None:
    assert correction("kazn", WORDS) is None  # four letters: no typo allowed
    assert correction("soldats", WORDS) is None  # a known word
    assert correction("zzzzzz", WORDS) is None
    assert correction("Koursk", WORDS) is None


def test_a_tie_goes_to_the_commonest_word() -> None:
    assert correction("koursq", WORDS) == "koursk"


def test_query_corrections_skip_names_prefixes_and_phrases() -> None:
    fixes = corrections(parse('kourks pokrovk* "pokrovk x" Київ'), WORDS, shipped())
    assert fixes == {"kourks": "koursk"}
