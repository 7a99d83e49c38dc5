"""Admin commands appear in the menu of admins only, in both languages; each is documented."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from bot.config import Config
from bot.fakeapi import FakeTelegram
from bot.i18n import ADMIN_COMMANDS, CATALOGS, COMMANDS, LANGUAGES
from bot.locales import admin
from bot.push.clock import ManualClock
from tests.admin.conftest import running_admin_bot

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


async def test_each_admin_gets_the_admin_menu_in_both_languages(
    config: Config, telegram: FakeTelegram, clock: ManualClock
) -> None:
    olena = telegram.user(42, language_code="fr")
    boss = telegram.user(7, language_code="en")
    anna = telegram.user(1001, language_code="fr")
    async with running_admin_bot(replace(config, admins=frozenset({42, 7})), telegram, clock):
        pass
    for admin_id in (42, 7):
        scope = {"type": "chat", "chat_id": admin_id}
        for lang in ("", *LANGUAGES):
            names = [c.command for c in telegram.commands(scope, lang)]
            assert names == [*COMMANDS, *ADMIN_COMMANDS], (admin_id, lang)
    french = {c.command: c.description for c in telegram.menu_for(olena.id)}
    english = {c.command: c.description for c in telegram.menu_for(boss.id)}
    assert french["correct"] == "Corriger un extrait : /correct ID NOUVEAU TEXTE"
    assert english["correct"] == "Correct a snippet: /correct ID NEW TEXT"
    assert {"publish", "channels", "stats", "audit"} <= set(french)
    readers_menu = {c.command for c in telegram.menu_for(anna.id)}
    assert readers_menu == set(COMMANDS)
    assert not readers_menu & set(ADMIN_COMMANDS)


def test_every_admin_command_has_menu_lines_and_a_readme_entry() -> None:
    for name in admin.ADMIN_COMMANDS:
        for lang in LANGUAGES:
            assert CATALOGS[lang].get(f"command.{name}"), (name, lang)
        assert re.search(rf"^\| `/{name}\b", README, re.MULTILINE), f"README lacks /{name}"
    assert set(admin.FR) == set(admin.EN)
