"""`briefbot chat`: talk to the real bot in a terminal, through the fake Telegram on 127.0.0.1."""

from __future__ import annotations

import asyncio
import codecs
import os
import signal
import sqlite3
import sys
import tempfile
import threading
from collections.abc import AsyncGenerator
from contextlib import aclosing
from dataclasses import dataclass, replace
from pathlib import Path

from bot.config import Config
from bot.demo import DEMO_NAME, DEMO_USER, SAMPLE, load_sample
from bot.fakeapi import Call, ChatHandle, FakeTelegram, Limits, Message
from bot.harness import DEFAULT_WAIT, Harness, Turn, running_bot
from bot.transcript import bot_says, user_says
from storage import briefings, snippets
from storage.db import open_database

QUIT = "/quit"
READ_SIZE = 65_536
BANNER = """\
briefbot chat — the real bot, talking to a fake Telegram on 127.0.0.1.
Database: {source}.
Send what you would in Telegram: /start, /today, /search koursk, /help, or a word.
Buttons show as [1 ◀] [2 ▶]: type a button's number to press it.
Leave with /quit, Ctrl-D or Ctrl-C.
"""


async def stdin_lines() -> AsyncGenerator[str, None]:
    """The lines typed or piped in, stripped, until end of input.

    A daemon thread reads them with bare `os.read` calls: a blocked read neither stalls the
    event loop nor delays the exit after Ctrl-C, as a worker of `asyncio.to_thread` would,
    and holds no lock of `sys.stdin` that the interpreter needs at shutdown.
    """
    loop = asyncio.get_running_loop()
    lines: asyncio.Queue[str | None] = asyncio.Queue()
    decoder = codecs.getincrementaldecoder(sys.stdin.encoding or "utf-8")(errors="replace")

    def hand_over(line: str | None) -> bool:
        try:
            loop.call_soon_threadsafe(lines.put_nowait, line)
        except RuntimeError:  # the session is over and its loop closed
            return False
        return True

    def pump() -> None:
        pending = ""
        try:
            while chunk := os.read(sys.stdin.fileno(), READ_SIZE):
                *complete, pending = (pending + decoder.decode(chunk)).split("\n")
                if not all(hand_over(line.strip()) for line in complete):
                    return
        except OSError:  # the terminal went away: as good as the end of input
            pass
        if last := (pending + decoder.decode(b"", final=True)).strip():
            hand_over(last)
        hand_over(None)

    threading.Thread(target=pump, name="stdin", daemon=True).start()
    while (line := await lines.get()) is not None:
        yield line


async def describe_database(path: Path) -> str:
    """What the chat runs on: how many briefings and snippets, or how to fill an empty file."""
    db = await open_database(path)
    try:
        days, texts = await briefings.count(db), await snippets.count(db)
    finally:
        await db.close()
    if days == 0 and texts == 0:
        return f"{path}, which is empty: fill it with `briefbot load FILE... --db {path}`"
    return f"{path}, {plural(days, 'briefing')} and {plural(texts, 'snippet')}"


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'s' * (count != 1)}"


def latest_with_buttons(chat: ChatHandle) -> Message | None:
    shown = (m for m in reversed(chat.messages) if not m.deleted)
    return next((m for m in shown if m.current.flat_buttons()), None)


@dataclass
class Session:
    """One person chatting with the running bot; prints both sides as they happen."""

    bot: Harness
    user: ChatHandle
    ansi: bool  # stdout is a terminal: bold shows as bold
    typed: bool  # stdin is a terminal: prompt for lines, which the terminal already echoes

    async def answer(self, line: str) -> None:
        """Send the line, or press the button it numbers, and print what the bot did."""
        seen = len(self.bot.telegram.calls)
        try:
            if line.isdecimal():
                turn = await self.press(int(line))
            else:
                self.echo(line)
                turn = await self.bot.say(self.user, line)
        except TimeoutError:
            print(f"(the bot did not finish answering within {DEFAULT_WAIT:g} s)")
            return
        if turn is not None:
            self.show(turn, self.bot.telegram.calls[seen:])

    async def press(self, number: int) -> Turn | None:
        message = latest_with_buttons(self.user)
        buttons = message.current.flat_buttons() if message else []
        if message is None or not 1 <= number <= len(buttons):
            self.echo(str(number))
            shown = f"the latest are numbered 1 to {len(buttons)}" if buttons else "none yet"
            print(f"(no button {number}: {shown}; to search for it, send /search {number})")
            return None
        button = buttons[number - 1]
        self.echo(f"{number} (presses {button.text})")
        if button.callback_data is None:
            print(f"(button {number} opens {button.url or button.extra} outside the chat)")
            return None
        return await self.bot.press(self.user, message, button.text)

    def echo(self, text: str) -> None:
        """Show the user's line when it was piped in, not typed on a terminal that shows it."""
        if not self.typed:
            print(user_says(DEMO_NAME, text))

    def show(self, turn: Turn, calls: list[Call]) -> None:
        for call in calls:
            if call.ok and call.method == "answerCallbackQuery" and call.params.get("text"):
                kind = "alert" if call.params.get("show_alert") else "toast"
                print(f"🤖 bot ({kind}): {call.params['text']}")
        for message in turn.sent:
            print(bot_says(message, numbered=True, ansi=self.ansi))
        for message in turn.edited:
            print(bot_says(message, edited=True, numbered=True, ansi=self.ansi))
        for call in calls:
            if not call.ok and not call.injected:
                print(f"⚠ Telegram refused the bot's call: {call}", file=sys.stderr)
        print(flush=True)

    async def run(self) -> None:
        """Answer every line until /quit or the end of input."""
        prompt = user_says(DEMO_NAME, "")
        async with aclosing(stdin_lines()) as lines:
            while True:
                if self.typed:
                    print(prompt, end="", flush=True)
                line = await anext(lines, None)
                if line is None:
                    if self.typed:
                        print()
                    return
                if line == QUIT:
                    return
                if not line:
                    continue
                await self.answer(line)


async def converse(config: Config, db_path: Path | None) -> int:
    with tempfile.TemporaryDirectory(prefix="briefbot-chat-") as folder:
        if db_path is None:
            config = replace(config, db_path=Path(folder) / "chat.db")
            await load_sample(config)
            source = f"a temporary one holding the sample day ({SAMPLE})"
        else:
            config = replace(config, db_path=db_path)
            try:
                source = await describe_database(db_path)
            except (OSError, sqlite3.Error) as error:
                print(f"briefbot chat: cannot open {db_path}: {error}", file=sys.stderr)
                return 1
        print(BANNER.format(source=source), flush=True)
        async with (
            FakeTelegram(limits=Limits.unlimited()) as telegram,
            running_bot(config, telegram) as bot,
        ):
            user = telegram.user(DEMO_USER, first_name=DEMO_NAME, language_code="fr")
            await Session(bot, user, sys.stdout.isatty(), sys.stdin.isatty()).run()
    return 0


async def run_chat(config: Config, db_path: Path | None) -> int:
    """Chat until /quit, end of input or Ctrl-C, which all end the session cleanly."""
    session = asyncio.ensure_future(converse(config, db_path))
    loop = asyncio.get_running_loop()
    # Ctrl-C cancels the session, not this task, so the bot and the fake shut down in order.
    loop.add_signal_handler(signal.SIGINT, session.cancel)
    try:
        return await session
    except asyncio.CancelledError:
        current = asyncio.current_task()
        if current is not None and current.cancelling():
            raise
        print()
        return 0
    except BrokenPipeError:  # the reader left (`briefbot chat < script | head`)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    finally:
        loop.remove_signal_handler(signal.SIGINT)
