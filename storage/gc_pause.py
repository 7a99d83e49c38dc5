"""Pausing Python's cycle collector around bulk work that builds many acyclic objects."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """Run the block with the cycle collector off (restored after, even on error).

    Parsed nodes, briefings and match sets hold no reference cycles, yet building millions of
    objects triggers repeated full collections that make bulk work three to four times slower.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
