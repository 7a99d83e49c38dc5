"""Admin edits to stored content: add, delete and correct one snippet, replace a day's summary.

Each verb works on a connection inside the caller's transaction, so the audit row commits with
the change. New text goes through storage.briefings.snippet_row, the importers' own row
builder, so its search forms and duplicate hash are exactly those of a loaded snippet; the
FTS index follows through the triggers of migration 0004.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, tzinfo

import aiosqlite

from storage.briefings import snippet_row
from storage.models import NewSnippet
from storage.normalize import content_hash
from storage.timefmt import now_text

# The columns of storage.briefings.snippet_row, in its order.
SNIPPET_COLUMNS = (
    "day",
    "text",
    "search_text",
    "source",
    "url",
    "published_at",
    "lang",
    "content_hash",
    "created_at",
)


@dataclass(frozen=True, slots=True)
class Added:
    snippet_id: int
    duplicate: bool  # the text was already stored (under `snippet_id`): nothing was added


@dataclass(frozen=True, slots=True)
class Removed:
    snippet_id: int
    day: date
    text: str


@dataclass(frozen=True, slots=True)
class Corrected:
    snippet_id: int
    day: date
    old_text: str


@dataclass(frozen=True, slots=True)
class Clash:
    """The corrected text is already stored, as another snippet."""

    other_id: int


def _columns(day: date, snippet: NewSnippet, tz: tzinfo, created: str) -> dict[str, object]:
    row = snippet_row(day, snippet, tz, created)
    if len(row) != len(SNIPPET_COLUMNS):
        raise RuntimeError("storage.briefings.snippet_row changed shape: update SNIPPET_COLUMNS")
    return dict(zip(SNIPPET_COLUMNS, row, strict=True))


async def _ensure_briefing(conn: aiosqlite.Connection, day: date, now: str) -> None:
    # A day's briefing exists once it has content, as when a file is loaded.
    await conn.execute(
        "INSERT INTO briefings (day, created_at, updated_at) VALUES (?, ?, ?)"
        " ON CONFLICT (day) DO NOTHING",
        (day.isoformat(), now, now),
    )


async def _id_of_text(conn: aiosqlite.Connection, text: str) -> int | None:
    async with conn.execute(
        "SELECT id FROM snippets WHERE content_hash = ?", (content_hash(text),)
    ) as cursor:
        row = await cursor.fetchone()
    return int(row[0]) if row else None


async def add_snippet(
    conn: aiosqlite.Connection, day: date, snippet: NewSnippet, tz: tzinfo
) -> Added:
    """Add one snippet to `day` (creating the day's briefing if needed), unless already stored."""
    now = now_text()
    await _ensure_briefing(conn, day, now)
    values = _columns(day, snippet, tz, now)
    names = ", ".join(values)
    marks = ", ".join("?" * len(values))
    async with conn.execute(
        f"INSERT INTO snippets ({names}) VALUES ({marks})"
        " ON CONFLICT (content_hash) DO NOTHING RETURNING id",
        tuple(values.values()),
    ) as cursor:
        row = await cursor.fetchone()
    if row is not None:
        return Added(int(row[0]), duplicate=False)
    existing = await _id_of_text(conn, snippet.text)
    if existing is None:  # the UNIQUE conflict was on content_hash, so the row exists
        raise RuntimeError("a duplicate snippet vanished inside its transaction")
    return Added(existing, duplicate=True)


async def delete_snippet(conn: aiosqlite.Connection, snippet_id: int) -> Removed | None:
    """Delete the snippet; None when there is no such snippet."""
    async with conn.execute(
        "DELETE FROM snippets WHERE id = ? RETURNING day, text", (snippet_id,)
    ) as cursor:
        row = await cursor.fetchone()
    if row is None:
        return None
    return Removed(snippet_id, date.fromisoformat(str(row[0])), str(row[1]))


async def correct_snippet(
    conn: aiosqlite.Connection, snippet_id: int, text: str, tz: tzinfo
) -> Corrected | Clash | None:
    """Replace the snippet's text, keeping its source, link, date and id; None if unknown."""
    async with conn.execute(
        "SELECT day, text, lang FROM snippets WHERE id = ?", (snippet_id,)
    ) as cursor:
        row = await cursor.fetchone()
    if row is None:
        return None
    day, old_text, lang = date.fromisoformat(str(row[0])), str(row[1]), str(row[2])
    other = await _id_of_text(conn, text)
    if other is not None and other != snippet_id:
        return Clash(other)
    values = _columns(day, NewSnippet(text=text, lang=lang), tz, now_text())
    await conn.execute(
        "UPDATE snippets SET text = ?, search_text = ?, content_hash = ? WHERE id = ?",
        (values["text"], values["search_text"], values["content_hash"], snippet_id),
    )
    return Corrected(snippet_id, day, old_text)


async def set_summary(conn: aiosqlite.Connection, day: date, summary: str) -> None:
    """Make `summary` the day's summary (creating the day's briefing if needed)."""
    now = now_text()
    await conn.execute(
        """
        INSERT INTO briefings (day, summary, created_at, updated_at) VALUES (?, ?, ?, ?)
        ON CONFLICT (day) DO UPDATE SET summary = excluded.summary, updated_at = excluded.updated_at
        """,
        (day.isoformat(), summary, now, now),
    )
