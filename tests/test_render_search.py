from __future__ import annotations

from bot import render_search
from bot.textsplit import visible_len
from storage.models import SearchPage
from tests.test_render import snippet, visible


def page(total: int, offset: int, count: int) -> SearchPage:
    hits = tuple(snippet(i, f"Combats à Koursk n°{i}") for i in range(offset, offset + count))
    return SearchPage(hits=hits, total=total, offset=offset, terms=("koursk",))


def test_search_page_bolds_matches_and_counts() -> None:
    reply = render_search.search_results(page(12, 0, 5), "koursk", 7, "fr", 5)
    html = reply.parts[0]
    assert visible(html).startswith("🔎 koursk — 1–5 sur 12")
    assert html.count("<b>Koursk</b>") == 5
    assert reply.keyboard is not None
    buttons = [b for row in reply.keyboard.inline_keyboard for b in row]
    assert [(b.text, b.callback_data) for b in buttons] == [("▶", "s:7:5")]


def test_middle_and_last_pages_have_the_right_buttons() -> None:
    middle = render_search.search_results(page(12, 5, 5), "koursk", 7, "en", 5)
    assert visible(middle.parts[0]).startswith("🔎 koursk — 6–10 of 12")
    assert middle.keyboard is not None
    assert [b.callback_data for b in middle.keyboard.inline_keyboard[0]] == ["s:7:0", "s:7:10"]
    last = render_search.search_results(page(12, 10, 2), "koursk", 7, "fr", 5)
    assert last.keyboard is not None
    assert [b.text for b in last.keyboard.inline_keyboard[0]] == ["◀"]


def test_callback_data_fits_in_64_bytes_whatever_the_query() -> None:
    reply = render_search.search_results(page(10**9, 10**8, 5), "x" * 5000, 10**12, "fr", 5)
    assert reply.keyboard is not None
    for button in reply.keyboard.inline_keyboard[0]:
        assert isinstance(button.callback_data, str)
        assert len(button.callback_data.encode()) <= 64
        assert render_search.parse_search_callback(button.callback_data) is not None
    assert visible_len(reply.parts[0]) <= 4096


def test_no_results_says_so_and_suggests() -> None:
    reply = render_search.search_results(page(0, 0, 0), "<zzz>", 1, "fr", 5)
    assert visible(reply.parts[0]).startswith("Aucun extrait ne contient « <zzz> »")
    assert reply.keyboard is None


def test_bad_callback_data_is_not_parsed() -> None:
    for data in ("s:", "s:x:1", "today", "s:1:-5", "s:1"):
        assert render_search.parse_search_callback(data) is None
