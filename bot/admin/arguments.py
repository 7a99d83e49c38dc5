"""Reading what admins type: /add, /del, /correct and /summary arguments, document captions.

Pure. A bad argument raises `Unusable` naming the catalog line that explains it; the text an
admin enters is cleaned and bounded the way the importers clean a loaded file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

from bot.dates import parse_user_date
from bot.importers.common import DEFAULT_LIMITS, clean_line, clean_summary
from storage.models import NewSnippet


class Unusable(Exception):
    """The arguments cannot be used; `key` is the catalog line to answer with."""

    def __init__(self, key: str, **values: str) -> None:
        super().__init__(key)
        self.key = key
        self.values = values


@dataclass(frozen=True)
class Correction:
    snippet_id: int
    text: str


@dataclass(frozen=True)
class SummaryRequest:
    day: date
    text: str | None = None  # given on the command line: no need to wait for the next message


_SNIPPET_ID = re.compile(r"#?(\d{1,18})")
_CAPTION_DATE = re.compile(r"^\s*date\s*[:=]\s*(\S+)\s*$", re.IGNORECASE)


def after_command(text: str | None) -> str:
    """The message's text after its `/command` (or `/command@bot`) word."""
    if not text:
        return ""
    parts = text.strip().split(maxsplit=1)
    return parts[1].strip() if len(parts) == 2 and parts[0].startswith("/") else ""


def snippet_id(token: str) -> int:
    match = _SNIPPET_ID.fullmatch(token.strip())
    if match is None:
        raise Unusable("admin.bad_id", text=token.strip())
    return int(match[1])


def _text(raw: str, usage: str) -> str:
    text = clean_line(raw)
    if not text:
        raise Unusable(usage)
    limit = DEFAULT_LIMITS.max_snippet_chars
    if len(text) > limit:
        raise Unusable("admin.too_long", count=str(len(text)), limit=str(limit))
    return text


def _url(raw: str) -> str | None:
    url = clean_line(raw)
    if not url:
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        parts = None
    fine = parts is not None and parts.scheme.lower() in ("http", "https") and bool(parts.netloc)
    if not fine or " " in url or len(url) > DEFAULT_LIMITS.max_url_chars:
        raise Unusable("admin.bad_url", text=url)
    return url


def parse_add(arguments: str) -> NewSnippet:
    """`TEXT [| source | url]`: the snippet /add stores."""
    pieces = arguments.split("|")
    if len(pieces) > 3:
        raise Unusable("admin.add.usage")
    text = _text(pieces[0], "admin.add.usage")
    source = clean_line(pieces[1])[: DEFAULT_LIMITS.max_source_chars] if len(pieces) > 1 else ""
    url = _url(pieces[2]) if len(pieces) > 2 else None
    return NewSnippet(text=text, source=source or None, url=url)


def parse_delete(arguments: str) -> int:
    """`ID`: the snippet /del removes."""
    if not arguments or len(arguments.split()) != 1:
        raise Unusable("admin.del.usage")
    return snippet_id(arguments)


def parse_correct(arguments: str) -> Correction:
    """`ID NEW TEXT`: the snippet /correct rewrites and its new text."""
    parts = arguments.split(maxsplit=1)
    if len(parts) != 2:
        raise Unusable("admin.correct.usage")
    return Correction(snippet_id(parts[0]), _text(parts[1], "admin.correct.usage"))


def parse_day(argument: str, today: date) -> date:
    """A day as /today reads it; no argument means today."""
    if not argument:
        return today
    day = parse_user_date(argument, today)
    if day is None:
        raise Unusable("admin.bad_date", text=argument)
    return day


def parse_summary_command(arguments: str, today: date) -> SummaryRequest:
    """`DATE [TEXT]`: the day /summary rewrites, and its new summary if given at once."""
    parts = arguments.split(maxsplit=1)
    if not parts:
        raise Unusable("admin.summary.usage")
    day = parse_day(parts[0], today)
    return SummaryRequest(day, summary_text(parts[1]) if len(parts) == 2 else None)


def summary_text(raw: str) -> str:
    """A summary as an admin typed it: paragraphs kept, lines reflowed, as a loaded file's."""
    text = clean_summary(raw)
    if not text:
        raise Unusable("admin.summary.empty")
    limit = DEFAULT_LIMITS.max_summary_chars
    if len(text) > limit:
        raise Unusable("admin.too_long", count=str(len(text)), limit=str(limit))
    return text


def parse_caption(caption: str | None, today: date) -> date | None:
    """The day a document's caption sets: `date:2024-10-24` (any date /today reads), or none."""
    if not caption or not caption.strip():
        return None
    match = _CAPTION_DATE.match(caption)
    if match is None:
        raise Unusable("admin.upload.bad_caption", text=caption.strip()[:100])
    day = parse_user_date(match[1], today)
    if day is None:
        raise Unusable("admin.bad_date", text=match[1])
    return day
