"""The day's briefing as readers receive it, whether they ask (/today) or it is pushed."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from datetime import date

from bot import render
from bot.config import Config
from bot.digest import Digest, build_digest, codec
from bot.reading import find_briefing
from storage import briefings, digests, snippets
from storage.db import Database
from storage.models import Snippet


async def day_digest(db: Database, day: date, day_snippets: Sequence[Snippet]) -> Digest:
    """The day's stories: from the cache while the day's snippets are unchanged, else built."""
    key = codec.content_key(day_snippets)
    stored = await digests.get(db, day, key)
    if stored is not None:
        cached = codec.decode(stored, day_snippets)
        if cached is not None:
            return cached
    # A busy day takes seconds to cluster: off the event loop, so the bot keeps answering.
    built = await asyncio.to_thread(build_digest, day_snippets)
    await digests.put(db, day, key, codec.encode(built))
    return built


async def compose_briefing(
    db: Database,
    day: date,
    lang: str,
    *,
    war_start: date,
    fallback: bool,
    key_stories: int = render.KEY_STORIES,
) -> render.Reply | None:
    """The briefing for `day`; with `fallback`, the latest one before it stands in.

    None when there is nothing to show: a push then sends nothing rather than an empty message.
    Callers holding the Config use `compose_for`, which passes its war start and key stories.
    """
    if fallback:
        content = await find_briefing(db, day)
        if content is None:
            return None
        found, day_snippets = content.briefing, content.snippets
    else:
        maybe = await briefings.get(db, day)
        if maybe is None:
            return None
        found, day_snippets = maybe, await snippets.for_day(db, day)
        if not (found.title or found.summary or day_snippets):
            return None
    digest = await day_digest(db, found.day, day_snippets)
    return render.briefing(
        found,
        digest,
        lang,
        war_start=war_start,
        requested=day if fallback else None,
        key_stories=key_stories,
    )


async def compose_for(
    config: Config, db: Database, day: date, lang: str, *, fallback: bool
) -> render.Reply | None:
    """`compose_briefing` as the config sets it: its war start and its number of key stories.

    /today, the push and the in-place edits of delivered briefings must render one day alike.
    """
    return await compose_briefing(
        db,
        day,
        lang,
        war_start=config.war_start,
        fallback=fallback,
        key_stories=config.key_stories,
    )
