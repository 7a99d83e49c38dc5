"""`briefbot load`: parse files, save each in one transaction, print one line per file."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from tqdm import tqdm

from bot.config import Config
from bot.importers import ImportLimits
from bot.loader import collect_files, parse_paths, save_parsed, snippet_total
from storage.db import open_database

# Below this a load takes well under a second and a progress bar would only flicker.
PROGRESS_THRESHOLD = 2_000


async def run_load(config: Config, paths: list[Path], *, day: date | None, quiet: bool) -> int:
    missing = [p for p in paths if not p.exists()]
    files = collect_files(p for p in paths if p.exists())
    limits = ImportLimits(max_file_bytes=config.max_file_bytes)
    parsed = parse_paths(files, day=day, tz=config.timezone, limits=limits)
    total = snippet_total(parsed)
    # Only on a terminal: in cron or systemd logs the bar's carriage returns are noise.
    show = not quiet and total > PROGRESS_THRESHOLD and sys.stderr.isatty()
    with tqdm(total=total, unit="snippet", disable=not show, file=sys.stderr) as bar:
        db = await open_database(config.db_path)
        try:
            reports = await save_parsed(db, parsed, tz=config.timezone, on_progress=bar.update)
        finally:
            await db.close()
    for path in missing:
        print(f"{path}: no such file or folder", file=sys.stderr)
    if not files and not missing:
        print("briefbot load: no .yaml, .yml or .txt file found", file=sys.stderr)
        return 1
    for report in reports:
        print(report.summary(), file=sys.stdout if report.ok else sys.stderr)
    return 0 if all(r.ok for r in reports) and not missing else 1
