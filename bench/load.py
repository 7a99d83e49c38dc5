"""How fast `briefbot load` fills a fresh database, against a raw `executemany` of the same rows.

    python bench/load.py [--snippets N] [--format text|yaml|both]

Synthetic French war-news snippets (80-300 characters, ~1% reprints) are written as content
files, one per day, then loaded through the code path of `briefbot load` (parse_paths, then
save_parsed into a fresh SQLite file). The baseline inserts the very rows that load stores,
built beforehand, with one `executemany` into a fresh file that has the same schema (FTS5 index
and triggers included). Both run in this process, one after the other: the ratio, unlike the
absolute figures, carries over between machines, provided nothing else is using the CPU (the
CPU seconds printed beside the wall time show when something was).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TypeVar
from zoneinfo import ZoneInfo

import yaml

from bot.importers import ImportLimits
from bot.loader import parse_paths, save_parsed
from storage.briefings import snippet_row
from storage.db import open_database
from storage.gc_pause import gc_paused
from storage.models import NewBriefing, NewSnippet
from storage.timefmt import now_text

GOAL = 0.5
SAMPLE_SHARE = 10  # estimates (row building, PyYAML alone) time one file in ten
T = TypeVar("T")
PARIS = ZoneInfo("Europe/Paris")
FIRST_DAY = date(2024, 6, 1)
DUPLICATE_SHARE = 0.01
# The text layout tells summary from snippets by line length: the first snippet line of a file
# must be short (bot/importers/text_format.py, LONG_LINE), the others may be up to 300.
FIRST_SNIPPET_MAX = 240

VOCABULARY = (
    "l'armée ukrainienne russe soldats nord-coréens déployés région Koursk Kharkiv Donetsk "
    "Pokrovsk Zaporijia Kherson Odessa Kyiv Moscou Zelensky Poutine Syrsky Choïgou l'Otan "
    "États-Unis Pyongyang Séoul frappe frappes drones missiles balistiques défense aérienne "
    "offensive contre-offensive front ligne tranchées blindés artillerie obus munitions "
    "centrale nucléaire énergétique infrastructure civils blessés tués évacués réfugiés "
    "négociations cessez-le-feu paix juste sanctions aide militaire milliards d'euros "
    "président ministre porte-parole état-major renseignement rapport selon affirme dément "
    "annonce confirme condamne s'inquiète prévient bombardements nuit jeudi mercredi "
    "village localité reconquête avancée retrait encerclement frontière Biélorussie Crimée "
    "pont port céréales exportations hiver électricité coupures hôpital école "
    "de la le les des du et à en dans sur après avant depuis contre vers où plus"
)
WORDS = tuple(VOCABULARY.split())
# Names made of syllables and figures widen the vocabulary to tens of thousands of words, as
# real news has: the index and any per-word cache meet new words, not the same hundred again.
SYLLABLES = ("no", "vo", "sta", "ro", "kra", "bi", "lo", "tcher", "pok", "rov", "ou", "hle")
SYLLABLES += ("mykh", "aï", "liv", "ka", "sel", "dar", "po", "ié", "ko", "zy")
CONNECTIVES = (",", ",", ",", " :", " —", ";")
ENDINGS = (".", ".", ".", "...", "…", " !", " ?")
SOURCES = ("Le Monde", "Le Figaro", "Libération", "France 24", "Ouest-France", "Midi Libre")


@dataclass
class Day:
    day: date
    title: str
    paragraphs: list[str]
    snippets: list[NewSnippet]


def sentence(rng: random.Random, low: int, high: int) -> str:
    """French-looking text whose length falls in [low, high]."""
    target = rng.randint(low, high)
    words: list[str] = [rng.choice(WORDS).capitalize()]
    length = len(words[0])
    while length < target - 12:
        roll = rng.random()
        if roll < 0.04:
            word = f"{rng.randint(2, 12_000):,}".replace(",", " ")
        elif roll < 0.10:
            word = "".join(rng.choices(SYLLABLES, k=rng.randint(2, 4))).capitalize()
        else:
            word = rng.choice(WORDS)
        if rng.random() < 0.08:
            word += rng.choice(CONNECTIVES)
        words.append(word)
        length += len(word) + 1
    text = " ".join(words)[: high - 3].rstrip(" ,;:—")
    return text + rng.choice(ENDINGS)


def generate(total: int, per_day: int, seed: int) -> list[Day]:
    rng = random.Random(seed)
    days: list[Day] = []
    written: list[str] = []
    for number in range(-(-total // per_day)):
        day = FIRST_DAY + timedelta(days=number)
        count = min(per_day, total - number * per_day)
        snippets = []
        for index in range(count):
            if index and rng.random() < DUPLICATE_SHARE:
                # A reprint: the same text, sometimes cut with an ellipsis or recased.
                text = rng.choice(written)
                text = rng.choice((text, text.rstrip(".…!? ") + "...", text.upper()))
            else:
                high = FIRST_SNIPPET_MAX if index == 0 else 300
                text = sentence(rng, 80, high)
                written.append(text)
            published = datetime.combine(day, datetime.min.time(), PARIS) + timedelta(
                minutes=rng.randrange(24 * 60)
            )
            slug = "-".join(text.split()[:5]).lower().strip(".…!?,;:")
            snippets.append(
                NewSnippet(
                    text=text,
                    source=rng.choice(SOURCES),
                    url=f"https://presse.example.fr/{day:%Y/%m/%d}/{slug}-{index}.html",
                    published_at=published,
                )
            )
        paragraphs = [sentence(rng, 400, 620) for _ in range(rng.randint(2, 4))]
        days.append(Day(day, sentence(rng, 60, 160), paragraphs, snippets))
    return days


def write_text(days: list[Day], folder: Path) -> list[Path]:
    """The seed's layout: title, one paragraph per long line, one snippet per short line."""
    paths = []
    for d in days:
        path = folder / f"briefing-{d.day.isoformat()}.txt"
        lines = [d.title, *d.paragraphs, *(s.text for s in d.snippets)]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def write_yaml(days: list[Day], folder: Path) -> list[Path]:
    """The content YAML of DESIGN.md; JSON strings are valid double-quoted YAML scalars."""
    paths = []
    for d in days:
        path = folder / f"briefing-{d.day.isoformat()}.yaml"
        out = [f"date: {d.day.isoformat()}", f"title: {json.dumps(d.title, ensure_ascii=False)}"]
        out.append("summary: |")
        out.append("\n\n".join(f"  {p}" for p in d.paragraphs))
        out.append("snippets:")
        for s in d.snippets:
            assert s.published_at is not None
            out.append(f"  - text: {json.dumps(s.text, ensure_ascii=False)}")
            out.append(f"    source: {json.dumps(s.source, ensure_ascii=False)}")
            out.append(f"    url: {json.dumps(s.url)}")
            out.append(f"    published: {s.published_at.isoformat()}")
        path.write_text("\n".join(out) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def as_loaded(days: list[Day], fmt: str) -> list[NewBriefing]:
    """What the importer hands storage for each format: text files carry only the snippet text."""
    briefings = []
    for d in days:
        summary = "\n\n".join(d.paragraphs)
        snippets = tuple(NewSnippet(text=s.text) if fmt == "text" else s for s in d.snippets)
        briefings.append(NewBriefing(d.day, d.title, summary, snippets))
    return briefings


@dataclass
class Timing:
    parse: float
    save: float
    cpu: float  # CPU seconds of every thread: wall time far above it means a busy machine
    stored: int

    @property
    def total(self) -> float:
        return self.parse + self.save


async def load_ours(files: list[Path], db_path: Path) -> Timing:
    """What `briefbot load` does, minus printing: parse every file, then save file by file."""
    start, cpu_start = time.perf_counter(), time.process_time()
    parsed = parse_paths(files, day=None, tz=PARIS, limits=ImportLimits())
    parsed_at = time.perf_counter()
    db = await open_database(db_path)
    try:
        reports = await save_parsed(db, parsed, tz=PARIS)
    finally:
        await db.close()
    saved_at = time.perf_counter()
    failed = [r.summary() for r in reports if not r.ok]
    if failed:
        sys.exit(f"the generated files did not load: {failed[0]}")
    stored = sum(r.added for report in reports for r in report.results)
    cpu = time.process_time() - cpu_start
    return Timing(parsed_at - start, saved_at - parsed_at, cpu, stored)


async def create_schema(db_path: Path) -> None:
    await (await open_database(db_path)).close()


def load_raw(briefings: list[NewBriefing], db_path: Path) -> Timing:
    """The floor: the finished rows, built before the clock starts, in one executemany."""
    created = now_text()
    days = [(b.day.isoformat(), b.title, b.summary, created, created) for b in briefings]
    rows = [snippet_row(b.day, s, PARIS, created) for b in briefings for s in b.snippets]
    asyncio.run(create_schema(db_path))
    conn = sqlite3.connect(db_path, isolation_level=None)
    conn.execute("PRAGMA synchronous = NORMAL")  # as open_database; WAL is kept in the file
    start, cpu_start = time.perf_counter(), time.process_time()
    conn.execute("BEGIN IMMEDIATE")
    conn.executemany("INSERT INTO briefings VALUES (?, ?, ?, ?, ?)", days)
    conn.executemany(
        "INSERT INTO snippets (day, text, search_text, source, url, published_at, lang,"
        " content_hash, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (content_hash) DO NOTHING",
        rows,
    )
    conn.execute("COMMIT")
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    stored = conn.execute("SELECT count(*) FROM snippets").fetchone()[0]
    conn.close()
    return Timing(0.0, elapsed, cpu, stored)


def sample_seconds(
    items: list[T], work: Callable[[T], object], weight: Callable[[T], int]
) -> float:
    """CPU time of `work` over a tenth of the items, scaled by weight: an estimate, and on CPU
    time so that a burst of other jobs during the sample does not inflate it."""
    sample = items[: max(1, len(items) // SAMPLE_SHARE)]
    start = time.process_time()
    for item in sample:
        work(item)
    elapsed = time.process_time() - start
    return elapsed * sum(map(weight, items)) / sum(map(weight, sample))


def build_rows(briefing: NewBriefing) -> None:
    """The per-row Python work inside save (normalising, hashing, dating)."""
    created = now_text()
    for snippet in briefing.snippets:
        snippet_row(briefing.day, snippet, PARIS, created)


def yaml_alone(path: Path) -> None:
    """The fastest PyYAML reads a file: C loader, no validation, collector paused as load does."""
    with gc_paused():
        yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)


def bench(fmt: str, days: list[Day], total: int, folder: Path) -> float:
    writer = write_text if fmt == "text" else write_yaml
    files = writer(days, folder / fmt)
    megabytes = sum(p.stat().st_size for p in files) / 1e6
    ours = asyncio.run(load_ours(files, folder / f"ours-{fmt}.db"))
    briefings = as_loaded(days, fmt)
    raw = load_raw(briefings, folder / f"raw-{fmt}.db")
    if ours.stored != raw.stored:
        sys.exit(f"{fmt}: load stored {ours.stored} snippets but the raw insert {raw.stored}")
    rows = sample_seconds(briefings, build_rows, lambda b: len(b.snippets))
    ratio = raw.total / ours.total
    print(f"[{fmt}] {len(files)} files, {megabytes:.1f} MB, {ours.stored} stored")
    for name, timing in (("briefbot load:  ", ours), ("raw executemany:", raw)):
        print(
            f"[{fmt}] {name} {total / timing.total:>7,.0f} snippets/s"
            f" ({timing.total:.2f} s wall, {timing.cpu:.2f} s CPU)"
        )
    verdict = "met" if ratio >= GOAL else "MISSED"
    print(
        f"[{fmt}] ratio load ÷ raw: {ratio:.2f} (goal ≥ {GOAL}: {verdict});"
        f" on CPU seconds {raw.cpu / ours.cpu:.2f}"
    )
    print(
        f"[{fmt}] where load's time goes: parse {ours.parse:.2f} s"
        f" ({ours.parse / ours.total:.0%}), save {ours.save:.2f} s"
        f" ({ours.save / ours.total:.0%}), of which building rows ≈ {rows:.2f} s CPU"
    )
    if fmt == "yaml":
        floor = sample_seconds(files, yaml_alone, lambda p: p.stat().st_size)
        print(
            f"[{fmt}] PyYAML alone (yaml.load, C loader) ≈ {floor:.2f} s CPU,"
            f" {floor / raw.cpu:.1f}× the raw insert's: parsing then saving cannot beat"
            f" a ratio of {raw.cpu / (raw.cpu + floor):.2f}"
        )
    return ratio


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--snippets", type=int, default=200_000, help="default 200000")
    parser.add_argument("--format", choices=("text", "yaml", "both"), default="both")
    parser.add_argument("--per-day", type=int, default=2_000, help="snippets a file (default 2000)")
    parser.add_argument("--seed", type=int, default=20241024)
    args = parser.parse_args()
    formats = ("text", "yaml") if args.format == "both" else (args.format,)
    started = time.perf_counter()
    days = generate(args.snippets, args.per_day, args.seed)
    print(
        f"{args.snippets} snippets over {len(days)} days, generated in "
        f"{time.perf_counter() - started:.1f} s"
    )
    with tempfile.TemporaryDirectory(prefix="briefbot-bench-") as tmp:
        folder = Path(tmp)
        for fmt in formats:
            (folder / fmt).mkdir()
        ratios = [bench(fmt, days, args.snippets, folder) for fmt in formats]
    print(f"total run {time.perf_counter() - started:.1f} s")
    return 0 if all(r >= GOAL for r in ratios) else 1


if __name__ == "__main__":
    sys.exit(main())
