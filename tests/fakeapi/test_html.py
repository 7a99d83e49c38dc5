"""parse_html gives Telegram's plain text, UTF-16 entities and error texts.

Error cases and several valid ones are TDLib's own (test/message_entities.cpp).
"""

from __future__ import annotations

import pytest

from bot.fakeapi import EntityParseError, parse_html, utf16_len


def entity(kind: str, offset: int, length: int, **extra: str) -> dict[str, object]:
    return {"type": kind, "offset": offset, "length": length, **extra}


def test_bold_word_offsets_count_utf16_units_after_emoji_and_accents() -> None:
    text, entities = parse_html("😀 Région de <b>Koursk</b> — <i>été</i>")

    assert text == "😀 Région de Koursk — été"
    assert entities == [entity("bold", 13, 6), entity("italic", 22, 3)]
    assert utf16_len("😀") == 2


def test_entities_inside_an_emoji_run_use_surrogate_pairs() -> None:
    text, entities = parse_html("🏟 🏟<i>🏟 &lt🏟</i>")

    assert text == "🏟 🏟🏟 <🏟"
    assert entities == [entity("italic", 5, 6)]


def test_character_references_decode_like_telegram() -> None:
    text, _ = parse_html("&lt;a&gt; &amp; &quot;q&quot; &#39;&#x27; &lt")
    assert text == "<a> & \"q\" '' <"


def test_non_strict_mode_keeps_unknown_references_as_text() -> None:
    markup = "&ge;&lt;&gt;&amp;&quot;&laquo;&raquo;&#12345678; AT&T"
    text, entities = parse_html(markup, strict_ampersand=False)
    assert text == '&ge;<>&"&laquo;&raquo;&#12345678; AT&T'
    assert entities == []


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        ("<b>a</b><strong>b</strong>", [entity("bold", 0, 1), entity("bold", 1, 1)]),
        ("<i>a</i><em>b</em>", [entity("italic", 0, 1), entity("italic", 1, 1)]),
        ("<u>a</u><ins>b</ins>", [entity("underline", 0, 1), entity("underline", 1, 1)]),
        ("<s>a</s><del>b</del>", [entity("strikethrough", 0, 1), entity("strikethrough", 1, 1)]),
        (
            '<tg-spoiler>a</tg-spoiler><span class="tg-spoiler">b</span>',
            [entity("spoiler", 0, 1), entity("spoiler", 1, 1)],
        ),
        ("<code>a</code>", [entity("code", 0, 1)]),
        ("<pre>a</pre>", [entity("pre", 0, 1)]),
        (
            '<pre><code class="language-python">a</code></pre>',
            [entity("pre", 0, 1, language="python")],
        ),
        ("<blockquote>a</blockquote>", [entity("blockquote", 0, 1)]),
        ("<blockquote expandable>a</blockquote>", [entity("expandable_blockquote", 0, 1)]),
        (
            '<a href="https://lemonde.fr/x?a=1&amp;b=2">a</a>',
            [entity("text_link", 0, 1, url="https://lemonde.fr/x?a=1&b=2")],
        ),
        ("<a href=telegram.org>a</a>", [entity("text_link", 0, 1, url="http://telegram.org/")]),
        (
            '<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>',
            [entity("custom_emoji", 0, 2, custom_emoji_id="5368324170671202286")],
        ),
        ("<B>a</B>", [entity("bold", 0, 1)]),
        ("<b>a</>", [entity("bold", 0, 1)]),
        ("<b></b>x", []),
    ],
)
def test_supported_tags(markup: str, expected: list[dict[str, object]]) -> None:
    assert parse_html(markup)[1] == expected


def test_nested_entities_are_ordered_like_telegram() -> None:
    _, entities = parse_html("<i><b> </b> <code> </code></i>")
    assert entities == [entity("italic", 0, 3), entity("bold", 0, 1), entity("code", 2, 1)]


@pytest.mark.parametrize(
    ("markup", "description"),
    [
        ("<script>alert(1)</script>", 'Unsupported start tag "script" at byte offset 0'),
        ("🏟 🏟&lt;<abac aba>", 'Unsupported start tag "abac" at byte offset 13'),
        ("prix < 100 €", 'Unsupported start tag "" at byte offset 5'),
        ("<<b>x</b>", 'Unsupported start tag "<b" at byte offset 0'),
        ("🏟 🏟&lt;<abacaba", "Unclosed start tag at byte offset 13"),
        ("<b>Koursk", 'Can\'t find end tag corresponding to start tag "b"'),
        ("🏟 🏟&lt;<i    aba>", 'Can\'t find end tag corresponding to start tag "i"'),
        ("🏟 🏟&lt;<i   =aba>", 'Empty attribute name in the tag "i" at byte offset 13'),
        ("🏟 🏟&lt;<i    aba  =  ", 'Unclosed start tag "i" at byte offset 13'),
        ("🏟 🏟&lt;<i    aba  =  190azAz-.,", "Unexpected end of name token at byte offset 27"),
        ('🏟 🏟&lt;<i    aba  =  "&lt;&gt;&quot;>', "Unclosed start tag at byte offset 13"),
        ("🏟 🏟&lt;</", "Unexpected end tag at byte offset 13"),
        ("🏟 🏟&lt;<b></b></", "Unexpected end tag at byte offset 20"),
        ("🏟 🏟&lt;<i>a</i   ", "Unclosed end tag at byte offset 17"),
        (
            "🏟 🏟&lt;<i>a</em   >",
            'Unmatched end tag at byte offset 17, expected "</i>", found "</em>"',
        ),
        ("<b><i>x</b></i>", 'Unmatched end tag at byte offset 7, expected "</i>", found "</b>"'),
        ('<span class="x">a</span>', 'Tag "span" must have class "tg-spoiler" at byte offset 0'),
        (
            "&#xDFDF;",
            "Text contains invalid Unicode characters after decoding HTML entities, "
            "check for unmatched surrogate code units",
        ),
    ],
)
def test_invalid_markup_gives_telegrams_error(markup: str, description: str) -> None:
    with pytest.raises(EntityParseError) as raised:
        parse_html(markup)
    assert raised.value.description == description


@pytest.mark.parametrize("markup", ["AT&T", "a&nbsp;b", "&ge; 3", "fish & chips"])
def test_strict_mode_rejects_unescaped_ampersands(markup: str) -> None:
    with pytest.raises(EntityParseError, match=r'^Unescaped "&" at byte offset \d+'):
        parse_html(markup)


def test_links_telegram_rejects_are_dropped_not_errors() -> None:
    assert parse_html("<a>telegram.org </a>") == ("telegram.org ", [])
    assert parse_html('<a href="javascript:alert(1)">x</a>') == ("x", [])
