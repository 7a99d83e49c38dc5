"""The pipeline, pure: the day's snippets in, its stories out, ranked."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

import numpy as np

from bot import gazetteer
from bot.digest import attach, cluster, rank
from bot.digest.dedup import duplicate_groups
from bot.digest.entities import CAPITALISED_NAMES, NameSource, gazetteer_names
from bot.digest.model import Digest, Item, Story
from bot.digest.normalise import Features, Lexicon, features
from storage.models import Snippet


@cache
def war_names() -> tuple[NameSource, ...]:
    """The search gazetteer's names first, then any other capitalised name ("Yi Peng 3")."""
    return (gazetteer_names(gazetteer.shipped()), CAPITALISED_NAMES)


def _read(snippets: Sequence[Snippet], lexicon: Lexicon) -> list[Features]:
    """Each snippet's features; a text reprinted word for word is read once."""
    by_text: dict[tuple[str, str], Features] = {}
    for snippet in snippets:
        key = (snippet.text, snippet.lang)
        if key not in by_text:
            by_text[key] = features(snippet.text, snippet.lang, lexicon)
    return [by_text[(snippet.text, snippet.lang)] for snippet in snippets]


def _items(snippets: Sequence[Snippet], found: Sequence[Features]) -> list[tuple[Item, int]]:
    """Near-duplicates merged: each item with the index of its fullest text."""
    items = []
    for group in duplicate_groups([f.words for f in found]):
        # The fullest text is shown; among equals, the earliest published.
        ordered = group
        if len(group) > 1:
            ordered = sorted(
                group,
                key=lambda i: (-len(found[i].words), snippets[i].published_at, snippets[i].id),
            )
        items.append((Item(tuple(snippets[i] for i in ordered)), ordered[0]))
    return items


def build_digest(
    snippets: Sequence[Snippet],
    *,
    entities: Sequence[NameSource] | None = None,
    threshold: float = cluster.THRESHOLD,
) -> Digest:
    """The day's stories: near-duplicates merged, items clustered, stories ranked."""
    if not snippets:
        return Digest(stories=())
    found = _read(snippets, Lexicon(war_names() if entities is None else entities))
    items = _items(snippets, found)
    item_features = [found[shown] for _, shown in items]
    matrix, vocabulary, idf = cluster.tfidf([cluster.bag(f) for f in item_features])
    expanded = cluster.expand(matrix)
    idf_of = dict(zip(vocabulary, idf.tolist(), strict=True))
    groups = cluster.clusters(expanded, threshold)
    groups = attach.attach_lone(groups, attach.names_matrix([f.names for f in item_features]))
    printed = np.asarray([len(item.snippets) for item, _ in items], dtype=np.float64)
    scores = rank.centrality(matrix, groups, printed).tolist()
    stories = []
    for rows in groups:
        ordered = sorted(rows, key=lambda row: (-scores[row], row))
        weights = [len(items[row][0].snippets) for row in rows]
        name = rank.label([item_features[row] for row in rows], weights, idf_of)
        stories.append(Story(label=name, items=tuple(items[row][0] for row in ordered)))
    return Digest(stories=tuple(rank.ranked(stories)))
