"""How much keyword alerts add to a load: 100 000 follows, 1 000 new snippets.

    python bench/follow.py [--follows N] [--snippets N] [--store N] [--runs N]

A store of `--store` synthetic snippets (bench/load.py's generator) is loaded first, untimed,
and `--follows` follows are written for 10 follows a chat. Their queries are drawn from the
store's own words, in a mix meant to look like what people follow: mostly a name (one of the
generator's syllable names, as rare as real place and person names), then a name and another
word, a phrase lifted from a snippet, a prefix, two names with OR, a name minus a word, and a
few very common words ("koursk" appears in a fifth of the generator's snippets).

Then one file of `--snippets` new snippets is loaded as `briefbot load` loads it (parse, open,
save in one transaction, close) into copies of the store: one without the follows, one with
them, taking turns, `--runs` times each way (below). Matching runs inside the load, partly at
the same time as SQLite writes the snippets (storage.follow_matching.Upcoming), so it has no
time of its own to measure: what it adds is the load's time with the follows less its time
without, medians of the runs. The ratio printed is that ÷ the load's time without follows,
measured both ways a load runs: in a process of its own (`briefbot load`), and in a process
that has loaded before (a running bot, whose caches of folded words and followed pairs are
warm). The goal, at most 0.5, is judged on the larger of the two. The load records what each
pattern matched, as one value on its row; writing that out as a row per pattern and one
pending alert per chat is the bot's alert run's first step (storage.alerts.queue_new_loads),
timed afterwards and printed apart, outside the ratio.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

import aiosqlite

from bot.follow.service import Target, new_follow
from bot.gazetteer import shipped
from bot.importers import ImportLimits
from bot.loader import parse_paths, save_parsed
from storage import alerts, follows
from storage.db import open_database
from storage.normalize import words_of
from storage.vocabulary import vocabulary

sys.path.insert(0, str(Path(__file__).resolve().parent))
from load import PARIS, WORDS, generate, write_text

GOAL = 0.5
# How a load is run: in a process of its own, as `briefbot load` runs, or in the benchmark's
# process after the earlier ones, as a running bot loads a document an admin sends.
ALONE, WARM = "as `briefbot load` (a process per load)", "in a running bot (one process)"
KINDS = [(way, kind) for way in (ALONE, WARM) for kind in ("without", "with")]
FOLLOWS_PER_CHAT = 10
COMMON = tuple(w for w in WORDS if len(w) > 5 and w[0].isupper())


def corpus_words(texts: list[str]) -> tuple[list[str], list[tuple[str, str]]]:
    """The store's rare words (names) and some of its two-word runs (phrases)."""
    counts: Counter[str] = Counter()
    pairs: list[tuple[str, str]] = []
    common = {w.casefold() for w in WORDS}
    for text in texts:
        words = words_of(text)
        counts.update(w for w in words if w[0].isupper() and w.isalpha())
        if len(words) > 3 and len(pairs) < 50_000:
            start = len(text) % (len(words) - 1)
            pairs.append((words[start], words[start + 1]))
    names = [w for w, n in counts.items() if w.casefold() not in common and n >= 2]
    return names, pairs


def queries(total: int, names: list[str], pairs: list[tuple[str, str]], seed: int) -> list[str]:
    rng = random.Random(seed)
    made = []
    for _ in range(total):
        roll = rng.random()
        name = rng.choice(names)
        if roll < 0.55:
            made.append(name)
        elif roll < 0.70:
            made.append(f"{name} {rng.choice(WORDS)}")
        elif roll < 0.80:
            made.append('"{} {}"'.format(*rng.choice(pairs)))
        elif roll < 0.88:
            made.append(name[: rng.randint(4, 6)] + "*")
        elif roll < 0.95:
            made.append(f"{name} OR {rng.choice(names)}")
        elif roll < 0.99:
            made.append(f"{name} -{rng.choice(WORDS)}")
        else:
            made.append(rng.choice(COMMON))
    return made


async def store_follows(db_path: Path, made: list[str]) -> float:
    db = await open_database(db_path)
    try:
        counts = (await vocabulary(db)).counts
        gazetteer = shipped()
        started = time.perf_counter()
        news = []
        for number, query in enumerate(made):
            target = Target(1_000_000 + number // FOLLOWS_PER_CHAT, "user")
            new = new_follow(target, query, "fr", gazetteer, counts)
            if new is not None:
                news.append(new)
        compiled = time.perf_counter() - started
        await follows.add_many(db, news)
        return compiled
    finally:
        await db.close()


async def timed_load(path: Path, db_path: Path) -> float:
    """The seconds `briefbot load` takes to load the file into the database."""
    started = time.perf_counter()
    parsed = parse_paths([path], day=None, tz=PARIS, limits=ImportLimits())
    db = await open_database(db_path)
    try:
        [report] = await save_parsed(db, parsed, tz=PARIS)
    finally:
        await db.close()
    elapsed = time.perf_counter() - started
    if not report.ok:
        sys.exit(f"the generated file did not load: {report.summary()}")
    return elapsed


def load_alone(path: Path, db_path: Path) -> float:
    """timed_load in a process of its own, as `briefbot load` runs: nothing cached by an
    earlier load (folded words, followed pairs and prefixes) helps this one. The interpreter's
    start and the imports are not timed."""
    done = subprocess.run(
        [sys.executable, __file__, "--one-load", str(path), str(db_path)],
        capture_output=True,
        text=True,
        check=True,
    )
    return float(done.stdout)


def copy_database(source: Path, target: Path) -> None:
    """A fresh copy of the store, on disk before the load starts: otherwise closing the
    database after the load (its checkpoint syncs the file) would also flush the copy, which
    costs more the larger the file, and the store with the follows is larger."""
    for suffix in ("-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(source, target)
    with target.open("rb") as copied:
        os.fsync(copied.fileno())


async def queue_alerts(db_path: Path) -> float:
    """The bot's first step on seeing the load: what each pattern matched written out as a
    row, and one pending alert per chat; the seconds."""
    db = await open_database(db_path)
    try:
        started = time.perf_counter()
        await alerts.queue_new_loads(db)
        return time.perf_counter() - started
    finally:
        await db.close()


async def counts(db_path: Path) -> dict[str, Any]:
    async with aiosqlite.connect(db_path) as conn:
        found = {}
        for table in (
            "follows",
            "follow_patterns",
            "follow_terms",
            "alerts",
            "load_matches",
        ):
            async with conn.execute(f"SELECT count(*) FROM {table}") as cursor:
                row = await cursor.fetchone()
            found[table] = int(row[0]) if row else 0
        return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--follows", type=int, default=100_000, help="default 100000")
    parser.add_argument("--snippets", type=int, default=1_000, help="new snippets, default 1000")
    parser.add_argument("--store", type=int, default=20_000, help="stored first, default 20000")
    parser.add_argument("--runs", type=int, default=7, help="loads of each kind, default 7")
    parser.add_argument("--seed", type=int, default=20241024)
    parser.add_argument("--one-load", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one_load:
        print(asyncio.run(timed_load(*args.one_load)))
        return 0
    days = generate(args.store + args.snippets, args.snippets, args.seed)
    *stored, new = days
    if len(new.snippets) != args.snippets:
        sys.exit("--store must be a multiple of --snippets")
    names, pairs = corpus_words([s.text for d in stored for s in d.snippets])
    made = queries(args.follows, names, pairs, args.seed)
    with tempfile.TemporaryDirectory(prefix="briefbot-follow-") as tmp:
        folder = Path(tmp)
        bare, followed, loaded = folder / "bare.db", folder / "followed.db", folder / "load.db"
        store_files = write_text(stored, folder)
        (folder / "new").mkdir()
        [new_file] = write_text([new], folder / "new")
        asyncio.run(load_store(store_files, bare))
        shutil.copyfile(bare, followed)
        compiled = asyncio.run(store_follows(followed, made))
        print(
            f"{args.store} snippets stored; {len(made)} follows over "
            f"{len(made) // FOLLOWS_PER_CHAT} chats ({len(names)} names to draw from),"
            f" compiled in {compiled:.1f} s"
        )
        # Each way in turn: loads in a process of their own (`briefbot load`), then loads in
        # this process (a running bot: what earlier loads cached helps), taking turns without
        # and with the follows.
        times: dict[tuple[str, str], list[float]] = {key: [] for key in KINDS}
        for way in (ALONE, WARM):
            for _ in range(args.runs):
                for kind, store in (("without", bare), ("with", followed)):
                    copy_database(store, loaded)
                    if way == ALONE:
                        times[(way, kind)].append(load_alone(new_file, loaded))
                    else:
                        times[(way, kind)].append(asyncio.run(timed_load(new_file, loaded)))
        queued = asyncio.run(queue_alerts(loaded))
        found = asyncio.run(counts(loaded))
    print(
        f"{found['follows']} follows share {found['follow_patterns']} patterns"
        f" ({found['follow_terms']} lookup terms); the load of"
        f" {args.snippets} new snippets matched {found['load_matches']} patterns"
    )
    ratios = []
    for way in (ALONE, WARM):
        without, with_follows = times[(way, "without")], times[(way, "with")]
        bare_ms, followed_ms = statistics.median(without), statistics.median(with_follows)
        ratio = (followed_ms - bare_ms) / bare_ms
        ratios.append(ratio)
        each = sorted((w - b) / b for b, w in zip(without, with_follows, strict=True))
        print(
            f"{way}: load without follows {bare_ms * 1000:.0f} ms, with them"
            f" {followed_ms * 1000:.0f} ms (medians of {args.runs} each):"
            f" matching adds {(followed_ms - bare_ms) * 1000:.0f} ms,"
            f" ratio {ratio:.2f} (run by run {each[0]:.2f}-{each[-1]:.2f})"
        )
    print(
        f"then the bot wrote out the matches and queued {found['alerts']} alerts"
        f" in {queued * 1000:.0f} ms"
        " (its alert run, not part of the load)"
    )
    worst = max(ratios)
    verdict = "met" if worst <= GOAL else "MISSED"
    print(f"ratio matching ÷ load, the larger of the two: {worst:.2f} (goal ≤ {GOAL}: {verdict})")
    return 0 if worst <= GOAL else 1


async def load_store(files: list[Path], db_path: Path) -> None:
    db = await open_database(db_path)
    try:
        await save_parsed(
            db, parse_paths(files, day=None, tz=PARIS, limits=ImportLimits()), tz=PARIS
        )
    finally:
        await db.close()


if __name__ == "__main__":
    sys.exit(main())
