"""Tuning the interpreter around bulk work: the cycle collector paused while many acyclic
objects are built, and quick hand-offs of the GIL while SQLite works beside Python."""

from __future__ import annotations

import gc
import sys
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


# Seconds a thread waiting for the GIL lets the running one go on (the interpreter's default is
# 5 ms): see quick_handoffs.
QUICK_SWITCH = 0.0005


@contextmanager
def quick_handoffs() -> Iterator[None]:
    """Run the block with the GIL handed over quickly to a thread that asks for it (the
    interpreter's switch interval restored after, even on error).

    When SQLite runs a statement in aiosqlite's thread while Python works in another, that
    thread needs the GIL for a moment to start the statement and again to hand back its
    result; at the default interval each moment can wait up to 5 ms for the busy thread.
    Measured on alert matching (bench/follow.py, 100 000 follows): 74-80 ms by default,
    65-66 ms at 0.5 ms.
    """
    was = sys.getswitchinterval()
    sys.setswitchinterval(min(was, QUICK_SWITCH))
    try:
        yield
    finally:
        sys.setswitchinterval(was)
