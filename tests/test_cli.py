"""The `briefbot` command as an admin runs it: a real process, a clean environment, real files."""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import sqlite3
import struct
import subprocess
import sys
import termios
from collections.abc import Callable
from pathlib import Path

import pytest

from bot.cli import build_parser
from bot.load_command import PROGRESS_THRESHOLD

REPO = Path(__file__).resolve().parents[1]
SEED_LINE = "briefing-2024-10-24.txt: 2024-10-24, 16 snippets added, 0 duplicates"
SECRET_TOKEN = "123456:SECRET-never-printed"

Result = subprocess.CompletedProcess[str]
Briefbot = Callable[..., Result]


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "briefbot.db"


@pytest.fixture
def briefbot(tmp_path: Path, db_path: Path) -> Briefbot:
    """Run `python -m bot ARGS` in tmp_path with only PATH, HOME, BRIEFBOT_DB and `env` set."""

    def run(*args: str | Path, env: dict[str, str] | None = None) -> Result:
        environ = {
            "PATH": os.environ.get("PATH", ""),
            "HOME": str(tmp_path),
            "BRIEFBOT_DB": str(db_path),
            **(env or {}),
        }
        return subprocess.run(
            [sys.executable, "-m", "bot", *map(str, args)],
            cwd=tmp_path,
            env=environ,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=30,
            check=False,
        )

    return run


def subcommands() -> dict[str, str]:
    """Each subcommand the parser really has, with the summary `briefbot --help` shows."""
    parser = build_parser()
    found: dict[str, str] = {}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            # A command added without help= is in `choices` but has no pseudo-action.
            summaries = {choice.dest: choice.help for choice in action._choices_actions}
            for name in action.choices:
                found[name] = summaries.get(name) or ""
    return found


def stored(db_path: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(db_path) as conn:
        return conn.execute(sql).fetchall()


def test_the_parser_has_the_commands_of_the_design() -> None:
    assert set(subcommands()) >= {"run", "load", "demo", "chat"}


@pytest.mark.parametrize("command", sorted(subcommands()))
def test_every_command_answers_help(briefbot: Briefbot, command: str) -> None:
    summary = subcommands()[command]
    assert summary, f"`briefbot {command}` has no summary in `briefbot --help`"
    result = briefbot(command, "--help")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"usage: briefbot {command}")
    assert summary in " ".join(result.stdout.split())
    assert f"briefbot {command}" in (REPO / "README.md").read_text(encoding="utf-8")


def test_the_top_level_help_lists_every_command(briefbot: Briefbot) -> None:
    result = briefbot("--help")
    assert result.returncode == 0
    for command in subcommands():
        assert command in result.stdout


def test_run_without_a_token_says_how_to_set_one(briefbot: Briefbot) -> None:
    result = briefbot("run")
    assert result.returncode == 2
    assert "TELEGRAM_BOT_TOKEN" in result.stderr
    assert "export TELEGRAM_BOT_TOKEN=" in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("BRIEFBOT_PUSH_TIME", "25:00"),
        ("BRIEFBOT_TZ", "Mars/Olympus"),
        ("BRIEFBOT_ADMINS", "abc"),
    ],
)
def test_a_bad_setting_stops_run_with_one_line_naming_it(
    briefbot: Briefbot, variable: str, value: str
) -> None:
    result = briefbot("run", env={variable: value, "TELEGRAM_BOT_TOKEN": SECRET_TOKEN})
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"briefbot: configuration error: {variable}: ")
    assert value in lines[0]
    assert SECRET_TOKEN not in result.stdout + result.stderr


def test_an_unknown_key_in_the_config_file_is_named(briefbot: Briefbot, tmp_path: Path) -> None:
    config = tmp_path / "briefbot.yaml"
    config.write_text(f"token: '{SECRET_TOKEN}'\ncolour: blue\n", encoding="utf-8")
    result = briefbot("run", "--config", config)
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("briefbot: configuration error: colour: unknown key")
    assert SECRET_TOKEN not in result.stdout + result.stderr


def test_loading_the_seed_twice_adds_it_once(
    briefbot: Briefbot, seed_file: Path, db_path: Path
) -> None:
    first = briefbot("load", seed_file)
    assert (first.returncode, first.stdout, first.stderr) == (0, SEED_LINE + "\n", "")
    again = briefbot("load", seed_file)
    assert again.returncode == 0
    assert again.stdout == "briefing-2024-10-24.txt: 2024-10-24, 0 snippets added, 16 duplicates\n"
    assert stored(db_path, "SELECT count(*) FROM snippets") == [(16,)]
    assert stored(db_path, "SELECT day FROM briefings") == [("2024-10-24",)]


GOOD_YAML = """\
date: 2024-10-25
title: "Koursk"
snippets:
  - text: "Des soldats nord-coréens à Koursk..."
    source: "Le Monde"
  - text: "Zelensky à Kharkiv"
"""
BAD_YAML = """\
date: 2024-10-26
title: "Mauvais"
snippets:
  - text: "Un extrait correct"
  - source: "Le Figaro"
"""


def test_a_bad_file_in_a_folder_fails_alone(
    briefbot: Briefbot, tmp_path: Path, db_path: Path
) -> None:
    folder = tmp_path / "content"
    folder.mkdir()
    (folder / "good.yaml").write_text(GOOD_YAML, encoding="utf-8")
    (folder / "bad.yaml").write_text(BAD_YAML, encoding="utf-8")
    result = briefbot("load", folder)
    assert result.returncode == 1
    assert result.stdout == "good.yaml: 2024-10-25, 2 snippets added, 0 duplicates\n"
    assert "bad.yaml:5:5: snippets[1].text: is required" in result.stderr
    assert "good.yaml" not in result.stderr
    assert stored(db_path, "SELECT day FROM briefings") == [("2024-10-25",)]
    assert stored(db_path, "SELECT count(*) FROM snippets") == [(2,)]


def test_a_text_file_without_a_date_asks_for_one(
    briefbot: Briefbot, seed_file: Path, tmp_path: Path, db_path: Path
) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_bytes(seed_file.read_bytes())
    undated = briefbot("load", notes)
    assert undated.returncode == 1
    assert undated.stdout == ""
    assert "notes.txt: date: not found in the file name" in undated.stderr
    assert "--date YYYY-MM-DD" in undated.stderr
    dated = briefbot("load", notes, "--date", "2024-10-24")
    assert dated.returncode == 0, dated.stderr
    assert dated.stdout == "notes.txt: 2024-10-24, 16 snippets added, 0 duplicates\n"
    assert stored(db_path, "SELECT count(*) FROM snippets") == [(16,)]


def test_a_missing_path_is_named(briefbot: Briefbot) -> None:
    result = briefbot("load", "nowhere.yaml")
    assert result.returncode == 1
    assert result.stdout == ""
    assert "nowhere.yaml: no such file or folder" in result.stderr


def test_a_bad_date_is_refused_by_the_parser(briefbot: Briefbot, seed_file: Path) -> None:
    result = briefbot("load", seed_file, "--date", "notadate")
    assert result.returncode == 2
    assert result.stderr.startswith("usage: briefbot load")
    assert "briefbot load: error: argument --date: 'notadate' is not a date" in result.stderr


def write_big_day(path: Path, count: int) -> None:
    summary = "La guerre entre l'Ukraine et la Russie prend une tournure inattendue. " * 5
    snippets = [f"Extrait {n} : frappes de drones sur Kharkiv et Koursk..." for n in range(count)]
    path.write_text("\n".join(["Titre du jour", summary, *snippets]) + "\n", encoding="utf-8")


def test_a_large_load_draws_a_progress_bar_on_a_terminal_only(
    briefbot: Briefbot, tmp_path: Path
) -> None:
    count = PROGRESS_THRESHOLD + 500
    day = tmp_path / "briefing-2024-11-01.txt"
    write_big_day(day, count)
    line = f"briefing-2024-11-01.txt: 2024-11-01, {count} snippets added, 0 duplicates\n"
    # stderr a terminal, as for an admin at a shell: the bar is drawn and reaches the end.
    controller, terminal = pty.openpty()
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    try:
        done = subprocess.run(
            [sys.executable, "-m", "bot", "load", str(day)],
            cwd=tmp_path,
            env={
                "PATH": os.environ["PATH"],
                "HOME": str(tmp_path),
                "BRIEFBOT_DB": str(tmp_path / "tty.db"),
            },
            stdout=subprocess.PIPE,
            stderr=terminal,
            text=True,
            timeout=30,
            check=False,
        )
        os.close(terminal)
        drawn = b""
        while chunk := _read_available(controller):
            drawn += chunk
    finally:
        os.close(controller)
    assert (done.returncode, done.stdout) == (0, line)
    frames = drawn.decode("utf-8", "replace").split("\r")
    assert any(f"{count}/{count}" in frame and "snippet" in frame for frame in frames)
    # stderr a pipe or a log file: no bar, only the summary.
    piped = briefbot("load", "--db", tmp_path / "piped.db", day)
    assert (piped.returncode, piped.stdout, piped.stderr) == (0, line, "")
    quiet = briefbot("load", "--quiet", "--db", tmp_path / "quiet.db", day)
    assert (quiet.returncode, quiet.stdout, quiet.stderr) == (0, line, "")


def _read_available(fd: int) -> bytes:
    """What the terminal holds; b"" once the writer has gone (EIO on Linux)."""
    try:
        return os.read(fd, 65536)
    except OSError:
        return b""
