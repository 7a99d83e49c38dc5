"""Follows: the queries a chat wants alerts for, and its follower settings (quiet hours)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import aiosqlite

from storage.db import Database
from storage.follow_pattern import Pattern, Term, pack_checks
from storage.timefmt import now_text


@dataclass(frozen=True, slots=True)
class NewFollow:
    """A query to follow, compiled; `pattern` and `terms` come from Pattern.terms."""

    chat_id: int
    kind: str  # user | channel
    language: str
    query: str  # as typed, shown back
    canonical: str  # as parsed: "Kursk" and "kursk " are the same follow
    pattern: Pattern
    terms: tuple[Term, ...]
    created_by: int | None = None


@dataclass(frozen=True, slots=True)
class Follow:
    id: int
    chat_id: int
    query: str


@dataclass(frozen=True, slots=True)
class Follower:
    chat_id: int
    kind: str
    language: str
    quiet_from: str | None  # "HH:MM", local to the chat's time zone; both set or neither
    quiet_until: str | None
    active: bool

    @property
    def quiet(self) -> tuple[str, str] | None:
        if self.quiet_from is None or self.quiet_until is None:
            return None
        return self.quiet_from, self.quiet_until


@dataclass(frozen=True, slots=True)
class Added:
    follow: Follow
    count: int  # the chat's follows, this one included


@dataclass(frozen=True, slots=True)
class AlreadyFollowed:
    follow: Follow


@dataclass(frozen=True, slots=True)
class LimitReached:
    limit: int


AddResult = Added | AlreadyFollowed | LimitReached

_UPSERT_FOLLOWER = """
    INSERT INTO followers (chat_id, kind, language, updated_at) VALUES (?, ?, ?, ?)
    ON CONFLICT (chat_id) DO UPDATE SET
        language = excluded.language, active = 1, inactive_reason = NULL,
        updated_at = excluded.updated_at
"""


def _follow(row: Sequence[object]) -> Follow:
    return Follow(id=int(str(row[0])), chat_id=int(str(row[1])), query=str(row[2]))


async def _find(conn: aiosqlite.Connection, chat_id: int, canonical: str) -> Follow | None:
    async with conn.execute(
        "SELECT id, chat_id, query FROM follows WHERE chat_id = ? AND canonical = ?",
        (chat_id, canonical),
    ) as cursor:
        row = await cursor.fetchone()
    return _follow(row) if row else None


async def add(db: Database, new: NewFollow, limit: int) -> AddResult:
    """Follow the query unless the chat already does, or already follows `limit` queries.

    The chat is (again) an active follower: it is talking to the bot, so it has not blocked it.
    """
    now = now_text()
    async with db.transaction() as conn:
        await conn.execute(_UPSERT_FOLLOWER, (new.chat_id, new.kind, new.language, now))
        known = await _find(conn, new.chat_id, new.canonical)
        if known is not None:
            return AlreadyFollowed(known)
        async with conn.execute(
            "SELECT count(*) FROM follows WHERE chat_id = ?", (new.chat_id,)
        ) as cursor:
            row = await cursor.fetchone()
        following = int(row[0]) if row else 0
        if following >= limit:
            return LimitReached(limit)
        follow_id = await _insert(conn, new, now)
    return Added(Follow(follow_id, new.chat_id, new.query), following + 1)


async def _pattern_id(conn: aiosqlite.Connection, new: NewFollow) -> int:
    """The shared row of the follow's pattern, written with its terms if it is new."""
    text = new.pattern.to_json()
    async with conn.execute(
        "INSERT INTO follow_patterns (pattern) VALUES (?)"
        " ON CONFLICT (pattern) DO NOTHING RETURNING id",
        (text,),
    ) as cursor:
        inserted = await cursor.fetchone()
    if inserted is None:
        async with conn.execute(
            "SELECT id FROM follow_patterns WHERE pattern = ?", (text,)
        ) as cursor:
            row = await cursor.fetchone()
        assert row is not None  # the conflict was with it
        return int(row[0])
    pattern_id = int(inserted[0])
    lookup = [t for t in new.terms if t.group == 0]
    # A hit on any lookup row settles such a pattern: SQLite matches it alone.
    whole = len(lookup) == len(new.terms) and not any(t.phrase for t in lookup)
    checks = pack_checks(new.terms)
    await conn.executemany(
        "INSERT INTO follow_terms (term, pattern_id, phrase, whole, checks) VALUES (?, ?, ?, ?, ?)",
        [(t.term, pattern_id, t.phrase, int(whole), checks) for t in lookup],
    )
    return pattern_id


async def _insert(conn: aiosqlite.Connection, new: NewFollow, now: str) -> int:
    """The new follow's id; 0 when the chat already follows the query."""
    pattern_id = await _pattern_id(conn, new)
    cursor = await conn.execute(
        "INSERT INTO follows (chat_id, pattern_id, query, canonical, created_by, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (chat_id, canonical) DO NOTHING",
        (new.chat_id, pattern_id, new.query, new.canonical, new.created_by, now),
    )
    return int(cursor.lastrowid or 0) if cursor.rowcount else 0


async def add_many(db: Database, news: Sequence[NewFollow]) -> None:
    """Write many follows at once, with no limit (benchmarks and imports)."""
    now = now_text()
    async with db.transaction() as conn:
        await conn.executemany(
            _UPSERT_FOLLOWER,
            list({n.chat_id: (n.chat_id, n.kind, n.language, now) for n in news}.values()),
        )
        for new in news:
            await _insert(conn, new, now)


async def for_chat(db: Database, chat_id: int) -> list[Follow]:
    """The chat's follows, oldest first: /unfollow N counts in this order."""
    async with db.conn.execute(
        "SELECT id, chat_id, query FROM follows WHERE chat_id = ? ORDER BY id", (chat_id,)
    ) as cursor:
        return [_follow(row) for row in await cursor.fetchall()]


async def get(db: Database, follow_id: int) -> Follow | None:
    async with db.conn.execute(
        "SELECT id, chat_id, query FROM follows WHERE id = ?", (follow_id,)
    ) as cursor:
        row = await cursor.fetchone()
    return _follow(row) if row else None


async def remove(db: Database, follow: Follow) -> bool:
    """Stop following; a pattern no one follows any more goes, its terms with it."""
    async with db.transaction() as conn:
        rows = await conn.execute_fetchall(
            "DELETE FROM follows WHERE id = ? AND chat_id = ? RETURNING pattern_id",
            (follow.id, follow.chat_id),
        )
        for (pattern_id,) in rows:
            await conn.execute(
                "DELETE FROM follow_patterns WHERE id = ?"
                " AND NOT EXISTS (SELECT 1 FROM follows WHERE pattern_id = ?)",
                (pattern_id, pattern_id),
            )
        return bool(rows)


async def follower(db: Database, chat_id: int) -> Follower | None:
    async with db.conn.execute(
        "SELECT chat_id, kind, language, quiet_from, quiet_until, active FROM followers"
        " WHERE chat_id = ?",
        (chat_id,),
    ) as cursor:
        row = await cursor.fetchone()
    if row is None:
        return None
    return Follower(
        chat_id=int(row[0]),
        kind=str(row[1]),
        language=str(row[2]),
        quiet_from=None if row[3] is None else str(row[3]),
        quiet_until=None if row[4] is None else str(row[4]),
        active=bool(row[5]),
    )


async def set_quiet(
    db: Database, chat_id: int, kind: str, language: str, hours: tuple[str, str] | None
) -> None:
    """Set (or with None, clear) the chat's quiet hours; alerts held for the old ones are due
    again, so that the next tick weighs them against the new ones."""
    now = now_text()
    quiet_from, quiet_until = hours or (None, None)
    async with db.transaction() as conn:
        await conn.execute(_UPSERT_FOLLOWER, (chat_id, kind, language, now))
        await conn.execute(
            "UPDATE followers SET quiet_from = ?, quiet_until = ? WHERE chat_id = ?",
            (quiet_from, quiet_until, chat_id),
        )
        await conn.execute(
            "UPDATE alerts SET due_at = NULL, updated_at = ?"
            " WHERE chat_id = ? AND state = 'pending'",
            (now, chat_id),
        )


async def reactivate(db: Database, chat_id: int) -> bool:
    """A chat that had blocked the bot is back: alerts resume (for new loads)."""
    async with db.transaction() as conn:
        cursor = await conn.execute(
            "UPDATE followers SET active = 1, inactive_reason = NULL, updated_at = ?"
            " WHERE chat_id = ? AND active = 0",
            (now_text(), chat_id),
        )
        return cursor.rowcount > 0


async def count(db: Database) -> int:
    async with db.conn.execute("SELECT count(*) FROM follows") as cursor:
        row = await cursor.fetchone()
    return int(row[0]) if row else 0
