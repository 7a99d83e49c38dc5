"""The day's briefing as readers receive it, whether they ask (/today) or it is pushed."""

from __future__ import annotations

from datetime import date

from bot import render
from bot.reading import find_briefing
from storage import briefings, snippets
from storage.db import Database


async def compose_briefing(
    db: Database, day: date, lang: str, *, war_start: date, fallback: bool
) -> render.Reply | None:
    """The briefing for `day`; with `fallback`, the latest one before it stands in.

    None when there is nothing to show: a push then sends nothing rather than an empty message.
    """
    if fallback:
        content = await find_briefing(db, day)
        if content is None:
            return None
        return render.briefing(
            content.briefing, content.snippets, lang, war_start=war_start, requested=day
        )
    found = await briefings.get(db, day)
    if found is None:
        return None
    day_snippets = await snippets.for_day(db, day)
    if not (found.title or found.summary or day_snippets):
        return None
    return render.briefing(found, day_snippets, lang, war_start=war_start)
