"""Telegram's flood limits as token buckets, with penalty windows and recorded violations.

The model: every sending request takes one token from the bot's bucket and one from the
chat's bucket (a private-chat bucket or a group bucket, by chat type). A bucket holds at
most ``burst`` tokens and refills continuously at ``count / per`` tokens a second, so
``Rate(30, per=1)`` allows 30 messages back to back and then a steady 30 a second, and
``Rate(1, per=1, burst=5)`` lets five messages through at once, then one a second. This
is the same leaky bucket as PTB's ``AIORateLimiter`` (aiolimiter), so a bot that paces
itself with it stays inside the fake's limits.

A request that finds a bucket empty is answered 429 with ``retry_after`` = the whole seconds
(at least 1) until a token is back, and its scope (the bot or the chat) enters a penalty
window of that length. Every sending request in a penalty window is answered 429 too and
recorded as a :class:`Violation`: a bot that honours ``retry_after`` makes none. Penalties are
not extended by violations.

Paid broadcasts: a request with ``allow_paid_broadcast`` takes its bot-wide token from a
second bucket (``per_bot_paid``, 1000/s) instead of the 30/s one, as Telegram lets a bot that
pays Stars exceed the broadcast limit; the per-chat limits still apply, and a bot-wide 429
(from either bucket) opens one penalty window for every request of the bot.

``tolerance`` absorbs network jitter: a token that will be back within that many seconds
counts as there, so a client paced exactly at the limit is not punished for two requests
arriving closer together than they were sent.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

from .errors import too_many_requests

Scope = int | str  # a chat id, or BOT_SCOPE for the bot-wide limit
BOT_SCOPE = "bot"
PAID_BUCKET = "paid"  # the bucket of paid broadcasts; their penalties are BOT_SCOPE's


@dataclass(frozen=True)
class Rate:
    """``count`` messages every ``per`` seconds, with bursts of up to ``burst`` (default count)."""

    count: int
    per: float = 1.0
    burst: int | None = None

    @property
    def capacity(self) -> int:
        return self.count if self.burst is None else self.burst

    @property
    def per_second(self) -> float:
        return self.count / self.per


@dataclass(frozen=True)
class Limits:
    """Telegram's limits on a bot; ``None`` switches a limit off.

    Defaults: 30 messages/s for the bot (1000/s for requests with ``allow_paid_broadcast``),
    20/min per group, supergroup or channel, 1/s per private chat after a burst of 5; a
    callback or inline query can be answered for 15 s.
    """

    per_bot: Rate | None = Rate(30, per=1.0)
    per_group: Rate | None = Rate(20, per=60.0)
    per_private_chat: Rate | None = Rate(1, per=1.0, burst=5)
    tolerance: float = 0.05
    callback_query_timeout: float | None = 15.0
    inline_query_timeout: float | None = 15.0
    per_bot_paid: Rate | None = Rate(1000, per=1.0)

    @classmethod
    def unlimited(cls) -> Limits:
        """No flood limits and no query expiry: for conversational tests and the chat UI."""
        return cls(None, None, None, 0.0, None, None, None)


@dataclass(frozen=True)
class Violation:
    """A sending request made while its scope was in a penalty window."""

    at: float
    method: str
    chat_id: int | None
    scope: Scope
    retry_after: int


@dataclass
class _Bucket:
    rate: Rate
    tokens: float
    updated: float

    def refill(self, now: float) -> None:
        elapsed = max(0.0, now - self.updated)
        self.tokens = min(float(self.rate.capacity), self.tokens + elapsed * self.rate.per_second)
        self.updated = now

    def seconds_until_token(self) -> float:
        return max(0.0, (1.0 - self.tokens) / self.rate.per_second)


@dataclass
class RateLimiter:
    """Applies :class:`Limits` to sending requests; ``clock`` gives seconds (monotonic)."""

    limits: Limits
    clock: Callable[[], float]
    violations: list[Violation] = field(default_factory=list)
    _buckets: dict[Scope, _Bucket] = field(default_factory=dict)
    _penalty_until: dict[Scope, float] = field(default_factory=dict)
    _forced: dict[Scope, int] = field(default_factory=dict)

    def check_penalty(self, method: str, chat_id: int | None) -> None:
        """Raise 429 (and record a violation) if the bot or the chat is being penalised."""
        now = self.clock()
        scopes: list[Scope] = [BOT_SCOPE] if chat_id is None else [BOT_SCOPE, chat_id]
        for scope in scopes:
            until = self._penalty_until.get(scope)
            if until is not None and now < until:
                retry_after = max(1, math.ceil(until - now))
                self.violations.append(Violation(now, method, chat_id, scope, retry_after))
                raise too_many_requests(retry_after)

    def acquire(self, chat_id: int | None, is_group: bool, *, paid: bool = False) -> None:
        """Take a token from the bot's and the chat's buckets, or raise 429 and penalise.

        ``paid``: the request carries ``allow_paid_broadcast``, so the bot-wide token comes
        from the paid bucket."""
        now = self.clock()
        limits = self.limits
        chat_rate = limits.per_group if is_group else limits.per_private_chat
        # (penalty scope, bucket key, rate): a paid request's bot-wide penalty is the bot's.
        scopes: list[tuple[Scope, Scope, Rate | None]] = [
            (BOT_SCOPE, PAID_BUCKET, limits.per_bot_paid)
            if paid
            else (BOT_SCOPE, BOT_SCOPE, limits.per_bot)
        ]
        if chat_id is not None:
            scopes.append((chat_id, chat_id, chat_rate))
        for scope, _, _ in scopes:
            if (forced := self._forced.pop(scope, None)) is not None:
                self._penalty_until[scope] = now + forced
                raise too_many_requests(forced)
        buckets = [(scope, self._bucket(key, rate, now)) for scope, key, rate in scopes if rate]
        for scope, bucket in buckets:
            wait = bucket.seconds_until_token()
            if wait > limits.tolerance:
                retry_after = max(1, math.ceil(wait))
                self._penalty_until[scope] = now + retry_after
                raise too_many_requests(retry_after)
        for _, bucket in buckets:
            bucket.tokens -= 1.0

    def throttle_next(self, scope: Scope, seconds: int) -> None:
        """Answer the next send in ``scope`` 429 with ``retry_after=seconds``, as if a limit
        had been hit (Telegram may do so at any moment), opening a penalty window."""
        self._forced[scope] = seconds

    def _bucket(self, scope: Scope, rate: Rate, now: float) -> _Bucket:
        bucket = self._buckets.get(scope)
        if bucket is None:
            bucket = self._buckets[scope] = _Bucket(rate, float(rate.capacity), now)
        bucket.refill(now)
        return bucket
