"""What users read: the briefing for a day (or the latest before it) and search pages."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.highlight import Wanted
from bot.search import service
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
    wanted: Wanted | None = None  # what to bold: the query's words, spellings, stems
    corrected: str | None = None  # the query searched instead, when a typo was corrected


async def find_briefing(db: Database, day: date) -> DayContent | None:
    """The day's briefing, else the latest one before it, else the latest of all."""
    found = await briefings.get(db, day) or await briefings.latest(db, on_or_before=day)
    found = found or await briefings.latest(db)
    if found is None:
        return None
    return DayContent(found, await snippets.for_day(db, found.day))


async def search(
    db: Database, query: str, *, offset: int, page_size: int, remember: bool = True
) -> SearchResult:
    """A page of results; `remember` keeps the query so that ◀ ▶ buttons can name it."""
    found = await service.find(db, query, offset=offset, limit=page_size)
    query_id = await queries.remember(db, query) if remember else 0
    return SearchResult(found.page, query, query_id, found.wanted, found.corrected)


async def search_again(
    db: Database, query_id: int, *, offset: int, page_size: int
) -> SearchResult | None:
    """Another page of a search a button names; None when the query is unknown."""
    query = await queries.recall(db, query_id)
    if query is None:
        return None
    found = await service.find(db, query, offset=offset, limit=page_size)
    return SearchResult(found.page, query, query_id, found.wanted, found.corrected)
