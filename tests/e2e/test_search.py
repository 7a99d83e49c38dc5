"""/search, plain-text search and the ◀ ▶ buttons, over real HTTP."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.fakeapi import ChatHandle, FakeTelegram
from bot.harness import Harness
from tests.e2e.conftest import load_into

SAMPLE = Path(__file__).resolve().parents[2] / "bot" / "data" / "sample-briefing.yaml"


async def test_search_koursk_bolds_the_word(seeded: Path, bot: Harness, anna: ChatHandle) -> None:
    turn = await bot.say(anna, "/search koursk")
    [reply] = turn.sent
    assert reply.text.startswith("🔎 koursk — 1–1 sur 1\n\n1. [VIDÉO] ▶️ L'Ukraine affirme")
    assert reply.current.bold_texts() == ["koursk", "Koursk"]
    assert "24 oct. 2024" in reply.text
    assert reply.current.buttons == []


async def test_plain_text_in_private_chat_is_searched(
    seeded: Path, bot: Harness, anna: ChatHandle
) -> None:
    turn = await bot.say(anna, "nord-coréens Koursk")
    assert turn.sent[0].text.startswith("🔎 nord-coréens Koursk — 1–1 sur 1")


async def test_plain_text_in_a_group_is_not_searched(
    seeded: Path, bot: Harness, anna: ChatHandle, telegram: FakeTelegram
) -> None:
    group = telegram.supergroup(-1001, "Veille")
    assert (await bot.say(group, "koursk", by=anna)).sent == []
    turn = await bot.say(group, "/search koursk", by=anna)
    assert turn.sent[0].text.startswith("🔎 koursk — 1–1 sur 1")


async def test_search_without_terms_gives_usage(bot: Harness, anna: ChatHandle) -> None:
    turn = await bot.say(anna, "/search")
    assert [m.text for m in turn.sent] == ["Que cherchez-vous ? Exemple : /search koursk"]


async def test_no_results_says_so(seeded: Path, bot: Harness, john: ChatHandle) -> None:
    turn = await bot.say(john, "/search zzyzx")
    assert turn.sent[0].text.startswith("No snippet contains “zzyzx”.")


@pytest.mark.parametrize(
    "query",
    ["nord-coréens", "L'Ukraine", '"', "(", "AND", "*", "c++", "NEAR(", "x" * 5000, "a\x00b"],
)
async def test_hostile_queries_get_a_proper_answer(
    seeded: Path, bot: Harness, anna: ChatHandle, query: str
) -> None:
    turn = await bot.say(anna, f"/search {query}")
    assert len(turn.sent) == 1
    assert turn.sent[0].text.startswith(("🔎", "Aucun extrait", "Que cherchez-vous"))


async def test_buttons_page_through_results_by_editing(
    db_path: Path, bot: Harness, anna: ChatHandle, telegram: FakeTelegram
) -> None:
    await load_into(db_path, SAMPLE)
    [results] = (await bot.say(anna, "/search koursk")).sent
    assert results.text.startswith("🔎 koursk — 1–5 sur 7")
    assert [b.text for b in results.current.flat_buttons()] == ["▶"]

    turn = await bot.press(anna, results, "▶")
    assert turn.sent == [] and turn.edited == [results]
    assert results.text.startswith("🔎 koursk — 6–7 sur 7\n\n6. ")
    assert [b.text for b in results.current.flat_buttons()] == ["◀"]

    await bot.press(anna, results, "◀")
    assert results.text.startswith("🔎 koursk — 1–5 sur 7")
    assert results.current.bold_texts().count("Koursk") == 5


async def test_a_long_query_still_fits_in_callback_data(
    db_path: Path, bot: Harness, anna: ChatHandle
) -> None:
    await load_into(db_path, SAMPLE)
    long_query = "koursk " + " ".join(["région"] * 10) + " " + "x" * 300
    [results] = (await bot.say(anna, f"/search koursk {'kou' * 40}")).sent
    assert results.text.startswith("Aucun extrait")
    [results] = (await bot.say(anna, "/search " + long_query.split(" x")[0])).sent
    for button in results.current.flat_buttons():
        assert button.callback_data is not None and len(button.callback_data.encode()) <= 64
