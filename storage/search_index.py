"""The search index's state: how far it has moved since a reader last looked, and bringing it
up to date after an upgrade (the backlog migration 0004 left)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from storage.briefings import optional_text
from storage.db import Database
from storage.normalize import search_form

BATCH = 2_000


@dataclass(frozen=True, slots=True)
class Versions:
    """Numbers that grow when snippets, or names for the gazetteer, are added."""

    snippets: int
    names: int


async def versions(db: Database) -> Versions:
    """What search's in-memory caches (vocabulary, gazetteer) depend on, in one round trip:
    each trip to the database thread costs more than these lookups under load."""
    rows = await db.conn.execute_fetchall(
        "SELECT (SELECT coalesce(max(id), 0) FROM snippets),"
        " (SELECT coalesce(max(rowid), 0) FROM gazetteer_names)"
    )
    snippets, names = next(iter(rows))
    return Versions(int(snippets), int(names))


async def briefing_texts(db: Database, limit: int) -> list[tuple[str | None, str | None]]:
    """The titles and summaries of the latest `limit` days, for search to read ahead."""
    rows = await db.conn.execute_fetchall(
        "SELECT title, summary FROM briefings ORDER BY day DESC LIMIT ?", (limit,)
    )
    return [(optional_text(title), optional_text(summary)) for title, summary in rows]


async def backlog(db: Database) -> int:
    """How many snippets still wait for their search forms."""
    async with db.conn.execute("SELECT count(*) FROM search_backlog") as cursor:
        row = await cursor.fetchone()
    return int(row[0]) if row else 0


async def catch_up(db: Database, on_progress: Callable[[int], None] | None = None) -> int:
    """Compute the search forms of every snippet in the backlog, a batch per transaction.

    Returns how many snippets were updated. Each batch commits on its own, so an interrupted
    catch-up resumes where it stopped, and other writers wait one batch at most.
    """
    done = 0
    while True:
        async with db.transaction() as conn:
            async with conn.execute(
                "SELECT s.id, s.text, s.lang FROM search_backlog b JOIN snippets s"
                " ON s.id = b.snippet_id ORDER BY b.snippet_id LIMIT ?",
                (BATCH,),
            ) as cursor:
                rows = list(await cursor.fetchall())
            await conn.executemany(
                "UPDATE snippets SET search_text = ? WHERE id = ?",
                [(search_form(str(text), str(lang)), int(sid)) for sid, text, lang in rows],
            )
            last = int(rows[-1][0]) if rows else None
            # Ids of snippets deleted meanwhile go too, or they would stay queued for ever.
            await conn.execute("DELETE FROM search_backlog WHERE snippet_id <= ?", (last or 2**62,))
        done += len(rows)
        if on_progress is not None and rows:
            on_progress(len(rows))
        if len(rows) < BATCH:
            return done
