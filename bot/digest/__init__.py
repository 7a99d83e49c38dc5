"""The automatic briefing: a day's snippets grouped into stories, biggest first.

Pure steps, each in its module: normalise (what a text is about), dedup (reprints become one
item), cluster (items become stories), rank (order, medoid, label); build runs them in turn.
"""

from bot.digest.build import build_digest, war_names
from bot.digest.model import Digest, Item, Story

__all__ = ["Digest", "Item", "Story", "build_digest", "war_names"]
