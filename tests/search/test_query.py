"""The query language: AND by default, "phrases", -exclusions, prefix*, OR; the rest literal."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from storage.search_match import plan
from storage.search_query import Phrase, Query, Word, parse


def test_words_are_anded_and_punctuation_only_separates() -> None:
    assert parse("soldats Koursk") == Query(((Word("soldats"),), (Word("Koursk"),)))
    assert parse("nord-coréens") == Query(((Word("nord"),), (Word("coréens"),)))
    assert parse("c++ (Kazan)") == Query(((Word("c"),), (Word("Kazan"),)))


def test_french_elisions_are_dropped() -> None:
    assert parse("L'Ukraine d’Odessa") == Query(((Word("Ukraine"),), (Word("Odessa"),)))


def test_quotes_make_a_phrase_even_unclosed() -> None:
    assert parse('"paix juste" Kyiv') == Query(((Phrase(("paix", "juste")),), (Word("Kyiv"),)))
    assert parse('"paix juste') == Query(((Phrase(("paix", "juste")),),))
    assert parse('"Kyiv"') == Query(((Word("Kyiv"),),))


def test_minus_excludes_and_star_is_a_prefix() -> None:
    query = parse('Poutine -Brics -"paix juste" ukr*')
    assert query.groups == ((Word("Poutine"),), (Word("ukr", prefix=True),))
    assert query.excluded == (Word("Brics"), Phrase(("paix", "juste")))
    assert parse("nord-coréens").excluded == ()


def test_or_joins_neighbours_and_and_is_implied() -> None:
    assert parse("Kazan OR Sahel Poutine").groups == (
        (Word("Kazan"), Word("Sahel")),
        (Word("Poutine"),),
    )
    assert parse("Kyiv AND Koursk") == parse("Kyiv Koursk")
    assert parse("OR") == Query(((Word("OR"),),))
    assert parse("AND") == Query(((Word("AND"),),))


def test_nothing_to_look_for_is_an_empty_query() -> None:
    for text in ('"', "(", "*", "-", "-x", " ", "", "\x00", "«»"):
        assert not parse(text), text


def test_long_input_is_bounded() -> None:
    query = parse(" ".join(f"mot{i}" for i in range(1000)) + "x" * 5000)
    assert len(query.groups) == 16
    assert all(len(str(item)) <= 64 for group in query.groups for item in group)


def test_the_query_prints_back_as_it_was_understood() -> None:
    assert str(parse('l\'Ukraine OR  Kyiv -poutine ukr* "paix   juste"')) == (
        'Ukraine OR Kyiv ukr* "paix juste" -poutine'
    )


def test_corrections_replace_plain_words_only() -> None:
    query = parse('kourks "kourks x" kourks*').replace({"kourks": "koursk"})
    assert str(query) == 'koursk "kourks x" kourks*'


@settings(max_examples=300, deadline=None)
@given(
    st.text(max_size=80) | st.lists(st.sampled_from(list("\"-*() OR AND NEAR:^'’"))).map("".join)
)
def test_any_text_parses_into_a_quoted_fts_expression(text: str) -> None:
    match = plan(parse(text)).match()
    if match is not None:
        # Every word sits in a quoted string: what is outside quotes is our own syntax.
        outside = "".join(match.split('"')[::2])
        assert set(outside) <= set("()ORANDNOT :*text")


def test_words_the_tokenizer_folds_alike_are_asked_for_once() -> None:
    # FTS5 folds Latin accents itself: "corée" beside "coree" would walk one doclist twice.
    assert plan(parse("corée")).match() == '("core" OR "coree")'  # its stem, and itself once
    assert plan(parse('"corée du"')).match() == '(text : "coree du")'
    assert "київ" in (plan(parse("Київ")).match() or "")
