"""Loading content files into the store: what `briefbot load` and admin uploads share."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, tzinfo
from pathlib import Path

from bot.importers import SUPPORTED_SUFFIXES, ContentError, ImportLimits, parse_file
from bot.importers.gazetteer_format import is_gazetteer, parse_gazetteer
from storage import briefings, gazetteer
from storage.db import Database
from storage.gazetteer import Name
from storage.models import NewBriefing, SaveResult

ProgressCallback = Callable[[int], None]


@dataclass(frozen=True)
class GazetteerFile:
    """A file of names for the search gazetteer (bot/importers/gazetteer_format.py)."""

    names: list[Name]


Parsed = list[NewBriefing] | GazetteerFile | ContentError


@dataclass
class FileReport:
    """What loading one file did: the days saved, or the one error that stopped it."""

    path: Path
    results: list[SaveResult] = field(default_factory=list)
    error: str | None = None
    names: tuple[int, int] | None = None  # a gazetteer file: (names, new spellings)

    @property
    def ok(self) -> bool:
        return self.error is None

    def summary(self) -> str:
        """One line for the admin, e.g. `day.txt: 2024-10-24, 16 snippets added, 0 duplicates`."""
        if self.error is not None:
            # The error names the file, line and column itself.
            return f"{self.error} (nothing loaded from this file)"
        if self.names is not None:
            names, spellings = self.names
            added = _count(spellings, "new spelling")
            return f"{self.path.name}: gazetteer, {_count(names, 'name')}, {added}"
        if not self.results:
            return f"{self.path.name}: no briefing in this file"
        days = "; ".join(
            f"{r.day.isoformat()}, {_count(r.added, 'snippet')} added, "
            f"{_count(r.duplicates, 'duplicate')}"
            for r in self.results
        )
        return f"{self.path.name}: {days}"


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def collect_files(paths: Iterable[Path]) -> list[Path]:
    """The content files named, with folders expanded to the files they hold, in name order."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                sorted(p for p in path.rglob("*") if p.suffix.lower() in SUPPORTED_SUFFIXES)
            )
        else:
            found.append(path)
    return found


def _names_in(path: Path, limits: ImportLimits) -> GazetteerFile | None:
    """The names of a YAML file that is a gazetteer (its first key is `gazetteer:`), else None."""
    if path.suffix.lower() not in (".yaml", ".yml"):
        return None
    try:
        with path.open("rb") as stream:
            head = stream.read(4096)
    except OSError:
        return None  # parse_file reports it
    if not is_gazetteer(head):
        return None
    if path.stat().st_size > limits.max_file_bytes:
        return None  # parse_file refuses it, naming the limit
    return GazetteerFile(parse_gazetteer(path.read_bytes(), filename=str(path), limits=limits))


def parse_paths(
    files: Sequence[Path], *, day: date | None, tz: tzinfo, limits: ImportLimits
) -> list[tuple[Path, Parsed]]:
    """Parse every file; a bad file yields its error and does not stop the others."""
    parsed: list[tuple[Path, Parsed]] = []
    for path in files:
        try:
            parsed.append(
                (path, _names_in(path, limits) or parse_file(path, day=day, tz=tz, limits=limits))
            )
        except ContentError as error:
            parsed.append((path, error))
    return parsed


async def save_parsed(
    db: Database,
    parsed: Sequence[tuple[Path, Parsed]],
    *,
    tz: tzinfo,
    on_progress: ProgressCallback | None = None,
) -> list[FileReport]:
    """Save each parsed file in its own transaction: one file is all written, or none of it."""
    reports = []
    for path, content in parsed:
        if isinstance(content, ContentError):
            reports.append(FileReport(path, error=str(content)))
            continue
        if isinstance(content, GazetteerFile):
            added = await gazetteer.add(db, content.names)
            reports.append(FileReport(path, names=(len(content.names), added)))
            continue
        results = await briefings.save_all(db, content, tz=tz, on_progress=on_progress)
        reports.append(FileReport(path, results=results))
    return reports


def snippet_total(parsed: Sequence[tuple[Path, Parsed]]) -> int:
    return sum(
        len(b.snippets) for _, content in parsed if isinstance(content, list) for b in content
    )
