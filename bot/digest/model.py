"""What the digest hands to rendering: the day's stories, biggest first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from storage.models import Snippet


@dataclass(frozen=True, slots=True)
class Item:
    """One text and its reprints: the first snippet is the fullest version, the one shown."""

    snippets: tuple[Snippet, ...]

    @property
    def shown(self) -> Snippet:
        return self.snippets[0]


@dataclass(frozen=True, slots=True)
class Story:
    """Items about one event; the first item is the medoid, the story's most central text."""

    label: str
    items: tuple[Item, ...]

    @property
    def medoid(self) -> Snippet:
        return self.items[0].shown

    @property
    def snippets(self) -> tuple[Snippet, ...]:
        return tuple(snippet for item in self.items for snippet in item.snippets)

    @property
    def size(self) -> int:
        return sum(len(item.snippets) for item in self.items)

    @property
    def sources(self) -> tuple[str, ...]:
        return distinct_sources(self.snippets)

    @property
    def latest(self) -> datetime:
        return max(snippet.published_at for snippet in self.snippets)


@dataclass(frozen=True, slots=True)
class Digest:
    """Every snippet of the day, each in exactly one story; stories in rank order."""

    stories: tuple[Story, ...]

    @property
    def snippet_count(self) -> int:
        return sum(story.size for story in self.stories)


def distinct_sources(snippets: tuple[Snippet, ...]) -> tuple[str, ...]:
    """The outlets named, each once ("Le Monde" and "le monde " are one), as first written."""
    seen: dict[str, str] = {}
    for snippet in snippets:
        if snippet.source and snippet.source.strip():
            seen.setdefault(" ".join(snippet.source.casefold().split()), snippet.source.strip())
    return tuple(seen.values())
