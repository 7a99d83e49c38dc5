"""Every admin action is recorded; /audit shows the last 20, newest first."""

from __future__ import annotations

import re
from pathlib import Path

from bot.fakeapi import ChatHandle
from storage import audit
from storage.audit import Action
from tests.admin.conftest import AdminBot

LINE = re.compile(r"^\d\d/\d\d \d\d:\d\d @olena \(42\) · (?P<what>.*)$")


def lines(text: str) -> list[str]:
    found = []
    for line in text.splitlines()[1:]:
        match = LINE.match(line)
        assert match, line
        found.append(match["what"])
    return found


async def test_audit_lists_who_did_what_with_counts(
    seeded: Path, bot: AdminBot, admin: ChatHandle, anna: ChatHandle
) -> None:
    await bot.say(admin, "/add Un extrait ajouté à la main")
    await bot.say(admin, "/correct 3 Un extrait corrigé à la main")
    await bot.say(admin, "/correct 999 Rien")
    await bot.upload(admin, "vide.yaml", b"date: 2024-10-25\nsnippets: []\n")
    await bot.say(admin, "/publish 26/10/2024")
    await bot.say(anna, "/publish")  # refused: not recorded
    turn = await bot.say(admin, "/audit")
    [message] = turn.sent
    assert message.text.splitlines()[0] == "Journal des administrateurs (les 5 dernières actions)"
    assert lines(message.text) == [
        "/publish 26/10/2024",
        "chargement vide.yaml · ajoutés 0, jours 1, doublons 0",
        "correction #999 · ❌ unknown id",
        "correction #3 2024-10-24 · corrigés 1",
        "ajout #17 2024-10-24 · ajoutés 1",
    ]


async def test_audit_shows_the_last_twenty(bot: AdminBot, admin: ChatHandle) -> None:
    turn = await bot.say(admin, "/audit")
    assert turn.sent[0].text == "Aucune action d'administrateur pour l'instant."
    for number in range(25):
        await audit.record(bot.db, Action(42, "@olena", "add", f"#{number}", {"added": 1}))
    text = (await bot.say(admin, "/audit")).sent[0].text
    shown = lines(text)
    assert len(shown) == 20
    assert shown[0] == "ajout #24 · ajoutés 1"
    assert shown[-1] == "ajout #5 · ajoutés 1"
