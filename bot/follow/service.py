"""Following a query as the bot does it: compiled once, with the names /search knows."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from bot.follow.quiet import QuietHours
from bot.search.service import names
from storage import follows, subscribers
from storage.db import Database
from storage.follow_pattern import Pattern
from storage.follows import AddResult, Follow, NewFollow
from storage.models import Subscriber
from storage.normalize import fold_word
from storage.search_match import Names, plan
from storage.search_query import Item, Phrase, Query, Word, parse
from storage.vocabulary import vocabulary


@dataclass(frozen=True)
class Target:
    """The chat that follows: the user's own, or a channel an admin names."""

    chat_id: int
    kind: str  # user | channel
    title: str | None = None


@dataclass(frozen=True)
class NothingToFollow:
    """The query holds no word to look for ("-kursk", "!!!")."""


def compile_query(query: str, gazetteer: Names | None) -> tuple[str, Pattern] | None:
    """The query's canonical form and pattern, or None when it can match nothing."""
    parsed = parse(query)
    pattern = Pattern.of(plan(parsed, gazetteer))
    if not pattern:
        return None
    return canonical(parsed), pattern


def canonical(query: Query) -> str:
    """The query as parsed, its words folded: "Kursk" and "kursk" are one follow."""

    def folded(item: Item) -> Item:
        if isinstance(item, Word):
            return Word(fold_word(item.text), item.prefix)
        return Phrase(item.folded)

    groups = tuple(tuple(folded(item) for item in group) for group in query.groups)
    return str(Query(groups, tuple(folded(item) for item in query.excluded)))


def new_follow(
    target: Target,
    query: str,
    language: str,
    gazetteer: Names | None,
    frequency: Mapping[str, int] | None = None,
    created_by: int | None = None,
) -> NewFollow | None:
    """The follow to store for `query`, or None when the query can match nothing.

    `frequency` (word -> snippets holding it) lets the lookup keys come from the query's
    rarest group, so a load wakes up as few follows as possible.
    """
    compiled = compile_query(query, gazetteer)
    if compiled is None:
        return None
    canonical, pattern = compiled
    count = None if frequency is None else (lambda word: frequency.get(word, 0))
    pattern, terms = pattern.terms(count)
    return NewFollow(
        chat_id=target.chat_id,
        kind=target.kind,
        language=language,
        query=" ".join(query.split()),
        canonical=canonical,
        pattern=pattern,
        terms=terms,
        created_by=created_by,
    )


async def follow(
    db: Database, target: Target, query: str, *, language: str, limit: int, by: int | None
) -> AddResult | NothingToFollow:
    words = await vocabulary(db)
    new = new_follow(target, query, language, await names(db), words.counts, by)
    if new is None:
        return NothingToFollow()
    return await follows.add(db, new, limit)


async def unfollow_number(db: Database, chat_id: int, number: int) -> Follow | int:
    """Stop following the chat's number-th query (as /following numbers them); when there is
    no such number, how many the chat follows."""
    listed = await follows.for_chat(db, chat_id)
    if not 1 <= number <= len(listed):
        return len(listed)
    chosen = listed[number - 1]
    await follows.remove(db, chosen)
    return chosen


async def known_channel(db: Database, name: str) -> Subscriber | None:
    """A channel the bot posts to, by @name or id; None when it is not a subscribed one."""
    found = await subscribers.find_by_username(db, name)
    if found is None and name.lstrip("-").isdigit():
        found = await subscribers.get(db, int(name))
    if found is None or found.kind != "channel" or not found.active:
        return None
    return found


async def quiet_hours(db: Database, chat_id: int) -> QuietHours | None:
    """The chat's quiet hours for alerts, if it set any."""
    known = await follows.follower(db, chat_id)
    return QuietHours.from_stored(known.quiet if known else None)
