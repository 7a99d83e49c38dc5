"""What users read: the briefing for a day (or the latest before it) and search pages."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from storage import briefings, queries, snippets
from storage.db import Database
from storage.models import Briefing, SearchPage, Snippet


@dataclass(frozen=True)
class DayContent:
    briefing: Briefing
    snippets: list[Snippet]


@dataclass(frozen=True)
class SearchResult:
    page: SearchPage
    query: str
    query_id: int  # names the query in callback_data, which Telegram caps at 64 bytes


async def find_briefing(db: Database, day: date) -> DayContent | None:
    """The day's briefing, else the latest one before it, else the latest of all."""
    found = await briefings.get(db, day) or await briefings.latest(db, on_or_before=day)
    found = found or await briefings.latest(db)
    if found is None:
        return None
    return DayContent(found, await snippets.for_day(db, found.day))


async def search(db: Database, query: str, *, offset: int, page_size: int) -> SearchResult:
    page = await snippets.search(db, query, limit=page_size, offset=offset)
    return SearchResult(page, query, await queries.remember(db, query))


async def search_again(
    db: Database, query_id: int, *, offset: int, page_size: int
) -> SearchResult | None:
    """Another page of a search a button names; None when the query is unknown."""
    query = await queries.recall(db, query_id)
    if query is None:
        return None
    page = await snippets.search(db, query, limit=page_size, offset=offset)
    return SearchResult(page, query, query_id)
