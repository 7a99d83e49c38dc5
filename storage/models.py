"""The records that cross the storage boundary: what importers hand in, what queries hand out."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(frozen=True, slots=True)
class NewSnippet:
    """A snippet as an importer validated it, before it has an id."""

    text: str
    source: str | None = None
    url: str | None = None
    published_at: datetime | None = None  # aware; None means "the briefing's day"
    lang: str = "fr"


@dataclass(frozen=True, slots=True)
class NewBriefing:
    """One day's content as an importer validated it: one YAML document or one text file."""

    day: date
    title: str | None = None
    summary: str | None = None  # paragraphs separated by one blank line
    snippets: tuple[NewSnippet, ...] = field(default_factory=tuple)


@dataclass(frozen=True, slots=True)
class Snippet:
    id: int
    day: date
    text: str
    source: str | None
    url: str | None
    published_at: datetime  # aware, UTC
    lang: str


@dataclass(frozen=True, slots=True)
class Briefing:
    day: date
    title: str | None
    summary: str | None


@dataclass(frozen=True, slots=True)
class SaveResult:
    """What saving one briefing did: how many snippets were new, how many were already stored."""

    day: date
    added: int
    duplicates: int


@dataclass(frozen=True, slots=True)
class SearchPage:
    """One page of search results and what the query matched, for highlighting."""

    hits: tuple[Snippet, ...]
    total: int
    offset: int
    terms: tuple[str, ...]  # the query's words, for the renderer to bold


@dataclass(frozen=True, slots=True)
class Subscriber:
    chat_id: int
    kind: str  # "user", "group" or "channel"
    title: str | None
    language: str
    timezone: str
    push_time: str  # "HH:MM", local to `timezone`
    active: bool = True
    next_push_at: datetime | None = None  # UTC
    username: str | None = None  # a channel's @name, without the @
    inactive_reason: str | None = None  # unsubscribed | blocked | removed, when not active
    added_by: int | None = None  # the user who subscribed the chat (a channel's admin)


@dataclass(frozen=True, slots=True)
class Delivery:
    chat_id: int
    day: date
    state: str  # pending | sending | sent | failed | skipped
    attempts: int
    message_ids: tuple[int, ...]
    error: str | None
    in_doubt: bool = False  # it was in flight when the bot stopped, and was sent again
    due_at: datetime | None = None  # UTC
