"""One search as the bot runs it: names spelled any way, typos corrected when little is found."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from bot.gazetteer import Gazetteer, shipped
from bot.highlight import Wanted
from bot.search import typos
from storage import gazetteer as stored_names
from storage import search_index, snippets
from storage.db import Database
from storage.models import SearchPage
from storage.search_days import KEPT_DAYS, Day
from storage.search_index import Versions
from storage.search_match import plan
from storage.search_query import Query, parse
from storage.vocabulary import Vocabulary, cache_key, last_read, vocabulary

# Below this many results, unknown words are checked for typos.
FEW_RESULTS = 3
# Search reads the file through a memory map: a phrase with a very common word makes FTS5 walk
# that word's whole doclist (4 MB for "de" at a million snippets), and reading its pages into
# SQLite's own 2 MB cache, a system call and a copy each, cost a fifth of that walk.
MMAP_BYTES = 1 << 30


@dataclass(frozen=True)
class Found:
    page: SearchPage
    wanted: Wanted  # what to bold in the hits
    corrected: str | None = None  # the query searched instead, when typos were corrected


_NAMES: dict[str, tuple[int, Gazetteer]] = {}


async def names(db: Database, version: int | None = None) -> Gazetteer:
    """The shipped gazetteer with the names admins added, rebuilt only when those change.

    `version` is storage.gazetteer.version's, when the caller has just read it."""
    key = cache_key(db.path)
    if version is None:
        version = await stored_names.version(db)
    cached = _NAMES.get(key)
    if cached is not None and cached[0] == version:
        return cached[1]
    merged = shipped().merged(await stored_names.all_names(db)) if version else shipped()
    _NAMES[key] = (version, merged)
    return merged


async def find(db: Database, query: str, *, offset: int, limit: int) -> Found:
    """One page of the best snippets for the query; see storage.search_query for the syntax."""
    parsed = parse(query)
    known = _last_read(db)
    if known is not None:
        # Search with the gazetteer and vocabulary as last read while the database says whether
        # they are still current: its thread runs both statements in one go, where reading the
        # versions first cost a round trip of its own (more than the lookup, under load). After
        # a load, the search is run again.
        read, gazetteer, words = known
        current, found = await asyncio.gather(
            search_index.versions(db), _search(db, parsed, gazetteer, words, offset, limit)
        )
        if current == read:
            return found
    current = await search_index.versions(db)
    gazetteer = await names(db, current.names)
    words = await vocabulary(db, current.snippets)
    return await _search(db, parsed, gazetteer, words, offset, limit)


def _last_read(db: Database) -> tuple[Versions, Gazetteer, Vocabulary] | None:
    """The gazetteer and vocabulary as last read, and the versions they are of."""
    named, words = _NAMES.get(cache_key(db.path)), last_read(db)
    if named is None or words is None:
        return None
    return Versions(words.last_id, named[0]), named[1], words


async def _search(
    db: Database, parsed: Query, gazetteer: Gazetteer, words: Vocabulary, offset: int, limit: int
) -> Found:
    expanded = plan(parsed, gazetteer, words)
    page = await snippets.search_planned(
        db, expanded, parsed.terms(), words, limit=limit, offset=offset
    )
    corrected = None
    if page.total < FEW_RESULTS and parsed:
        fixes = typos.corrections(parsed, words, gazetteer)
        if fixes:
            fixed = parsed.replace(fixes)
            better_plan = plan(fixed, gazetteer, words)
            better = await snippets.search_planned(
                db, better_plan, fixed.terms(), words, limit=limit, offset=offset
            )
            if better.total > page.total:
                page, expanded, corrected = better, better_plan, str(fixed)
    return Found(page, Wanted.from_forms(expanded.groups), corrected)


async def prepare(db: Database) -> None:
    """Ready search at start-up: map the file, finish an upgrade's re-indexing, read the
    vocabulary, the gazetteer and the days' titles and summaries once (the first searches would
    otherwise pay for it)."""
    await db.open_reader(f"mmap_size = {MMAP_BYTES}")
    await search_index.catch_up(db)
    await vocabulary(db)
    await names(db)
    for title, summary in await search_index.briefing_texts(db, KEPT_DAYS):
        Day.of(title, summary)
