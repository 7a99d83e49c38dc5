"""Loading a document an admin sent: checked, downloaded, then loaded as `briefbot load` does.

The document is written to a temporary folder under its own name (a date in the name dates a
text file, as on the command line) and goes through bot.loader, so a document and a file
given to `briefbot load` are parsed, validated and saved by the same code, file by file in one
transaction. Parsing runs in a worker thread: a large file must not stall the bot's updates.
"""

from __future__ import annotations

import asyncio
import tempfile
from dataclasses import dataclass
from datetime import date, tzinfo
from pathlib import Path

from telegram import Bot
from telegram.error import TelegramError

from bot.admin.arguments import Unusable, parse_caption
from bot.admin.documents import check_content, check_document, local_name
from bot.admin.service import Admin
from bot.config import Config
from bot.importers import ContentError, ImportLimits
from bot.loader import FileReport, Parsed, parse_paths, save_parsed
from storage import audit
from storage.db import Database


@dataclass(frozen=True)
class Document:
    """A document as Telegram described it, before it is downloaded."""

    file_id: str
    name: str
    mime_type: str | None
    file_size: int | None
    caption: str | None


def _parse(data: bytes, name: str, day: date | None, tz: tzinfo, limits: ImportLimits) -> Parsed:
    with tempfile.TemporaryDirectory(prefix="briefbot-upload-") as folder:
        path = Path(folder) / local_name(name)
        path.write_bytes(data)
        [(_, parsed)] = parse_paths([path], day=day, tz=tz, limits=limits)
    if isinstance(parsed, ContentError):
        # Name the document as the admin knows it, not the temporary copy.
        return ContentError(name, parsed.reason, parsed.line, parsed.column, parsed.field)
    return parsed


async def load_bytes(
    db: Database, name: str, data: bytes, *, day: date | None, tz: tzinfo, limits: ImportLimits
) -> FileReport:
    """Parse and save one file's bytes; a file with an error writes nothing."""
    parsed = await asyncio.to_thread(_parse, data, name, day, tz, limits)
    [report] = await save_parsed(db, [(Path(name), parsed)], tz=tz)
    return report


def _audited(report: FileReport, admin: Admin, name: str) -> audit.Action:
    if report.error is not None:
        return admin.failure("load", name, report.error)
    if report.names is not None:
        names, spellings = report.names
        return admin.action("load", name, names=names, spellings=spellings)
    added = sum(result.added for result in report.results)
    duplicates = sum(result.duplicates for result in report.results)
    return admin.action("load", name, days=len(report.results), added=added, duplicates=duplicates)


async def _download(bot: Bot, document: Document) -> bytes | Unusable:
    try:
        found = await bot.get_file(document.file_id)
        return bytes(await found.download_as_bytearray())
    except TelegramError as error:
        return Unusable("admin.upload.download_failed", name=document.name, error=error.message)


async def _fetch(
    bot: Bot, document: Document, limit: int, today: date, lang: str
) -> tuple[bytes, date | None] | Unusable:
    """The document's bytes and the day its caption sets, or why it cannot be loaded.

    Everything Telegram says of the document is checked first: a refused file is not fetched.
    """
    try:
        day = parse_caption(document.caption, today)
    except Unusable as problem:
        return problem
    refusal = check_document(
        document.name, document.mime_type, document.file_size, limit, day, lang
    )
    if refusal is not None:
        return refusal
    data = await _download(bot, document)
    if isinstance(data, Unusable):
        return data
    return check_content(document.name, data, limit, lang) or (data, day)


async def receive(
    bot: Bot,
    db: Database,
    config: Config,
    admin: Admin,
    document: Document,
    *,
    today: date,
    lang: str,
) -> FileReport | Unusable:
    """Check, download and load the document; what was loaded, or why nothing was."""
    limit = min(config.max_upload_bytes, config.max_file_bytes)
    fetched = await _fetch(bot, document, limit, today, lang)
    if isinstance(fetched, Unusable):
        reason = fetched.key.rpartition(".")[2]
        await audit.record(db, admin.failure("load", document.name, f"refused: {reason}"))
        return fetched
    data, day = fetched
    limits = ImportLimits(max_file_bytes=limit)
    report = await load_bytes(db, document.name, data, day=day, tz=config.timezone, limits=limits)
    await audit.record(db, _audited(report, admin, document.name))
    return report
