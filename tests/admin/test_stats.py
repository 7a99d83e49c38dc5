"""/stats: every figure is what the database holds."""

from __future__ import annotations

import re
from pathlib import Path

from bot.admin.render import size, uptime
from bot.fakeapi import ChatHandle, FakeTelegram
from storage import briefings, push_runs, snippets, subscribers
from storage.footprint import footprint
from tests.admin.conftest import AT_8, AdminBot


async def test_stats_figures_match_the_database(
    seeded: Path,
    bot: AdminBot,
    admin: ChatHandle,
    anna: ChatHandle,
    john: ChatHandle,
    telegram: FakeTelegram,
) -> None:
    channel = telegram.channel(-1001, "Veille Ukraine")
    await bot.subscribe([anna, john, channel])
    telegram.block(john.id)
    await bot.push_at(AT_8)
    await bot.say(admin, "/add Un extrait de plus")

    text = (await bot.say(admin, "/stats")).sent[0].text
    counts = await subscribers.counts(bot.db)
    run = await push_runs.last(bot.db)
    found = await footprint(bot.db)
    assert (counts.users, counts.channels, counts.blocked) == (1, 1, 1)
    assert run is not None and (run.counts.sent, run.counts.blocked) == (2, 1)
    assert (found.snippets, found.briefings) == (17, 1)
    assert found.snippets == await snippets.count(bot.db)
    assert found.briefings == await briefings.count(bot.db)
    assert found.database_bytes >= bot.db.path.stat().st_size > 0

    lines = text.splitlines()
    assert lines[:4] == [
        "Statistiques",
        "",
        "Abonnés actifs : 2 (1 personnes, 0 groupes, 1 canaux)",
        "Bloqués : 1 · désabonnés : 0 · canaux retirés : 0",
    ]
    assert lines[5] == "Contenu : 17 extraits, 1 briefings"
    match = re.fullmatch(r"Base de données : (.+) · en service depuis (.+)", lines[6])
    assert match is not None
    assert match[1] == size(found.database_bytes, "fr")
    assert match[2] == uptime(0, "fr") == "0 min"
    assert lines[-2:] == [
        "Dernier envoi (quotidien, jeudi 24 octobre 2024) : 24/10 08:00",
        "2 envoyés, 0 échecs, 1 bloqués, 0 en doute, 0 ignorés · 0 s",
    ]


def test_sizes_and_uptimes_read_naturally() -> None:
    assert [size(n, "fr") for n in (12, 340_400, 1_250_000)] == ["12 octets", "340 ko", "1,2 Mo"]
    assert size(1_250_000, "en") == "1.2 MB"
    assert uptime(3 * 86_400 + 4 * 3600 + 60, "fr") == "3 j 04 h"
    assert uptime(2 * 3600 + 5 * 60, "en") == "2 h 05 min"
