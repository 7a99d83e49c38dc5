"""A digest as the cache stores it (snippet ids and labels), and the key saying it is current."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence

from bot.digest.model import Digest, Item, Story
from storage.models import Snippet

# Part of every content key: raise it when the pipeline would build other stories from the
# same snippets (new stop words, a tuned threshold, another gazetteer), so caches are rebuilt.
PIPELINE_VERSION = "2"


def content_key(snippets: Sequence[Snippet]) -> str:
    """A fingerprint of everything the digest is built from: any added, removed or edited
    snippet changes it."""
    digest = hashlib.blake2b(PIPELINE_VERSION.encode(), digest_size=16)
    for snippet in sorted(snippets, key=lambda s: s.id):
        fields = (snippet.id, snippet.text, snippet.source, snippet.published_at.isoformat())
        digest.update(json.dumps(fields, ensure_ascii=False).encode())
    return f"{len(snippets)}:{digest.hexdigest()}"


def encode(digest: Digest) -> str:
    stories = [
        {"label": story.label, "items": [[s.id for s in item.snippets] for item in story.items]}
        for story in digest.stories
    ]
    return json.dumps(stories, ensure_ascii=False, separators=(",", ":"))


def decode(payload: str, snippets: Sequence[Snippet]) -> Digest | None:
    """The stored digest over these snippets; None if it names a snippet that is not there."""
    by_id = {snippet.id: snippet for snippet in snippets}
    try:
        stories = tuple(
            Story(
                label=str(story["label"]),
                items=tuple(Item(tuple(by_id[i] for i in ids)) for ids in story["items"]),
            )
            for story in json.loads(payload)
        )
    except (KeyError, TypeError, ValueError):
        return None
    return Digest(stories=stories)
