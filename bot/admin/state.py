"""What the admin tools keep in memory: when the bot started, and /summary waiting for its text.

A pending /summary lives here rather than in SQLite on purpose: it is a few minutes of one
admin's intent, and a filter must read it synchronously to route the next message to it
before the plain-text search sees it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from weakref import WeakKeyDictionary

from telegram import Message
from telegram.ext import filters

# A /summary left unanswered this long no longer captures the admin's next message.
PENDING_SECONDS = 600.0


@dataclass
class AdminState:
    clock: Callable[[], float] = time.monotonic
    started: float = field(init=False)
    _summaries: dict[int, tuple[date, float]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.started = self.clock()

    @property
    def uptime(self) -> float:
        return self.clock() - self.started

    def expect_summary(self, admin_id: int, day: date) -> None:
        """The admin's next text message becomes the summary of `day`."""
        self._summaries[admin_id] = (day, self.clock() + PENDING_SECONDS)

    def pending_summary(self, admin_id: int) -> date | None:
        found = self._summaries.get(admin_id)
        if found is None:
            return None
        day, deadline = found
        if self.clock() > deadline:
            del self._summaries[admin_id]
            return None
        return day

    def take_summary(self, admin_id: int) -> date | None:
        day = self.pending_summary(admin_id)
        self._summaries.pop(admin_id, None)
        return day

    def cancel_summary(self, admin_id: int) -> bool:
        return self._summaries.pop(admin_id, None) is not None


class AwaitingSummary(filters.MessageFilter):
    """Messages from an admin whose /summary waits for its text."""

    def __init__(self, state: AdminState) -> None:
        super().__init__(name="AwaitingSummary")
        self.state = state

    def filter(self, message: Message) -> bool:
        user = message.from_user
        return user is not None and self.state.pending_summary(user.id) is not None


_STATES: WeakKeyDictionary[object, AdminState] = WeakKeyDictionary()


def install(app: object) -> AdminState:
    """Give the application its admin state; the uptime counts from here."""
    state = _STATES[app] = AdminState()
    return state


def state_of(app: object) -> AdminState:
    return _STATES[app]
