"""/search, plain-text search and the ◀ ▶ buttons, over real HTTP."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.fakeapi import ChatHandle, FakeTelegram
from bot.harness import Harness
from storage import briefings
from storage.models import NewBriefing, NewSnippet
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


async def test_another_spelling_finds_the_name_and_bolds_it(
    seeded: Path, bot: Harness, anna: ChatHandle
) -> None:
    [reply] = (await bot.say(anna, "/search Kursk")).sent
    assert reply.text.startswith("🔎 Kursk — 1–1 sur 1")
    assert reply.current.bold_texts() == ["Kursk", "Koursk"]
    [reply] = (await bot.say(anna, "/search Путин")).sent
    assert "Poutine" in reply.current.bold_texts()


async def test_stems_are_found_and_bolded(seeded: Path, bot: Harness, anna: ChatHandle) -> None:
    [reply] = (await bot.say(anna, "/search pompiers ukrainiens")).sent
    assert reply.text.startswith("🔎 pompiers ukrainiens — 1–1 sur 1")
    assert reply.current.bold_texts()[1:] == ["pompier", "ukrainien"]


async def test_a_typo_is_corrected_and_the_reply_says_so(
    seeded: Path, bot: Harness, anna: ChatHandle, john: ChatHandle
) -> None:
    [reply] = (await bot.say(anna, "/search kourks")).sent
    assert reply.text.startswith("🔎 Résultats pour « koursk » — 1–1 sur 1")
    assert "Aucun extrait ne contient « kourks »." in reply.text
    assert "Koursk" in reply.current.bold_texts()
    [reply] = (await bot.say(john, "/search pyongyng")).sent
    assert reply.text.startswith("🔎 Results for “pyongyang” — 1–2 of 2")


async def test_inline_mode_lists_articles_page_by_page(
    db_path: Path, bot: Harness, anna: ChatHandle, telegram: FakeTelegram
) -> None:
    await load_into(db_path, SAMPLE)
    await briefings.save_all(
        bot.app.bot_data.db,
        [NewBriefing(day=date(2024, 11, 6), snippets=tuple(_bulletins(60)))],
    )
    first = await telegram.wait_inline_answer(await anna.inline_query("Kursk"))
    assert len(first.results) == 50 and first.next_offset == "50"
    article = first.results[0]
    assert article["type"] == "article" and article["title"] == "Agence · 6 nov. 2024"
    assert re.fullmatch(r"Bulletin \d+ : combats près de Koursk\.", article["description"])
    content = article["input_message_content"]
    assert content["parse_mode"] == "HTML" and "<b>Koursk</b>" in content["message_text"]
    rest = await telegram.wait_inline_answer(await anna.inline_query("Kursk", offset="50"))
    assert len(rest.results) == 17 and rest.next_offset == ""
    ids = [r["id"] for r in first.results + rest.results]
    assert len(set(ids)) == 67
    empty = await telegram.wait_inline_answer(await anna.inline_query("  "))
    assert empty.results == []


def _bulletins(count: int) -> list[NewSnippet]:
    return [
        NewSnippet(text=f"Bulletin {i} : combats près de Koursk.", source="Agence")
        for i in range(count)
    ]


_QUERIES = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",))
    | st.sampled_from(list("\"*-()+'’«»:^ ORANDNEAR\x00\n\t")),
    max_size=40,
)


@settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(query=_QUERIES)
async def test_any_query_gets_one_well_formed_reply(
    seeded: Path, bot: Harness, anna: ChatHandle, telegram: FakeTelegram, query: str
) -> None:
    turn = await bot.say(anna, f"/search {query}")
    assert len(turn.sent) == 1
    assert turn.sent[0].text.startswith(("🔎", "Aucun extrait", "Que cherchez-vous"))
    assert not telegram.errors
