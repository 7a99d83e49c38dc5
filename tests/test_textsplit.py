"""Splitting Telegram HTML: limits in UTF-16, preferred boundaries, tags carried across parts."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.textsplit import split_html, utf16_len, visible_len


class _Reader(HTMLParser):
    """What Telegram would show for a part, and whether its tags nest and close."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.stack: list[str] = []
        self.balanced = True

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack.pop() != tag:
            self.balanced = False

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def read(part: str) -> tuple[str, bool]:
    reader = _Reader()
    reader.feed(part)
    reader.close()
    return "".join(reader.text), reader.balanced and not reader.stack


def squeeze(text: str) -> str:
    return "".join(char for char in text if not char.isspace())


def test_utf16_len_counts_astral_characters_twice() -> None:
    assert utf16_len("Koursk") == 6
    assert utf16_len("Coréens") == 7
    assert utf16_len("Київ") == 4
    assert utf16_len("😀") == 2
    assert utf16_len("👍🏽") == 4
    assert utf16_len("🇺🇦") == 4


def test_visible_len_ignores_tags_and_decodes_entities() -> None:
    assert visible_len("<b>a &amp; b</b>") == 5
    assert visible_len("&lt;script&gt; &quot;x&quot;") == 12
    assert visible_len("&#128512; &#x1F600;") == 5
    assert visible_len('<a href="https://example.org/?a=1&amp;b=2">lien</a>') == 4
    assert visible_len("<blockquote expandable>▶️ Koursk</blockquote>") == 9


def test_a_message_within_the_limit_comes_back_unchanged() -> None:
    message = "<b>Des soldats nord-coréens</b>\n\n<i>974 jours</i> &amp; 🌍⚔️"
    assert split_html(message) == [message]
    assert split_html(message, limit=visible_len(message)) == [message]


def test_blank_messages_give_no_parts() -> None:
    assert split_html("") == []
    assert split_html(" \n\n <b> </b>") == []


def test_a_limit_below_one_astral_character_is_refused() -> None:
    with pytest.raises(ValueError):
        split_html("abc", limit=1)


def test_paragraphs_come_before_lines_sentences_and_spaces() -> None:
    text = "Un deux. Trois\nquatre cinq.\n\nSix sept huit neuf dix onze"
    assert split_html(text, limit=30) == [
        "Un deux. Trois\nquatre cinq.",
        "Six sept huit neuf dix onze",
    ]


def test_line_breaks_come_before_sentences_and_spaces() -> None:
    text = "Un deux. Trois\nquatre cinq. Six sept huit"
    assert split_html(text, limit=30) == ["Un deux. Trois", "quatre cinq. Six sept huit"]


def test_sentence_ends_come_before_spaces() -> None:
    for end in (".", "!", "?", "…", " !", '."', " »."):
        text = f"Un deux trois{end} Quatre cinq six sept"
        assert split_html(text, limit=24)[0] == f"Un deux trois{end}"


def test_spaces_come_before_hard_cuts_and_no_break_spaces_hold() -> None:
    assert split_html("alpha beta gamma delta", limit=12) == ["alpha beta", "gamma delta"]
    assert split_html("10\u00a0000 soldats", limit=8) == ["10\u00a0000", "soldats"]


def test_a_word_longer_than_the_limit_is_cut_hard() -> None:
    assert split_html("abcdefghij", limit=4) == ["abcd", "efgh", "ij"]


def test_open_tags_are_closed_and_reopened_with_their_attributes() -> None:
    link = '<a href="https://example.org/?a=1&amp;b=2">'
    message = f"<b>Gras {link}lien " + "mot " * 30 + "fin</a> suite</b> hors"
    parts = split_html(message, limit=40)
    assert len(parts) > 2
    assert parts[0].startswith(f"<b>Gras {link}lien")
    for part in parts[1:-1]:
        assert part.startswith(f"<b>{link}") and part.endswith("</a></b>")
    assert parts[-1].endswith("fin</a> suite</b> hors")
    assert all(read(part)[1] for part in parts)


def test_a_cut_next_to_tags_leaves_no_empty_elements() -> None:
    message = "<b>Un deux trois.</b> <i>Quatre cinq six</i>"
    assert split_html(message, limit=20) == ["<b>Un deux trois.</b>", "<i>Quatre cinq six</i>"]


def test_entities_are_never_cut() -> None:
    parts = split_html("&amp;&lt;&#x1F600;&quot;" * 20, limit=3)
    assert all(re.fullmatch(r"(?:&amp;|&lt;|&#x1F600;|&quot;)+", part) for part in parts)
    assert all(visible_len(part) <= 3 for part in parts)
    assert "".join(parts) == "&amp;&lt;&#x1F600;&quot;" * 20


def test_accents_count_once_and_emoji_twice() -> None:
    assert [visible_len(part) for part in split_html("é" * 5000)] == [4096, 904]
    emoji_parts = split_html("😀" * 3000)
    assert [len(part) for part in emoji_parts] == [2048, 952]


def test_emoji_with_modifiers_and_flags_stay_whole() -> None:
    for cluster in ("👍🏽", "🇺🇦", "▶️", "❤️", "e\u0301"):
        parts = split_html(cluster * 50, limit=7)
        assert all(part == cluster * (len(part) // len(cluster)) for part in parts), cluster


def test_a_cluster_wider_than_the_limit_is_cut_between_code_points() -> None:
    family = "👨\u200d👩\u200d👧"
    parts = split_html(family, limit=4)
    assert "".join(parts) == family
    assert all(visible_len(part) <= 4 for part in parts)


def test_a_long_summary_in_an_expandable_blockquote(seed_file: Path) -> None:
    paragraphs = seed_file.read_text(encoding="utf-8").splitlines()[1:6]
    summary = "\n\n".join(html.escape(p) for p in paragraphs * 4)[:10_000]
    assert len(summary) == 10_000
    message = f"<b>Le point du jour</b>\n\n<blockquote expandable>{summary}</blockquote>"
    parts = split_html(message)
    assert len(parts) == 3
    opening = "<blockquote expandable>"
    assert parts[0].startswith("<b>Le point du jour</b>\n\n" + opening)
    for part in parts:
        assert read(part)[1] and visible_len(part) <= 4096
        assert part.endswith("</blockquote>")
        assert opening in part
    for part in parts[:-1]:
        assert any(read(part)[0].endswith(paragraph[-30:]) for paragraph in paragraphs)
    assert all(part.startswith(opening) for part in parts[1:])
    assert squeeze("".join(read(part)[0] for part in parts)) == squeeze(read(message)[0])


_TAGS = [
    ("b", "<b>"),
    ("i", "<i>"),
    ("u", "<u>"),
    ("s", "<s>"),
    ("a", '<a href="https://example.org/?q=1&amp;r=&quot;2&quot;">'),
    ("code", "<code>"),
    ("pre", "<pre>"),
    ("blockquote", "<blockquote>"),
    ("blockquote", "<blockquote expandable>"),
    ("tg-spoiler", "<tg-spoiler>"),
    ("span", '<span class="tg-spoiler">'),
]
_CHARS = (
    st.sampled_from([*"ab cé.!?…\n\n\t&<>\"'", "😀", "👍🏽", "❤️", "🇺🇦", "Ж", "\u00a0", "e\u0301"])
    | st.characters()
)
_TEXT = st.lists(_CHARS, max_size=30).map(lambda chars: html.escape("".join(chars)))
_HTML = st.recursive(
    _TEXT,
    lambda children: st.tuples(st.sampled_from(_TAGS), st.lists(children, max_size=4)).map(
        lambda node: node[0][1] + "".join(node[1]) + f"</{node[0][0]}>"
    ),
    max_leaves=12,
)


@settings(max_examples=300, deadline=None)
@given(message=_HTML, limit=st.integers(min_value=2, max_value=60))
def test_every_part_fits_balances_and_keeps_the_text(message: str, limit: int) -> None:
    parts = split_html(message, limit)
    texts = []
    for part in parts:
        text, balanced = read(part)
        assert balanced, part
        assert visible_len(part) <= limit and utf16_len(text) <= limit
        assert part == part.strip() and text.strip()
        texts.append(text)
    assert squeeze("".join(texts)) == squeeze(read(message)[0])
