"""How close the daily push comes to Telegram's rate limit, against the fake Bot API.

    python bench/push.py [--subscribers N] [--skip-paid | --skip-free]

N subscribers (95% private chats, 4% channels, 1% users who blocked the bot), all due now,
and a day whose briefing is one message. The bot runs as `briefbot run` in its own process,
as in production; the fake Bot API runs in this one (the bench's only other work is a poll
every 0.1 s), so the bot and "Telegram" each have a core of the two, as they would have
machines. The fake enforces Telegram's limits: 30 messages/s for the bot, 1000/s for requests
with `allow_paid_broadcast`, 1/s per private chat, 20/min per channel. Rates are measured from
the fake's own record of the sendMessage requests (the first to the last). Afterwards every
chat is checked twice: in the fake's record, each active one must hold the briefing exactly
once and the blocked ones nothing; in the bot's ledger, each active one must be `sent` with
the id of that very message, each blocked one `failed`.

First the push at 30/s, then the same push with `allow_paid_broadcast: true` in the config.
The CPU of both processes while the push runs is printed beside it: a process near 100% is
what limits the rate.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import sys
import tempfile
import time
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.fakeapi import ChatHandle, FakeTelegram, Limits
from storage import briefings, deliveries, subscribers
from storage.db import Database, open_database
from storage.models import Delivery, NewBriefing, NewSnippet, Subscriber

PARIS = ZoneInfo("Europe/Paris")
TOKEN = "424242:BENCH-token"
FREE_GOAL, PAID_GOAL = 0.97, 0.9
POLL_SECONDS = 0.1


@dataclass
class Outcome:
    requests: int
    seconds: float
    throttled: int
    violations: int
    duplicates: int
    missed: int
    ledger_wrong: int
    bot_cpu: float  # seconds of CPU while the push ran, first send to last
    fake_cpu: float

    @property
    def rate(self) -> float:
        return (self.requests - 1) / self.seconds if self.seconds else 0.0


def process_cpu(pid: int) -> float:
    """CPU seconds (user + system) a process has used so far, from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def briefing_day(day: datetime) -> NewBriefing:
    snippets = tuple(
        NewSnippet(
            text=f"Extrait {i} : les forces ukrainiennes tiennent leurs positions près de "
            "Koursk, selon l'état-major, malgré des assauts répétés.",
            source="Le Monde",
            url=f"https://example.org/{i}",
        )
        for i in range(8)
    )
    summary = "La guerre entre l'Ukraine et la Russie continue. " * 12
    return NewBriefing(day.date(), "Des soldats nord-coréens en Russie", summary, snippets)


async def prepare(db_path: Path, count: int) -> tuple[date, list[int], list[int], list[int]]:
    """Subscribe `count` chats, all due a second ago; return the day and the (private,
    channel, blocked) ids."""
    due = datetime.now(UTC) - timedelta(seconds=1)
    channels = count * 4 // 100
    blocked = count // 100
    private = count - channels - blocked
    users = [100_000 + i for i in range(private)]
    gone = [900_000 + i for i in range(blocked)]
    channel_ids = [-1_000_000_000 - i for i in range(channels)]
    db = await open_database(db_path)
    try:
        await briefings.save_all(db, [briefing_day(due.astimezone(PARIS))], tz=PARIS)
        push_time = f"{due.astimezone(PARIS):%H:%M}"
        rows = [
            Subscriber(c, "channel" if c < 0 else "user", None, "fr", "Europe/Paris", push_time)
            for c in users + gone + channel_ids
        ]
        await subscribers.upsert_many(db, [replace(row, next_push_at=due) for row in rows])
    finally:
        await db.close()
    return due.astimezone(PARIS).date(), users, channel_ids, gone


class SendCounter:
    """Counts sendMessage answers other than 429 in the fake's record (no rescans)."""

    def __init__(self, telegram: FakeTelegram) -> None:
        self.telegram = telegram
        self.seen = 0
        self.sends = 0

    def count(self) -> int:
        calls = self.telegram.calls
        while self.seen < len(calls):
            call = calls[self.seen]
            self.seen += 1
            if call.method == "sendMessage" and call.error_code != 429:
                self.sends += 1
        return self.sends

    async def wait_for(self, target: int, timeout: float) -> None:  # noqa: ASYNC109
        """Poll the record: waking up on every call would cost the fake ~0.05 ms a message,
        and the rates are read from the calls' own timestamps, not from when this sees them."""
        async with asyncio.timeout(timeout):
            while self.count() < target:  # noqa: ASYNC110
                await asyncio.sleep(POLL_SECONDS)


async def ledger_wrong(
    db_path: Path, day: date, active: list[ChatHandle], blocked: list[ChatHandle]
) -> int:
    """Chats whose ledger row disagrees with what the fake received."""
    db = await open_database(db_path)
    try:
        rows = {row.chat_id: row for row in await delivered_rows(db, day)}
    finally:
        await db.close()
    wrong = 0
    for chat in active:
        row = rows.get(chat.id)
        ids = tuple(message.message_id for message in chat.messages)
        wrong += row is None or row.state != "sent" or row.message_ids != ids
    for chat in blocked:
        row = rows.get(chat.id)
        wrong += row is None or row.state != "failed"
    return wrong


async def delivered_rows(db: Database, day: date) -> list[Delivery]:
    async with db.conn.execute("SELECT chat_id FROM deliveries WHERE day = ?", (str(day),)) as cur:
        chat_ids = [int(chat_id) for (chat_id,) in await cur.fetchall()]
    return [row for c in chat_ids if (row := await deliveries.get(db, c, day)) is not None]


async def push_once(count: int, *, paid: bool, workdir: Path) -> Outcome:
    db_path = workdir / ("paid.db" if paid else "free.db")
    day, users, channels, gone = await prepare(db_path, count)
    config = workdir / "briefbot.yaml"
    config.write_text(f"allow_paid_broadcast: {'true' if paid else 'false'}\n")
    log = workdir / ("paid.log" if paid else "free.log")
    async with FakeTelegram(token=TOKEN, limits=Limits()) as telegram:
        active = [telegram.user(c) for c in users] + [
            telegram.channel(c, f"Canal {c}") for c in channels
        ]
        blocked = [telegram.user(c) for c in gone]
        for chat in blocked:
            telegram.block(chat.id)
        environ = {
            "PATH": os.environ["PATH"],
            "HOME": str(workdir),
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "TELEGRAM_API_URL": telegram.base_url,
            "BRIEFBOT_DB": str(db_path),
            "BRIEFBOT_CONFIG": str(config),
        }
        bot = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            "run",
            env=environ,
            stdout=asyncio.subprocess.DEVNULL,
            stderr=log.open("wb"),
        )
        counter = SendCounter(telegram)
        limit = 1000 if paid else 30
        timeout = 60 + 3 * count / limit
        try:
            await counter.wait_for(1, timeout)
            bot_before, fake_before = process_cpu(bot.pid), time.process_time()
            for tenth in range(1, 11):
                target = count * tenth // 10
                await counter.wait_for(target, timeout)
                print(f"  {target:>6} / {count}", file=sys.stderr, end="\r")
            bot_cpu, fake_cpu = process_cpu(bot.pid), time.process_time()
        except TimeoutError:
            bot.kill()
            print(log.read_text()[-2000:], file=sys.stderr)
            raise
        bot.send_signal(signal.SIGTERM)
        await bot.wait()
        sends = [c for c in telegram.calls_to("sendMessage") if c.error_code != 429]
        return Outcome(
            requests=len(sends),
            seconds=sends[-1].at - sends[0].at,
            throttled=len(telegram.throttled),
            violations=len(telegram.violations),
            duplicates=sum(max(0, len(chat.messages) - 1) for chat in active + blocked),
            missed=sum(1 for chat in active if not chat.messages)
            + sum(1 for chat in blocked if chat.messages),
            ledger_wrong=await ledger_wrong(db_path, day, active, blocked),
            bot_cpu=bot_cpu - bot_before,
            fake_cpu=fake_cpu - fake_before,
        )


def report(label: str, limit: int, goal: float, outcome: Outcome) -> bool:
    ratio = outcome.rate / limit
    span, requests = outcome.seconds, outcome.requests
    print(
        f"{label}: {requests} sendMessage in {span:.1f} s = {outcome.rate:.2f} msg/s"
        f" = {ratio:.3f} of {limit}/s (goal >= {goal}); 429s {outcome.throttled}, violations"
        f" {outcome.violations}, duplicates {outcome.duplicates}, missed {outcome.missed},"
        f" ledger mismatches {outcome.ledger_wrong}; CPU during the push: bot"
        f" {outcome.bot_cpu / span:.0%} ({outcome.bot_cpu / requests * 1000:.2f} ms/msg),"
        f" fake {outcome.fake_cpu / span:.0%} ({outcome.fake_cpu / requests * 1000:.2f}"
        f" ms/msg); load average {os.getloadavg()[0]:.1f}"
    )
    clean = not (
        outcome.throttled
        or outcome.violations
        or outcome.duplicates
        or outcome.missed
        or outcome.ledger_wrong
    )
    return ratio >= goal and clean


async def main(count: int, skip_paid: bool, skip_free: bool) -> int:
    channels, blocked = count * 4 // 100, count // 100
    print(
        f"push bench: {count} subscribers ({count - channels - blocked} private, {channels}"
        f" channels, {blocked} blocked), a one-message briefing, bot in its own process"
    )
    ok = True
    with tempfile.TemporaryDirectory() as folder:
        if not skip_free:
            outcome = await push_once(count, paid=False, workdir=Path(folder))
            ok &= report("free 30/s", 30, FREE_GOAL, outcome)
        if not skip_paid:
            outcome = await push_once(count, paid=True, workdir=Path(folder))
            ok &= report("paid 1000/s", 1000, PAID_GOAL, outcome)
    return 0 if ok else 1


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--subscribers", type=int, default=10_000, help="default 10000")
    phases = parser.add_mutually_exclusive_group()
    phases.add_argument("--skip-paid", action="store_true", help="only the 30/s phase")
    phases.add_argument("--skip-free", action="store_true", help="only the paid phase")
    args = parser.parse_args()
    sys.exit(asyncio.run(main(args.subscribers, args.skip_paid, args.skip_free)))
