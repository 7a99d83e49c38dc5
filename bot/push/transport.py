"""The push's Bot API client: the two calls a push makes, over aiohttp, with JSON bodies.

A push sends thousands of long HTML texts, a thousand a second with paid broadcasts. Through
PTB's `Bot` each costs over 1 ms of CPU: form-encoding the text (httpx), building request
parameter objects, and turning Telegram's answer, the whole message with every entity, back
into objects. The push needs none of it: it sends a JSON body and reads two fields of the
answer, which leaves the CPU to the sending. The bot's replies still go through PTB.
"""

from __future__ import annotations

import json
from typing import Any

import aiohttp

USER_AGENT = "briefbot push"
CONNECT_TIMEOUT = 5.0


class ApiError(Exception):
    """Telegram said no (`status` 400-599), or no answer came (`status` 0: timeout, network)."""

    def __init__(
        self,
        status: int,
        description: str,
        *,
        retry_after: float | None = None,
        migrate_to: int | None = None,
    ) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.retry_after = retry_after
        self.migrate_to = migrate_to


class BotApi:
    """`call("sendMessage", {...})` returns Telegram's `result` or raises ApiError."""

    def __init__(self, token: str, base_url: str, *, connections: int, timeout: float) -> None:
        self._url = f"{base_url}{token}/"
        self._connections = connections
        self._timeout = aiohttp.ClientTimeout(total=timeout, connect=CONNECT_TIMEOUT)
        self._session: aiohttp.ClientSession | None = None

    async def start(self) -> None:
        if self._session is None:
            connector = aiohttp.TCPConnector(limit=self._connections)
            headers = {"Content-Type": "application/json", "User-Agent": USER_AGENT}
            self._session = aiohttp.ClientSession(connector=connector, headers=headers)

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def call(self, method: str, params: dict[str, Any]) -> Any:
        if self._session is None:
            raise RuntimeError("the push's Bot API client is not started")
        body = json.dumps(params).encode()
        try:
            async with self._session.post(
                self._url + method, data=body, timeout=self._timeout
            ) as response:
                status, payload = response.status, await response.read()
        except TimeoutError:
            raise ApiError(0, f"no answer within {self._timeout.total} s") from None
        except aiohttp.ClientError as error:
            raise ApiError(0, f"network: {type(error).__name__}: {error}") from None
        try:
            answer = json.loads(payload)
        except ValueError:
            raise ApiError(status or 500, f"HTTP {status}: not a Bot API answer") from None
        if status == 200 and isinstance(answer, dict) and answer.get("ok"):
            return answer.get("result")
        raise _error(status, answer)


def _error(status: int, answer: Any) -> ApiError:
    answer = answer if isinstance(answer, dict) else {}
    parameters = answer.get("parameters") or {}
    retry_after = parameters.get("retry_after")
    migrate_to = parameters.get("migrate_to_chat_id")
    return ApiError(
        status if status != 200 else 500,
        str(answer.get("description") or f"HTTP {status}"),
        retry_after=float(retry_after) if retry_after is not None else None,
        migrate_to=int(migrate_to) if migrate_to is not None else None,
    )
