"""Labelled days: snippets whose story a person decided, to score the clustering against."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import yaml

from bot.importers import parse_file
from storage.models import Snippet

DAYS = Path(__file__).parent / "days"
SEED = Path(__file__).parents[3] / "shared" / "seeds" / "briefing-2024-10-24.txt"


@dataclass(frozen=True)
class LabelledDay:
    name: str
    snippets: tuple[Snippet, ...]
    labels: dict[int, str]  # snippet id -> story

    def sources_of(self, story: str) -> set[str]:
        return {s.source for s in self.snippets if self.labels[s.id] == story and s.source}


def _snippet(number: int, day: date, text: str, source: str | None) -> Snippet:
    # A snippet every ten minutes from 06:00, in file order.
    published = datetime(day.year, day.month, day.day, 6, tzinfo=UTC)
    return Snippet(
        number, day, text, source, None, published + timedelta(minutes=10 * number), "fr"
    )


def own_day(path: Path) -> LabelledDay:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    day = data["day"]
    pairs = [(story, item) for story, items in data["stories"].items() for item in items]
    snippets = tuple(
        _snippet(n, day, item["text"], item["source"]) for n, (_, item) in enumerate(pairs, 1)
    )
    return LabelledDay(path.stem, snippets, {n: story for n, (story, _) in enumerate(pairs, 1)})


def seed_day() -> LabelledDay:
    (briefing,) = parse_file(SEED, tz=UTC)
    data = yaml.safe_load((DAYS / "seed-2024-10-24.yaml").read_text(encoding="utf-8"))
    snippets = tuple(
        _snippet(n, briefing.day, s.text, s.source) for n, s in enumerate(briefing.snippets, 1)
    )
    labels = {}
    for snippet, (story, opening) in zip(snippets, data["labels"], strict=True):
        assert snippet.text.startswith(opening), (opening, snippet.text)
        labels[snippet.id] = story
    return LabelledDay("seed-2024-10-24", snippets, labels)


def all_days() -> list[LabelledDay]:
    return [own_day(path) for path in sorted(DAYS.glob("20*.yaml"))] + [seed_day()]


def pairwise_f1(gold: dict[int, str], found: dict[int, int]) -> float:
    """F1 over pairs of snippets: a pair is positive when both are in one story."""
    true_pos = false_pos = false_neg = 0
    for a, b in itertools.combinations(sorted(gold), 2):
        same_gold, same_found = gold[a] == gold[b], found[a] == found[b]
        true_pos += same_gold and same_found
        false_pos += same_found and not same_gold
        false_neg += same_gold and not same_found
    if true_pos == 0:
        return 0.0
    precision = true_pos / (true_pos + false_pos)
    recall = true_pos / (true_pos + false_neg)
    return 2 * precision * recall / (precision + recall)


def majority(labels: dict[int, str], snippets: Sequence[Snippet]) -> str:
    stories = [labels[s.id] for s in snippets]
    return max(sorted(set(stories)), key=stories.count)
