"""`briefbot chat` as someone pipes a conversation into it: what they read back."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def chat(typed: str, *options: str, home: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", "chat", *options],
        input=typed,
        capture_output=True,
        text=True,
        timeout=30,  # a hang guard; each conversation takes 1-3 s
        env={"PATH": os.environ["PATH"], "HOME": str(home)},
        check=False,
    )


def not_in_order(out: str, expected: list[str]) -> list[str]:
    """The expected texts not found in `out`, each looked for after the previous one."""
    missing, position = [], 0
    for text in expected:
        found = out.find(text, position)
        if found < 0:
            missing.append(text)
        else:
            position = found + len(text)
    return missing


def test_search_then_press_the_page_button_by_its_number(tmp_path: Path) -> None:
    done = chat("/start\n/search koursk\n1\n/help\n", home=tmp_path)
    assert done.returncode == 0, done.stderr
    shown = [
        "type a button's number to press it",
        "👤 Camille: /start",
        "👋 Bonjour Camille !",
        "[1 📰 Aujourd'hui] [2 🔔 S'abonner]",
        "👤 Camille: /search koursk",
        "🔎 koursk — 1–5 sur 7",
        "[1 ▶]",
        "👤 Camille: 1 (presses ▶)",
        "🤖 bot (edited its message):",
        "🔎 koursk — 6–7 sur 7",
        "[1 ◀]",
        "👤 Camille: /help",
        "/search — Chercher dans les extraits",
    ]
    assert not_in_order(done.stdout, shown) == []
    assert "Traceback" not in done.stderr


def test_a_number_without_such_button_gets_a_hint(tmp_path: Path) -> None:
    done = chat("3\n/start\n7\n2\n", home=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "(no button 3: none yet; to search for it, send /search 3)" in done.stdout
    assert "(no button 7: the latest are numbered 1 to 2;" in done.stdout
    assert "🔔 C'est noté : vous recevrez le briefing chaque jour à 08:00" in done.stdout
    assert "Traceback" not in done.stderr


def test_quit_ends_the_session_before_the_end_of_input(tmp_path: Path) -> None:
    done = chat("/start\n/quit\n/help\n", home=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "👋 Bonjour Camille !" in done.stdout
    assert "👤 Camille: /help" not in done.stdout


def test_an_empty_db_file_is_said_empty_with_how_to_fill_it(tmp_path: Path) -> None:
    db = tmp_path / "fresh.db"
    done = chat("/today\n", "--db", str(db), home=tmp_path)
    assert done.returncode == 0, done.stderr
    assert f"{db}, which is empty: fill it with `briefbot load FILE... --db {db}`" in done.stdout
    assert db.exists()
    assert "Traceback" not in done.stderr
