"""How fast search answers at a million snippets, per kind of query, against naive bm25 ranking.

    python bench/search.py [--snippets N] [--queries Q] [--db FILE]

Builds a corpus of synthetic French war-news snippets (bench/search_corpus.py: Zipf-drawn words,
a few of them in well over 10% of the snippets, names in several spellings, each day's title
and summary), loaded through the code path of `briefbot load`; then each class of query goes
through the bot's own search (bot.search.service.find: parsing, gazetteer, typo correction,
windowed ranking, fetching the page). The naive baseline asks FTS5 for the same MATCH
expression ordered by bm25(), on the same connection, for the first 50 queries of each class;
the speed-up is the median of the per-query ratios (naive ÷ the bot's time for that query).
With --db, an existing corpus file is reused (its build time is then not reported).

Each class is timed over Q queries (500 by default, so that its p99 is the 5th slowest rather
than the 2nd), in wall-clock and in CPU time: on a host shared with other jobs, wall-clock
tails measure the scheduler as much as search; CPU time (every thread of the process) does not.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

from search_corpus import bigrams, build, queries

from bot.search import service
from storage.db import Database, open_database
from storage.search_match import plan
from storage.search_query import parse
from storage.vocabulary import vocabulary

GOALS = {"p99_ms": 10.0, "common_speedup": 50.0, "index_ratio": 1.5}
CLASSES = ("rare", "common", "two common", "phrase", "any bigram", "prefix", "typo", "variant")
# Queries of each class also timed naively (ranking a common word so takes up to half a second):
# the speed-up is the median, over these, of the naive time over the bot's for the same query.
NAIVE_QUERIES = 50


async def sizes(db: Database) -> tuple[int, int]:
    """Bytes of snippet text, and bytes of what search adds: FTS5 tables and search_text."""

    async def one(sql: str) -> int:
        async with db.conn.execute(sql) as cursor:
            row = await cursor.fetchone()
        return int(row[0] or 0) if row else 0

    content = await one("SELECT sum(length(CAST(text AS BLOB))) FROM snippets")
    tables = await one("SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'snippets_fts%'")
    forms = await one("SELECT sum(length(CAST(search_text AS BLOB))) FROM snippets")
    return content, tables + forms


def warm_page_cache(path: Path) -> None:
    """Read the file once, as a running bot's page cache would hold its index: what is timed is
    search, not the first read of each page from disk."""
    with path.open("rb") as stream:
        while stream.read(1 << 24):
            pass


async def timed(calls: list[Callable[[], Awaitable[object]]]) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU milliseconds of each call. CPU time counts every thread of the
    process (the database's too) and not the time other jobs on a shared host held the CPU."""
    spent, cpu = [], []
    for call in calls:
        started, started_cpu = time.perf_counter(), time.process_time()
        await call()
        spent.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    return spent, cpu


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


async def naive_match(db: Database, query: str) -> str | None:
    """The MATCH expression the bot's search asks FTS5 for (worked out before the naive query
    is timed)."""
    return plan(parse(query), await service.names(db), await vocabulary(db)).match()


async def naive(db: Database, match: str | None) -> None:
    if match is None:
        return
    async with db.conn.execute(
        "SELECT rowid FROM snippets_fts WHERE snippets_fts MATCH ?"
        " ORDER BY bm25(snippets_fts) LIMIT 5",
        (match,),
    ) as cursor:
        await cursor.fetchall()


async def run(total: int, per_class: int, path: Path, reuse: bool) -> int:
    db = await open_database(path)
    try:
        build_seconds = None if reuse else await build(db, total)
        if not reuse:
            await db.conn.execute("INSERT INTO snippets_fts (snippets_fts) VALUES ('optimize')")
        started = time.perf_counter()
        await service.prepare(db)
        words = await vocabulary(db)
        prepare_seconds = time.perf_counter() - started
        content, index = await sizes(db)
        warm_page_cache(path)
        classes = queries(dict(words.counts), words.documents, await bigrams(db), per_class)
        print(f"corpus: {words.documents:,} snippets, {len(words.counts):,} distinct words")
        if build_seconds is not None:
            print(f"build (load path, FTS5 triggers): {build_seconds:.1f} s")
        print(f"start-up (vocabulary, days' titles and summaries): {prepare_seconds:.2f} s")
        print(
            f"index {index / 1e6:.0f} MB / content {content / 1e6:.0f} MB = {index / content:.2f}"
        )
        print()
        print(
            "| class | example | p50 ms | p99 ms | CPU p50 ms | CPU p99 ms"
            " | naive bm25 p50 ms | speed-up |"
        )
        print("|---|---|---:|---:|---:|---:|---:|---:|")
        worst, speedup_common, common, same = 0.0, 0.0, "", []
        for name in CLASSES:
            batch = classes[name]
            for query in batch[:5]:  # warm the page cache and the gazetteer
                await service.find(db, query, offset=0, limit=5)
            ours, cpu = await timed(
                [lambda q=q: service.find(db, q, offset=0, limit=5) for q in batch]
            )
            matches = [await naive_match(db, q) for q in batch[:NAIVE_QUERIES]]
            # Without the memory map search uses (service.prepare): it makes bm25 ranking no
            # faster (2% slower, median over 50 common words), and the baseline stays as it was.
            await db.conn.execute("PRAGMA mmap_size = 0")
            theirs, _ = await timed([lambda m=m: naive(db, m) for m in matches])
            await db.conn.execute(f"PRAGMA mmap_size = {service.MMAP_BYTES}")
            same = ours[: len(theirs)]  # the bot's times for the very queries timed naively
            speedup = statistics.median(t / o for t, o in zip(theirs, same, strict=True))
            p50, p99, base = percentile(ours, 0.5), percentile(ours, 0.99), percentile(theirs, 0.5)
            worst = max(worst, p99)
            if name == "common":
                speedup_common = speedup
                common = f"{speedup:.0f}× ({base / percentile(same, 0.5):.0f}× p50 to p50)"
            busy = f"{percentile(cpu, 0.5):.2f} | {percentile(cpu, 0.99):.2f}"
            row = f"| {name} | `{batch[0]}` | {p50:.2f} | {p99:.2f} | {busy} | {base:.1f} |"
            print(f"{row} {speedup:.0f}× |")
        print()
        print(f"common words, median over {len(same)} queries of naive ÷ ours: {common}")
        print(f"load average at the end: {os.getloadavg()[0]:.2f} (2 cores)")
        met = (
            worst <= GOALS["p99_ms"]
            and speedup_common >= GOALS["common_speedup"]
            and index / content <= GOALS["index_ratio"]
        )
        print(
            f"goals (p99 ≤ {GOALS['p99_ms']:.0f} ms, ≥ {GOALS['common_speedup']:.0f}× on common "
            f"words, index ≤ {GOALS['index_ratio']}× content): {'met' if met else 'NOT met'}"
        )
        return 0 if met else 1
    finally:
        await db.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--snippets", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=500, help="queries per class")
    parser.add_argument("--db", type=Path, help="corpus file to build, or to reuse if present")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = args.db or Path(folder) / "search-bench.db"
        reuse = path.exists()
        return asyncio.run(run(args.snippets, args.queries, path, reuse))


if __name__ == "__main__":
    sys.exit(main())
