"""Whether a document an admin sent can be loaded: decided before and after downloading. Pure."""

from __future__ import annotations

import re
from datetime import date
from pathlib import PurePosixPath

from bot.admin.arguments import Unusable
from bot.admin.render import size
from bot.importers import SUPPORTED_SUFFIXES, date_from_filename

ARCHIVE_SUFFIXES = (".zip", ".gz", ".tgz", ".tar", ".bz2", ".xz", ".zst", ".7z", ".rar")
ARCHIVE_TYPES = ("application/zip", "application/x-zip-compressed", "application/gzip")
# Zip files start with a local file header (or an empty archive's end record).
ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_UNSAFE = re.compile(r"[^\w.\-]+")


def display_name(file_name: str | None) -> str:
    """The document's name without any folder part, as the admin's phone shows it."""
    name = PurePosixPath((file_name or "").replace("\\", "/")).name.strip()
    return name[:120] or "document"


def local_name(file_name: str) -> str:
    """A safe name to write the document under; keeps its suffix and any date it holds."""
    return _UNSAFE.sub("_", file_name).lstrip(".") or "document"


def _suffix(name: str) -> str:
    return PurePosixPath(name.lower()).suffix


def check_document(
    name: str, mime_type: str | None, file_size: int | None, limit: int, day: date | None, lang: str
) -> Unusable | None:
    """Why the document cannot be loaded, judged from what Telegram says of it; None if it can."""
    suffix = _suffix(name)
    if suffix in ARCHIVE_SUFFIXES or (mime_type or "").lower() in ARCHIVE_TYPES:
        return Unusable("admin.upload.archive", name=name)
    if suffix not in SUPPORTED_SUFFIXES:
        return Unusable("admin.upload.type", name=name)
    if file_size is not None and file_size > limit:
        return too_big(name, file_size, limit, lang)
    if suffix == ".txt" and day is None and date_from_filename(name) is None:
        return Unusable("admin.upload.no_day", name=name)
    if suffix != ".txt" and day is not None:
        return Unusable("admin.upload.yaml_day", name=name)
    return None


def check_content(name: str, data: bytes, limit: int, lang: str) -> Unusable | None:
    """Why the downloaded bytes cannot be loaded (a zip under another name, too big); or None."""
    if data.startswith(ZIP_MAGIC):
        return Unusable("admin.upload.archive", name=name)
    if len(data) > limit:
        return too_big(name, len(data), limit, lang)
    return None


def too_big(name: str, file_size: int, limit: int, lang: str) -> Unusable:
    return Unusable(
        "admin.upload.too_big", name=name, size=size(file_size, lang), limit=size(limit, lang)
    )
