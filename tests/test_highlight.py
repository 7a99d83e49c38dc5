"""Bolding search hits: accent- and case-blind matching, escaped HTML, fragments around hits."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.highlight import fold, highlight, words

KOURSK = (
    "[VIDÉO] ▶️ L'Ukraine affirme que des soldats nord-coréens ont été déployés dans la "
    "région russe de Koursk. Vladimir Poutine, interrogé à ce sujet, ..."
)


class _Reader(HTMLParser):
    """The text of highlighted HTML, and whether it uses only flat, closed <b> elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.bold: list[str] = []
        self.depth = 0
        self.valid = True

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.valid &= tag == "b" and not attrs and self.depth == 0
        self.depth += 1
        self.bold.append("")

    def handle_endtag(self, tag: str) -> None:
        self.valid &= tag == "b" and self.depth == 1
        self.depth -= 1

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self.depth:
            self.bold[-1] += data


def read(fragment: str) -> _Reader:
    reader = _Reader()
    reader.feed(fragment)
    reader.close()
    assert reader.valid and reader.depth == 0, fragment
    return reader


def bolded(fragment: str) -> list[str]:
    return read(fragment).bold


def test_fold_removes_case_and_accents() -> None:
    assert fold("Coréens") == "coreens"
    assert fold("ÉTATS") == "etats"
    assert fold("Straße") == "strasse"
    assert fold("ﬁn") == "fin"
    assert fold("КИЇВ") == "киів"
    assert fold("l’Ukraine") == "l’ukraine"


def test_words_split_on_apostrophes_and_hyphens() -> None:
    def spelled(text: str) -> list[str]:
        return [text[start:end] for start, end in words(text)]

    assert spelled("L'Ukraine") == ["L", "Ukraine"]
    assert spelled("L’Ukraine") == ["L", "Ukraine"]
    assert spelled("nord-coréens") == ["nord", "coréens"]
    assert spelled("10'000 soldats") == ["10", "000", "soldats"]
    assert spelled("Київ і Харків!") == ["Київ", "і", "Харків"]
    assert spelled("Core\u0301ens, «paix juste»") == ["Core\u0301ens", "paix", "juste"]
    assert spelled("▶️ ... — ") == []


def test_search_koursk_bolds_exactly_koursk() -> None:
    result = highlight(KOURSK, ["koursk"])
    assert bolded(result) == ["Koursk"]
    assert "de <b>Koursk</b>." in result


def test_matching_ignores_accents_and_case_both_ways() -> None:
    assert bolded(highlight(KOURSK, ["coreens"])) == ["coréens"]
    assert bolded(highlight(KOURSK, ["VIDEO", "DÉPLOYÉS"])) == ["VIDÉO", "déployés"]
    assert bolded(highlight("Les États-Unis et l'Otan", ["etats", "unis"])) == ["États", "Unis"]


def test_a_word_is_matched_whole_unless_the_term_ends_in_a_star() -> None:
    text = "Russie, russe et Russes"
    assert bolded(highlight(text, ["russe"])) == ["russe"]
    assert bolded(highlight(text, ["russ*"])) == ["Russie", "russe", "Russes"]
    assert bolded(highlight(text, ["*", "", "  "])) == []


def test_terms_are_split_into_words_like_the_query() -> None:
    assert bolded(highlight(KOURSK, ["nord-coréens"])) == ["nord", "coréens"]


def test_text_is_escaped_everywhere() -> None:
    result = highlight('<script>alert("x")</script> & <b>Koursk</b>', ["koursk", "script"])
    assert result == (
        '&lt;<b>script</b>&gt;alert("x")&lt;/<b>script</b>&gt; &amp; '
        "&lt;b&gt;<b>Koursk</b>&lt;/b&gt;"
    )


def test_fragment_is_centred_on_the_match_and_cut_at_words() -> None:
    result = highlight(KOURSK, ["koursk"], max_chars=40)
    assert result == "…région russe de <b>Koursk</b>. Vladimir…"
    assert len(html.unescape(re.sub("<[^>]+>", "", result))) <= 40


def test_fragment_goes_to_the_densest_cluster_of_matches() -> None:
    text = "Koursk ouvre. " + "mot " * 40 + "Poutine à Koursk, Koursk encore. " + "fin " * 40
    result = highlight(text, ["koursk"], max_chars=40)
    assert bolded(result) == ["Koursk", "Koursk"]
    assert result.startswith("…") and result.endswith("…")


def test_fragment_without_matches_is_the_start_of_the_text() -> None:
    assert highlight(KOURSK, ["kharkiv"], max_chars=30) == "[VIDÉO] ▶️ L'Ukraine affirme…"


def test_fragment_at_either_end_has_one_ellipsis() -> None:
    assert highlight(KOURSK, ["vidéo"], max_chars=20).startswith("[<b>VIDÉO</b>]")
    end = highlight("un deux trois quatre cinq six sept huit neuf dix", ["dix"], max_chars=20)
    assert end == "…sept huit neuf <b>dix</b>"


def test_short_texts_and_missing_limits_keep_everything() -> None:
    assert highlight(KOURSK, ["koursk"], max_chars=len(KOURSK)) == highlight(KOURSK, ["koursk"])
    assert highlight("", ["koursk"]) == ""


def test_a_match_longer_than_the_fragment_is_kept_whole() -> None:
    word = "Anticonstitutionnellement"
    result = highlight(f"Un mot {word} très long", [word], max_chars=10)
    assert result == f"…<b>{word}</b>…"


_TEXTS = st.lists(
    st.sampled_from([*"Koursk coréens <>&\"'’-.\n", "e\u0301", "▶️", "Київ", "…"]) | st.characters(),
).map("".join)
_TERMS = st.lists(st.sampled_from(["koursk", "coreens", "k*", "київ", "e", "<b>"]), max_size=3)


@settings(max_examples=300, deadline=None)
@given(text=_TEXTS, terms=_TERMS | st.lists(st.text(max_size=5), max_size=3))
def test_output_is_bold_only_html_of_the_whole_text(text: str, terms: list[str]) -> None:
    assert "".join(read(highlight(text, terms)).text) == text


@settings(max_examples=300, deadline=None)
@given(text=_TEXTS, terms=_TERMS, max_chars=st.integers(min_value=1, max_value=40))
def test_output_is_bold_only_html_of_a_fragment(
    text: str, terms: list[str], max_chars: int
) -> None:
    shown = "".join(read(highlight(text, terms, max_chars=max_chars)).text)
    if len(text) <= max_chars:
        assert shown == text
        return
    assert any(is_fragment(shown, text, head, tail) for head in (0, 1) for tail in (0, 1))


def is_fragment(shown: str, text: str, head: int, tail: int) -> bool:
    """Whether shown is a slice of text with "…" exactly where the slice leaves text out."""
    core = shown[head : len(shown) - tail]
    if shown != "…" * head + core + "…" * tail:
        return False
    start = text.find(core)
    while start != -1:
        if (start > 0) == bool(head) and (start + len(core) < len(text)) == bool(tail):
            return True
        start = text.find(core, start + 1)
    return False
