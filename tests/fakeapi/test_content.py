"""What the fake stores for a message: trimmed text, shifted entities, checked keyboards."""

from __future__ import annotations

import pytest

from bot.fakeapi import ApiError
from bot.fakeapi.content import check_reply_markup, parse_text


def test_surrounding_whitespace_is_trimmed_and_entities_follow() -> None:
    text, entities = parse_text("\n  <b>Koursk</b> :  \n", "HTML", None, strict_html=True)
    assert text == "Koursk :"
    assert entities == ({"type": "bold", "offset": 0, "length": 6},)


def test_plain_text_keeps_explicit_entities_and_checks_their_bounds() -> None:
    bold = {"type": "bold", "offset": 0, "length": 3}
    assert parse_text("été", None, [bold], strict_html=True) == ("été", (bold,))
    with pytest.raises(ApiError, match="entity beyond the end of text"):
        parse_text("été", None, [{**bold, "length": 4}], strict_html=True)


@pytest.mark.parametrize(
    ("parse_mode", "description"),
    [
        ("MarkdownV2", "Bad Request: unsupported parse_mode (fake: only HTML is implemented)"),
        ("BBCode", "Bad Request: unsupported parse_mode"),
    ],
)
def test_other_parse_modes(parse_mode: str, description: str) -> None:
    with pytest.raises(ApiError) as raised:
        parse_text("*x*", parse_mode, None, strict_html=True)
    assert raised.value.description == description


def test_keyboard_urls_are_normalised_and_bad_ones_refused() -> None:
    markup = {"inline_keyboard": [[{"text": "Le Monde", "url": "lemonde.fr"}]]}
    assert check_reply_markup(markup) == {
        "inline_keyboard": [[{"text": "Le Monde", "url": "http://lemonde.fr/"}]]
    }
    with pytest.raises(ApiError, match="BUTTON_URL_INVALID"):
        check_reply_markup({"inline_keyboard": [[{"text": "x", "url": "not a url"}]]})
    with pytest.raises(ApiError, match="should be an Array of Arrays"):
        check_reply_markup({"inline_keyboard": [{"text": "x", "callback_data": "x"}]})


def test_the_same_text_twice_gives_equal_entities_that_share_nothing() -> None:
    first = parse_text("<b>Koursk</b> tient", "HTML", None, strict_html=True)
    second = parse_text("<b>Koursk</b> tient", "HTML", None, strict_html=True)
    assert first == second
    assert first[1][0] is not second[1][0]


def test_a_bad_text_is_refused_every_time_it_is_sent() -> None:
    for _ in range(2):
        with pytest.raises(ApiError, match="Unsupported start tag"):
            parse_text("<blink>Koursk</blink>", "HTML", None, strict_html=True)
