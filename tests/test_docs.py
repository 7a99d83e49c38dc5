"""Documentation is checked like code: commands, menu, /help, README and CI agree."""

from __future__ import annotations

import re
from pathlib import Path

from telegram.ext import CommandHandler

from bot.app import build_application
from bot.cli import build_parser
from bot.config import Config
from bot.i18n import ADMIN_COMMANDS, CATALOGS, COMMANDS, LANGUAGES
from bot.render import help_text

REPO = Path(__file__).resolve().parents[1]
README = (REPO / "README.md").read_text(encoding="utf-8")


def registered_commands() -> set[str]:
    app = build_application(Config(token="1:docs"))
    return {
        command
        for handlers in app.handlers.values()
        for handler in handlers
        if isinstance(handler, CommandHandler)
        for command in handler.commands
    }


def test_every_registered_command_is_in_the_menu_help_and_readme() -> None:
    registered = registered_commands()
    assert registered == set(COMMANDS) | set(ADMIN_COMMANDS)
    for name in registered:
        for lang in LANGUAGES:
            assert CATALOGS[lang].get(f"command.{name}"), (name, lang)
            assert f"/{name} — " in help_text(lang, admin=True).parts[0], (name, lang)
            if name in COMMANDS:
                assert f"/{name} — " in help_text(lang).parts[0], (name, lang)
            else:
                assert f"/{name} — " not in help_text(lang).parts[0], (name, lang)
        assert re.search(rf"^\| `/{name}\b", README, re.MULTILINE), f"README lacks /{name}"


def test_both_catalogs_have_the_same_keys() -> None:
    assert set(CATALOGS["fr"]) == set(CATALOGS["en"])


def test_every_cli_command_is_in_the_readme() -> None:
    parser = build_parser()
    [commands] = [a for a in parser._actions if a.dest == "command"]
    assert commands.choices is not None
    for name in commands.choices:
        assert f"`briefbot {name}" in README, f"README lacks briefbot {name}"


def test_ci_runs_the_readme_test_command_after_installing() -> None:
    quick_start = README.split("## Quick start", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    install_and_demo, test_command = [line.strip() for line in quick_start.strip().splitlines()]
    assert install_and_demo == "pip install -e '.[test]' && briefbot demo"
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "pip install" in ci and "-e '.[test]'" in ci
    assert ci.strip().splitlines()[-1] == test_command


def test_every_environment_variable_is_documented() -> None:
    from bot.config import ENVIRONMENT

    for variable in [*ENVIRONMENT, "BRIEFBOT_CONFIG"]:
        assert f"`{variable}`" in README, variable
