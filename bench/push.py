"""How close the daily push comes to Telegram's rate limit, against the fake Bot API.

    python bench/push.py [--subscribers N] [--skip-paid]

N subscribers (95% private chats, 4% channels, 1% users who blocked the bot), all due now,
and a day whose briefing is one message. The bot runs as `briefbot run` in its own process,
as in production; the fake Bot API runs in this one and enforces the limits (30 messages/s
for the bot, 1/s per private chat, 20/min per channel), so the two share the machine's cores
the way a bot and Telegram would not. Rates are measured from the fake's own record of the
sendMessage requests (the first to the last), and every chat is checked afterwards: each
active one must hold the briefing exactly once, the blocked ones nothing.

Then the same push with `allow_paid_broadcast` against a fake that allows 1000 messages/s.
The CPU time of both processes is printed beside it: when the fake's process is near 100%,
the fake is what limits the rate, not the push.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import resource
import signal
import sys
import tempfile
import time
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.fakeapi import ChatHandle, FakeTelegram, Limits, Rate
from storage import briefings, subscribers
from storage.db import open_database
from storage.models import NewBriefing, NewSnippet, Subscriber

PARIS = ZoneInfo("Europe/Paris")
TOKEN = "424242:BENCH-token"
FREE_GOAL, PAID_GOAL = 0.97, 0.9


@dataclass
class Outcome:
    requests: int
    seconds: float
    throttled: int
    violations: int
    duplicates: int
    missed: int
    bot_cpu: float
    fake_cpu: float

    @property
    def rate(self) -> float:
        return (self.requests - 1) / self.seconds if self.seconds else 0.0


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


async def prepare(db_path: Path, count: int) -> tuple[list[int], list[int], list[int]]:
    """Subscribe `count` chats, all due a second ago; return (private, channel, blocked) ids."""
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
    return users, channel_ids, gone


class SendCounter:
    """Counts sendMessage answers other than 429 as they are recorded (no rescans)."""

    def __init__(self, telegram: FakeTelegram) -> None:
        self.telegram = telegram
        self.seen = 0
        self.sends = 0

    def reached(self, target: int) -> bool:
        calls = self.telegram.calls
        while self.seen < len(calls):
            call = calls[self.seen]
            self.seen += 1
            if call.method == "sendMessage" and call.error_code != 429:
                self.sends += 1
        return self.sends >= target


async def push_once(count: int, *, paid: bool, workdir: Path) -> Outcome:
    db_path = workdir / ("paid.db" if paid else "free.db")
    users, channels, gone = await prepare(db_path, count)
    config = workdir / "briefbot.yaml"
    config.write_text(f"allow_paid_broadcast: {'true' if paid else 'false'}\n")
    limits = Limits(per_bot=Rate(1000)) if paid else Limits()
    log = workdir / ("paid.log" if paid else "free.log")
    async with FakeTelegram(token=TOKEN, limits=limits) as telegram:
        chats: list[ChatHandle] = [telegram.user(c) for c in users + gone]
        chats += [telegram.channel(c, f"Canal {c}") for c in channels]
        for chat_id in gone:
            telegram.block(chat_id)
        environ = {
            "PATH": os.environ["PATH"],
            "HOME": str(workdir),
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "TELEGRAM_API_URL": telegram.base_url,
            "BRIEFBOT_DB": str(db_path),
            "BRIEFBOT_CONFIG": str(config),
        }
        children_before = resource.getrusage(resource.RUSAGE_CHILDREN)
        fake_before = time.process_time()
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
            for tenth in range(1, 11):
                target = count * tenth // 10
                await telegram.wait_for(lambda t=target: counter.reached(t), timeout, "the push")
                print(f"  {target:>6} / {count}", file=sys.stderr, end="\r")
        except TimeoutError:
            bot.kill()
            print(log.read_text()[-2000:], file=sys.stderr)
            raise
        fake_cpu = time.process_time() - fake_before
        bot.send_signal(signal.SIGTERM)
        await bot.wait()
        children_after = resource.getrusage(resource.RUSAGE_CHILDREN)
        sends = [c for c in telegram.calls_to("sendMessage") if c.error_code != 429]
        active = chats[: len(users)] + chats[len(users) + len(gone) :]
        return Outcome(
            requests=len(sends),
            seconds=sends[-1].at - sends[0].at,
            throttled=len(telegram.throttled),
            violations=len(telegram.violations),
            duplicates=sum(max(0, len(chat.messages) - 1) for chat in chats),
            missed=sum(1 for chat in active if not chat.messages)
            + sum(1 for chat in chats[len(users) : len(users) + len(gone)] if chat.messages),
            bot_cpu=(children_after.ru_utime + children_after.ru_stime)
            - (children_before.ru_utime + children_before.ru_stime),
            fake_cpu=fake_cpu,
        )


def report(label: str, limit: int, goal: float, outcome: Outcome) -> bool:
    ratio = outcome.rate / limit
    span = outcome.seconds
    print(
        f"{label}: {outcome.requests} sendMessage in {span:.1f} s = {outcome.rate:.2f} msg/s"
        f" = {ratio:.3f} of {limit}/s (goal >= {goal}); 429s {outcome.throttled}, violations"
        f" {outcome.violations}, duplicates {outcome.duplicates}, missed {outcome.missed};"
        f" CPU bot {outcome.bot_cpu / span:.0%} ({outcome.bot_cpu / outcome.requests * 1000:.2f}"
        f" ms/msg, start-up included), fake {outcome.fake_cpu / span:.0%}"
        f" ({outcome.fake_cpu / outcome.requests * 1000:.2f} ms/msg); load average"
        f" {os.getloadavg()[0]:.1f}"
    )
    clean = not (outcome.throttled or outcome.violations or outcome.duplicates or outcome.missed)
    return ratio >= goal and clean


async def main(count: int, skip_paid: bool) -> int:
    channels, blocked = count * 4 // 100, count // 100
    print(
        f"push bench: {count} subscribers ({count - channels - blocked} private, {channels}"
        f" channels, {blocked} blocked), a one-message briefing, bot in its own process"
    )
    ok = True
    with tempfile.TemporaryDirectory() as folder:
        outcome = await push_once(count, paid=False, workdir=Path(folder))
        ok &= report("free 30/s", 30, FREE_GOAL, outcome)
        if not skip_paid:
            outcome = await push_once(count, paid=True, workdir=Path(folder))
            ok &= report("paid 1000/s", 1000, PAID_GOAL, outcome)
    return 0 if ok else 1


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--subscribers", type=int, default=10_000, help="default 10000")
    parser.add_argument("--skip-paid", action="store_true", help="only the 30/s phase")
    args = parser.parse_args()
    sys.exit(asyncio.run(main(args.subscribers, args.skip_paid)))
