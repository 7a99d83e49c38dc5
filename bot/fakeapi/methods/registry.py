"""The table of Bot API methods the fake answers, keyed by lower-case name like Telegram."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from ..params import Params
from ..world import World

Handler = Callable[[World, Params], Awaitable[Any]]


@dataclass(frozen=True)
class Method:
    """A Bot API method: its canonical name and the coroutine that answers it."""

    name: str
    handler: Handler


METHODS: dict[str, Method] = {}


def method(*names: str) -> Callable[[Handler], Handler]:
    """Register the decorated coroutine as the answer to each of ``names``."""

    def register(handler: Handler) -> Handler:
        for name in names:
            METHODS[name.lower()] = Method(name, handler)
        return handler

    return register
