"""One pause for the whole bot: the replies' rate limiter honours the push's 429 pauses.

Telegram's 429 penalises the bot, not one code path. The push paces itself (bot/push/pacing.py)
but the bot's replies go through PTB's AIORateLimiter; this subclass makes every reply request
wait out a pause the push is in, and makes a 429 met by a reply pause the push too. The wait
happens right before the request goes on the wire, inside AIORateLimiter's own gating, so the
AIORateLimiter flaw (a pause released early by another request finishing) cannot let a reply
through a pause either.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from telegram._utils.types import JSONDict
from telegram.error import RetryAfter
from telegram.ext import AIORateLimiter

from bot.push.pacing import Pacer

Request = Callable[..., Coroutine[Any, Any, bool | JSONDict | list[JSONDict]]]


class PauseSharingRateLimiter(AIORateLimiter):
    def __init__(self, *, max_retries: int, overall_max_rate: float = 30) -> None:
        super().__init__(max_retries=max_retries, overall_max_rate=overall_max_rate)
        self._pacer: Callable[[], Pacer | None] = lambda: None

    def share_with(self, pacer: Callable[[], Pacer | None]) -> None:
        """Follow the push's pacer (it exists once the push has started)."""
        self._pacer = pacer

    async def process_request(
        self,
        callback: Request,
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> bool | JSONDict | list[JSONDict]:
        async def gated(*call_args: Any, **call_kwargs: Any) -> bool | JSONDict | list[JSONDict]:
            pacer = self._pacer()
            if pacer is None:
                return await callback(*call_args, **call_kwargs)
            await pacer.wait_out_pause()
            try:
                return await callback(*call_args, **call_kwargs)
            except RetryAfter as error:
                pacer.pause(error._retry_after.total_seconds())
                raise

        return await super().process_request(gated, args, kwargs, endpoint, data, rate_limit_args)
