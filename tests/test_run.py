"""`briefbot run` as an operator runs it: a real process polling a Bot API, stopped by SIGTERM."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

from bot.fakeapi import FakeTelegram, Limits

TOKEN = "987654:SECRET-run-token"


async def test_run_answers_users_and_stops_cleanly_on_sigterm(tmp_path: Path) -> None:
    async with FakeTelegram(token=TOKEN, limits=Limits.unlimited()) as telegram:
        environ = {
            "PATH": os.environ["PATH"],
            "HOME": str(tmp_path),
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "TELEGRAM_API_URL": telegram.base_url,
            "BRIEFBOT_DB": str(tmp_path / "run.db"),
        }
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            "run",
            env=environ,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        try:
            await telegram.wait_for(lambda: telegram.polling, timeout=30, what="polling")
            user = telegram.user(1001, first_name="Anna", language_code="fr")
            await user.send("/start")
            reply = await user.next_message(timeout=30)
            assert reply.text.startswith("👋 Bonjour Anna !")
            assert [c.command for c in telegram.commands(language_code="fr")][:2] == [
                "start",
                "today",
            ]
        finally:
            process.send_signal(signal.SIGTERM)
            stdout, stderr = await asyncio.wait_for(process.communicate(), timeout=30)
    log = stderr.decode()
    assert process.returncode == 0, log
    assert "Traceback" not in log
    assert "SECRET" not in log + stdout.decode()
    assert "starting: database" in log
    assert (tmp_path / "run.db").exists()
