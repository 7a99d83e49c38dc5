"""Read a content file from disk and hand it to the parser its extension names."""

from __future__ import annotations

from datetime import date, tzinfo
from pathlib import Path

from bot.importers.common import DEFAULT_LIMITS, ContentError, ImportLimits, check_size
from bot.importers.text_format import parse_text
from bot.importers.yaml_format import parse_yaml
from storage.models import NewBriefing

SUPPORTED_SUFFIXES = (".yaml", ".yml", ".txt")


def parse_file(
    path: Path,
    *,
    day: date | None = None,
    tz: tzinfo,
    limits: ImportLimits = DEFAULT_LIMITS,
) -> list[NewBriefing]:
    """Return the briefings in a .yaml, .yml or .txt file, checking its size before reading it.

    ``day`` dates a text file whose name holds no date; YAML documents carry their own ``date``.
    """
    file = str(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        kind = f"{suffix!r} files" if suffix else "files without an extension"
        raise ContentError(file, f"cannot be loaded: {kind} are not supported (.yaml, .yml, .txt)")
    try:
        check_size(path.stat().st_size, file, limits)
        with path.open("rb") as stream:
            # Read one byte past the limit so a file that grew since stat() is still refused.
            data = stream.read(limits.max_file_bytes + 1)
    except OSError as error:
        raise ContentError(file, f"cannot be read: {error.strerror or error}") from None
    if suffix == ".txt":
        return [parse_text(data, filename=file, day=day, tz=tz, limits=limits)]
    return parse_yaml(data, filename=file, tz=tz, limits=limits)
