"""The index's extra forms, and the fast word splitting and folding it relies on."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.textnorm import fold, word_list
from storage.normalize import content_hash, fold_word, folded_words, search_form, words_of

_TEXT = st.lists(
    st.characters(blacklist_categories=("Cs",))
    | st.sampled_from(["e\u0301", "▶️", "Київ", "ﬁ", "ß", "İ", "'", "-", "\u0301", "🌍"]),
    max_size=30,
).map("".join)


@settings(max_examples=500, deadline=None)
@given(_TEXT)
def test_fast_words_and_folds_agree_with_textnorm(text: str) -> None:
    assert words_of(text) == word_list(text)
    assert [fold_word(word) for word in words_of(text)] == [fold(w) for w in word_list(text)]


def test_search_form_holds_stems_transliterations_and_folds_not_already_there() -> None:
    assert search_form("Des soldats ukrainiens", "fr").split() == ["de", "soldat", "ukrainien"]
    assert search_form("Le soldat et les soldats", "fr") == ""
    assert "soldier" in search_form("The soldiers", "en").split()
    assert {"bakhmut", "бахмут"} <= set(search_form("Бахмут держится", "ru").split())
    assert {"strasse", "fin"} <= set(search_form("Straße ﬁn", "de").split())


def test_unknown_languages_are_not_stemmed() -> None:
    assert search_form("soldats", "xx") == ""


def test_content_hash_ignores_case_spacing_and_a_trailing_ellipsis() -> None:
    assert content_hash("Les  soldats arrivent …") == content_hash("les soldats arrivent")


def test_folding_a_text_whole_gives_its_words_folded_one_by_one() -> None:
    texts = [
        "L'Ukraine affirme que des soldats nord-coréens ont été déployés",
        "Київ: відключення електроенергії тривають.",
        "Straße, ﬁn, İstanbul, Zaporizhzhia — 10'000 soldats ▶️ [VIDÉO]",
        "Choïgou limogé, remplacé par Belooussov au ministère 🌍",
    ]
    for text in texts:
        assert folded_words(text) == [fold_word(word) for word in words_of(text)], text
