"""One search as the bot runs it: names spelled any way, typos corrected when little is found."""

from __future__ import annotations

from dataclasses import dataclass

from bot.gazetteer import Gazetteer, shipped
from bot.highlight import Wanted
from bot.search import typos
from storage import gazetteer as stored_names
from storage import search_index, snippets
from storage.db import Database
from storage.models import SearchPage
from storage.search_days import KEPT_DAYS, Day
from storage.search_match import plan
from storage.search_query import parse
from storage.vocabulary import vocabulary

# Below this many results, unknown words are checked for typos.
FEW_RESULTS = 3


@dataclass(frozen=True)
class Found:
    page: SearchPage
    wanted: Wanted  # what to bold in the hits
    corrected: str | None = None  # the query searched instead, when typos were corrected


_NAMES: dict[str, tuple[int, Gazetteer]] = {}


async def names(db: Database, version: int | None = None) -> Gazetteer:
    """The shipped gazetteer with the names admins added, rebuilt only when those change.

    `version` is storage.gazetteer.version's, when the caller has just read it."""
    key = str(db.path.resolve())
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
    current = await search_index.versions(db)
    gazetteer = await names(db, current.names)
    words = await vocabulary(db, current.snippets)
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
    """Ready search at start-up: finish an upgrade's re-indexing, read the vocabulary and the
    days' titles and summaries once (the first searches would otherwise pay for it)."""
    await search_index.catch_up(db)
    await vocabulary(db)
    for title, summary in await search_index.briefing_texts(db, KEPT_DAYS):
        Day.of(title, summary)
