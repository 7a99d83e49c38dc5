"""`briefbot demo`, the README's first command, as a newcomer runs it."""

from __future__ import annotations

import os
import subprocess
import sys


def test_demo_plays_the_conversation_offline_and_exits_0(tmp_path: object) -> None:
    environ = {"PATH": os.environ["PATH"], "HOME": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-m", "bot", "demo"],
        capture_output=True,
        text=True,
        timeout=60,
        env=environ,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    out = done.stdout
    for shown in (
        "👤 Camille: /start",
        "👋 Bonjour Camille !",
        "[📰 Aujourd'hui] [🔔 S'abonner]",
        "📰 Mardi 5 novembre 2024 · jour 986",
        "🔎 koursk — 1–5 sur 7",
        "[▶]",
        "🤖 bot (edited its message):",
        "🔎 koursk — 6–7 sur 7",
        "/search — Chercher dans les extraits",
    ):
        assert shown in out, shown
    assert "Traceback" not in done.stderr
