"""Admins load content by sending a document; everyone else's documents are not even fetched."""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace
from pathlib import Path

from bot.config import Config
from bot.fakeapi import ChatHandle, FakeTelegram
from bot.push.clock import ManualClock
from storage import audit, briefings, snippets
from tests.admin.conftest import SEED_DAY, AdminBot, running_admin_bot

SEED_TITLE = "Des soldats nord-coréens en Russie, la tempête est en marche !"
BAD_YAML = b"""date: 2024-10-25
title: Koursk
snippets:
  - text: "Un extrait"
  - source: "Le Monde"
"""
GOOD_YAML = b"""date: 2024-10-25
title: Koursk tient
snippets:
  - text: "Les forces ukrainiennes tiennent toujours Soudja."
    source: Le Monde
"""


async def counts(bot: AdminBot) -> tuple[int, int]:
    return await snippets.count(bot.db), await briefings.count(bot.db)


async def test_the_seed_file_sent_as_a_document_is_loaded_and_shown_by_today(
    bot: AdminBot, admin: ChatHandle, anna: ChatHandle, seed_file: Path, seed_bytes: bytes
) -> None:
    turn = await bot.upload(admin, seed_file.name, seed_bytes)
    assert turn.sent[0].text == (
        "📥 briefing-2024-10-24.txt\n2024-10-24 : 16 extraits ajoutés, 0 doublon"
    )
    turn = await bot.say(anna, "/today 2024-10-24")
    assert turn.sent[0].text.startswith(f"📰 Jeudi 24 octobre 2024 · jour 974\n{SEED_TITLE}")

    turn = await bot.upload(admin, seed_file.name, seed_bytes)
    assert turn.sent[0].text.endswith("2024-10-24 : 0 extrait ajouté, 16 doublons")
    [latest, first] = [e.action for e in await audit.recent(bot.db)]
    assert (first.admin_id, first.action, first.subject) == (42, "load", seed_file.name)
    assert first.counts == {"days": 1, "added": 16, "duplicates": 0}
    assert latest.counts == {"days": 1, "added": 0, "duplicates": 16}


async def test_a_text_file_gets_its_day_from_the_caption(
    bot: AdminBot, admin: ChatHandle, seed_bytes: bytes
) -> None:
    data = seed_bytes
    turn = await bot.upload(admin, "jeudi.txt", data)
    assert turn.sent[0].text == (
        "❌ jeudi.txt : de quel jour s'agit-il ? Ajoutez la légende date:2024-10-24 "
        "ou mettez la date dans le nom du fichier."
    )
    turn = await bot.upload(admin, "jeudi.txt", data, caption="date:2024-10-23")
    assert turn.sent[0].text.endswith("2024-10-23 : 16 extraits ajoutés, 0 doublon")
    turn = await bot.upload(admin, "jeudi.txt", data, caption="jour 974")
    assert turn.sent[0].text.startswith("Je ne comprends pas la légende « jour 974 »")


async def test_a_malformed_yaml_names_its_line_and_loads_nothing(
    bot: AdminBot, admin: ChatHandle
) -> None:
    turn = await bot.upload(admin, "koursk.yaml", BAD_YAML)
    assert turn.sent[0].text == (
        "❌ koursk.yaml:5:5: snippets[1].text: is required and must not be empty\n"
        "Rien n'a été chargé : corrigez le fichier et renvoyez-le."
    )
    assert await counts(bot) == (0, 0)
    [entry] = await audit.recent(bot.db)
    assert (entry.action.outcome, entry.action.detail) == (
        "failed",
        "koursk.yaml:5:5: snippets[1].text: is required and must not be empty",
    )
    turn = await bot.upload(admin, "koursk.yaml", GOOD_YAML)
    assert turn.sent[0].text == "📥 koursk.yaml\n2024-10-25 : 1 extrait ajouté, 0 doublon"


async def test_archives_other_types_and_big_files_are_refused_with_a_reason(
    bot: AdminBot, admin: ChatHandle, telegram: FakeTelegram
) -> None:
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as bundle:
        bundle.writestr("koursk.yaml", GOOD_YAML)
    turn = await bot.upload(admin, "jours.zip", archive.getvalue())
    assert turn.sent[0].text == (
        "❌ jours.zip : les archives ne sont pas acceptées. "
        "Envoyez les fichiers .yaml, .yml ou .txt eux-mêmes."
    )
    turn = await bot.upload(admin, "photo.jpg", b"\xff\xd8\xff")
    assert turn.sent[0].text == "❌ photo.jpg : je ne charge que les fichiers .yaml, .yml et .txt."
    assert not telegram.calls_to("getFile")
    # A zip under a .yaml name is fetched (nothing gave it away), then refused all the same.
    turn = await bot.upload(admin, "koursk.yaml", archive.getvalue())
    assert turn.sent[0].text.startswith("❌ koursk.yaml : les archives ne sont pas acceptées.")
    assert await counts(bot) == (0, 0)


async def test_a_document_over_the_limit_is_refused_before_download(
    config: Config, telegram: FakeTelegram, clock: ManualClock, admin: ChatHandle
) -> None:
    async with running_admin_bot(replace(config, max_upload_bytes=100), telegram, clock) as bot:
        turn = await bot.upload(admin, "koursk.yaml", GOOD_YAML + b"#" * 200)
        assert turn.sent[0].text == (
            "❌ koursk.yaml pèse 330 octets ; la limite est de 100 octets. "
            "Coupez-le en plusieurs fichiers."
        )
    assert not telegram.calls_to("getFile")


async def test_a_readers_document_is_not_downloaded_and_changes_nothing(
    bot: AdminBot, anna: ChatHandle, telegram: FakeTelegram, seed_file: Path, seed_bytes: bytes
) -> None:
    turn = await bot.upload(anna, seed_file.name, seed_bytes)
    assert turn.sent[0].text == "Cette commande est réservée aux administrateurs du bot."
    assert not telegram.calls_to("getFile")
    assert await counts(bot) == (0, 0)
    assert await audit.recent(bot.db) == []


async def test_an_admin_reading_english_gets_the_summary_in_english(
    config: Config, telegram: FakeTelegram, clock: ManualClock, seed_file: Path, seed_bytes: bytes
) -> None:
    boss = telegram.user(7, first_name="Boss", language_code="en")
    async with running_admin_bot(replace(config, admins=frozenset({7})), telegram, clock) as bot:
        turn = await bot.upload(boss, seed_file.name, seed_bytes)
    assert turn.sent[0].text.endswith("2024-10-24: 16 snippets added, 0 duplicates")
    assert SEED_DAY.isoformat() in turn.sent[0].text
