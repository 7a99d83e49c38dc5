"""/today and the "Aujourd'hui" button, as a reader sees them in Telegram."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.config import Config
from bot.dates import format_long_date
from bot.fakeapi import ChatHandle, FakeTelegram
from bot.harness import Harness, running_bot

SEED_TITLE = "Des soldats nord-coréens en Russie, la tempête est en marche !"


def today_in_paris() -> str:
    return format_long_date(datetime.now(ZoneInfo("Europe/Paris")).date(), "fr")


async def test_today_with_a_date_shows_that_days_briefing(
    seeded: Path, bot: Harness, anna: ChatHandle
) -> None:
    turn = await bot.say(anna, "/today 2024-10-24")
    text = "\n".join(m.text for m in turn.sent)
    assert text.startswith("📰 Jeudi 24 octobre 2024 · jour 974\n" + SEED_TITLE)
    first = turn.sent[0].current
    assert first.bold_texts()[:1] == ["Jeudi 24 octobre 2024"]
    assert any(e["type"] == "expandable_blockquote" for e in first.entities)
    # The stories replaced the flat list of sixteen: the rest are listed once after them.
    assert "\n\nÀ retenir\n\n1. Soldats · nord-coréens" in text
    assert "Les autres extraits (1)" in text
    assert "Un pompier ukrainien a été condamné à quatorze ans de prison" in text
    assert "▶️ L'Ukraine affirme" in text


async def test_key_stories_put_the_north_korean_troops_first(
    seeded: Path, bot: Harness, anna: ChatHandle
) -> None:
    turn = await bot.say(anna, "/today 24/10/2024")
    text = "\n".join(m.text for m in turn.sent)
    stories = text.split("\nÀ retenir\n\n", 1)[1].split("\nLes autres extraits", 1)[0]
    first = stories.split("\n2. ", 1)[0]
    assert first.startswith("1. Soldats · nord-coréens · déploiement · 8 extraits\n")
    assert "soldats nord-coréens" in first
    assert "\n2. BRICS" in stories and "\n6. " in stories and "\n7. " not in stories
    for unrelated in ("pompier", "Hamas", "Sentinelles", "énergétique"):
        assert unrelated not in first
    assert "Soldats · nord-coréens · déploiement" in turn.sent[0].current.bold_texts()


async def test_the_brics_editorial_is_told_within_the_brics_story(
    seeded: Path, bot: Harness, anna: ChatHandle
) -> None:
    turn = await bot.say(anna, "/today 2024-10-24")
    text = "\n".join(m.text for m in turn.sent)
    stories = text.split("\nÀ retenir\n\n", 1)[1].split("\nLes autres extraits", 1)[0]
    assert "\n2. BRICS · " in stories and " · 3 extraits\n" in stories
    assert "L'événement diplomatique" not in text


async def test_key_stories_count_comes_from_the_config(
    seeded: Path, config: Config, telegram: FakeTelegram, anna: ChatHandle
) -> None:
    async with running_bot(replace(config, key_stories=2), telegram) as bot:
        turn = await bot.say(anna, "/today 2024-10-24")
    assert not telegram.errors, telegram.errors
    text = "\n".join(m.text for m in turn.sent)
    stories = text.split("\nÀ retenir\n\n", 1)[1].split("\nLes autres extraits", 1)[0]
    assert "\n2. BRICS" in stories and "\n3. " not in stories
    assert "Les autres extraits (5)" in text


async def test_every_accepted_date_form_finds_the_day(
    seeded: Path, bot: Harness, anna: ChatHandle
) -> None:
    for form in ("24/10/2024", "24.10.2024", "2024-10-24"):
        turn = await bot.say(anna, f"/today {form}")
        assert turn.sent[0].text.startswith("📰 Jeudi 24 octobre 2024"), form


async def test_today_without_content_for_the_day_names_the_latest(
    seeded: Path, bot: Harness, anna: ChatHandle
) -> None:
    for command in ("/today", "/today hier"):
        turn = await bot.say(anna, command)
        first = turn.sent[0].text
        assert first.startswith("Pas encore de briefing pour le "), command
        assert "Voici le dernier, du jeudi 24 octobre 2024 :" in first
    turn = await bot.say(anna, "/today")
    assert turn.sent[0].text.startswith(f"Pas encore de briefing pour le {today_in_paris()}.")


async def test_a_bad_date_gets_a_hint(seeded: Path, bot: Harness, anna: ChatHandle) -> None:
    turn = await bot.say(anna, "/today 31/02/2024")
    assert [m.text for m in turn.sent] == [
        "Je ne comprends pas la date « 31/02/2024 ». Exemples : /today 2024-10-24, "
        "/today 24/10/2024, /today 24/10, /today hier"
    ]


async def test_no_briefing_loaded_at_all(bot: Harness, anna: ChatHandle) -> None:
    turn = await bot.say(anna, "/today")
    assert [m.text for m in turn.sent] == [
        "Aucun briefing n'a encore été chargé. Revenez un peu plus tard."
    ]


async def test_english_reader_gets_english_frame(
    seeded: Path, bot: Harness, john: ChatHandle
) -> None:
    turn = await bot.say(john, "/today 24/10/2024")
    text = turn.sent[0].text
    assert text.startswith("📰 Thursday 24 October 2024 · day 974")
    shown = "\n".join(m.text for m in turn.sent)
    assert "Key stories\n\n1. Soldats · nord-coréens · déploiement · 8 snippets" in shown


async def test_today_button_under_start_sends_the_briefing(
    seeded: Path, bot: Harness, anna: ChatHandle, telegram: FakeTelegram
) -> None:
    welcome = (await bot.say(anna, "/start")).sent[0]
    turn = await bot.press(anna, welcome, "📰 Aujourd'hui")
    assert "Voici le dernier, du jeudi 24 octobre 2024" in turn.sent[0].text
    answers = [c for c in telegram.calls_to("answerCallbackQuery") if c.ok]
    assert answers, "the button press must be answered so the client stops its spinner"
