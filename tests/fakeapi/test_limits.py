"""The flood-limit model: token buckets, 429 with retry_after, penalty windows, violations."""

from __future__ import annotations

import pytest

from bot.fakeapi import ApiError, Limits, Rate
from bot.fakeapi.limits import BOT_SCOPE, RateLimiter


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def send(limiter: RateLimiter, chat_id: int, is_group: bool = False) -> None:
    limiter.check_penalty("sendMessage", chat_id)
    limiter.acquire(chat_id, is_group)


def retry_after_of(limiter: RateLimiter, chat_id: int, is_group: bool = False) -> int:
    with pytest.raises(ApiError) as raised:
        send(limiter, chat_id, is_group)
    error = raised.value
    retry_after = int((error.parameters or {})["retry_after"])
    assert (error.error_code, error.description) == (
        429,
        f"Too Many Requests: retry after {retry_after}",
    )
    return retry_after


def test_private_chat_allows_a_burst_then_one_a_second() -> None:
    clock = Clock()
    limiter = RateLimiter(Limits(), clock)
    for _ in range(5):
        send(limiter, 1001)

    assert retry_after_of(limiter, 1001) == 1

    clock.now += 1.0
    send(limiter, 1001)


def test_requests_during_the_penalty_window_are_violations() -> None:
    clock = Clock()
    limiter = RateLimiter(Limits(per_private_chat=Rate(1, per=1.0)), clock)
    send(limiter, 1001)
    retry_after_of(limiter, 1001)
    assert limiter.violations == []

    clock.now += 0.5
    retry_after_of(limiter, 1001)

    assert [(v.chat_id, v.scope, v.retry_after) for v in limiter.violations] == [(1001, 1001, 1)]
    clock.now += 0.5
    send(limiter, 1001)


def test_a_group_gets_twenty_a_minute() -> None:
    clock = Clock()
    limiter = RateLimiter(Limits(), clock)
    for _ in range(20):
        send(limiter, -100, is_group=True)

    assert retry_after_of(limiter, -100, is_group=True) == 3

    clock.now += 3.0
    send(limiter, -100, is_group=True)


def test_the_bot_wide_limit_penalises_every_chat() -> None:
    clock = Clock()
    limiter = RateLimiter(Limits(per_bot=Rate(3, per=1.0)), clock)
    for chat_id in (1, 2, 3):
        send(limiter, chat_id)

    retry_after_of(limiter, 4)
    retry_after_of(limiter, 5)

    assert [(v.chat_id, v.scope) for v in limiter.violations] == [(5, BOT_SCOPE)]


def test_jitter_within_the_tolerance_is_not_punished() -> None:
    clock = Clock()
    limiter = RateLimiter(Limits(per_private_chat=Rate(1, per=1.0), tolerance=0.05), clock)
    send(limiter, 1001)
    clock.now += 0.97
    send(limiter, 1001)


def test_unlimited_never_throttles() -> None:
    limiter = RateLimiter(Limits.unlimited(), Clock())
    for _ in range(1000):
        send(limiter, -100, is_group=True)
    assert limiter.violations == []


def test_paid_broadcasts_go_past_the_bot_limit_up_to_a_thousand_a_second() -> None:
    clock = Clock()
    limiter = RateLimiter(Limits(tolerance=0.0), clock)
    for chat_id in range(1000):
        limiter.acquire(chat_id, False, paid=True)
    with pytest.raises(ApiError):
        limiter.acquire(5000, False, paid=True)


def test_unpaid_messages_keep_the_thirty_a_second_limit() -> None:
    clock = Clock()
    limiter = RateLimiter(Limits(tolerance=0.0), clock)
    for chat_id in range(30):
        send(limiter, chat_id)
    assert retry_after_of(limiter, 30) == 1


def test_paid_broadcasts_keep_the_per_chat_limit() -> None:
    clock = Clock()
    limiter = RateLimiter(Limits(tolerance=0.0), clock)
    for _ in range(5):
        limiter.acquire(1001, False, paid=True)
    with pytest.raises(ApiError):
        limiter.acquire(1001, False, paid=True)
