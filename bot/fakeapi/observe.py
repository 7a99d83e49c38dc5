"""What a test reads from the fake: recorded calls, errors, violations, menus, and waits.

Every wait takes a ``timeout`` on purpose (hence the ``noqa: ASYNC109``): a test reads
``await user.next_message(timeout=5)``, and a wait without bound would hang a failing test.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from typing import TypeVar

from .handles import DEFAULT_TIMEOUT, ChatHandle
from .limits import Violation
from .methods.bot import scope_key
from .models import JSON, Call, CallbackAnswer, Command, InlineAnswer
from .world import World

T = TypeVar("T")


class Observer:
    """The read side of :class:`~bot.fakeapi.FakeTelegram`."""

    world: World
    _handles: dict[int, ChatHandle]

    def chat(self, chat_id: int) -> ChatHandle:
        """The handle of a chat created earlier."""
        return self._handles[chat_id]

    @property
    def calls(self) -> list[Call]:
        """Every request, in order, with its answer."""
        return self.world.calls

    @property
    def errors(self) -> list[Call]:
        """Requests Telegram's rules rejected (injected faults excluded)."""
        return [call for call in self.calls if not call.ok and not call.injected]

    @property
    def bad_requests(self) -> list[Call]:
        """400 answers: bad HTML, too long, bad buttons... ``assert not tg.bad_requests``."""
        return [call for call in self.errors if call.error_code == 400]

    @property
    def throttled(self) -> list[Call]:
        """Every request answered 429 by the flood limits."""
        return [call for call in self.errors if call.error_code == 429]

    @property
    def violations(self) -> list[Violation]:
        """Sending requests made during a penalty window: a well-behaved bot makes none."""
        return self.world.limiter.violations

    def calls_to(self, method: str) -> list[Call]:
        return [call for call in self.calls if call.method.lower() == method.lower()]

    @property
    def polling(self) -> bool:
        """Whether a getUpdates request is being held open, waiting for an update."""
        return self.world.updates.waiting_polls > 0

    @property
    def pending_updates(self) -> list[JSON]:
        return list(self.world.updates.pending)

    def commands(self, scope: JSON | str | None = None, language_code: str = "") -> list[Command]:
        """What setMyCommands stored for exactly this scope (a dict or its type) and language."""
        scope_dict = {"type": scope} if isinstance(scope, str) else scope
        return list(self.world.commands.get((scope_key(scope_dict), language_code), []))

    def menu_for(self, chat_id: int, language_code: str | None = None) -> list[Command]:
        """The command menu Telegram shows in a chat: the first scope with commands set."""
        state = self.chat(chat_id).state
        language = state.language_code if language_code is None else language_code
        broad = "all_private_chats" if state.type == "private" else "all_group_chats"
        for scope in ({"type": "chat", "chat_id": chat_id}, {"type": broad}, None):
            for lang in (language or "", ""):
                if found := self.commands(scope, lang):
                    return found
        return []

    # Waiting

    async def wait_for(
        self,
        predicate: Callable[[], T | None],
        timeout: float | None = DEFAULT_TIMEOUT,  # noqa: ASYNC109
        what: str = "condition",
    ) -> T:
        """Return ``predicate()`` once truthy; re-checked after every call and update."""
        return await self.world.wait_for(predicate, timeout, what)

    async def wait_callback_answer(
        self,
        query_id: str,
        timeout: float = DEFAULT_TIMEOUT,  # noqa: ASYNC109
    ) -> CallbackAnswer:
        """What the bot answered to the button press ``query_id``."""
        query = self.world.callback_queries[query_id]
        return await self.wait_for(lambda: query.answer, timeout, f"an answer to {query_id}")

    async def wait_inline_answer(
        self,
        query_id: str,
        timeout: float = DEFAULT_TIMEOUT,  # noqa: ASYNC109
    ) -> InlineAnswer:
        """What the bot answered to the inline query ``query_id``."""
        query = self.world.inline_queries[query_id]
        return await self.wait_for(lambda: query.answer, timeout, f"an answer to {query_id}")

    async def wait_confirmed(self, timeout: float = DEFAULT_TIMEOUT) -> None:  # noqa: ASYNC109
        """Wait until the bot has fetched and confirmed every queued update."""
        await self.wait_for(lambda: not self.world.updates.pending, timeout, "updates confirmed")

    def watch(self) -> AsyncIterator[Call]:
        """Every call made from now on, as it happens, until the fake stops (live chat UI)."""
        return self._calls_from(len(self.calls))

    async def _calls_from(self, index: int) -> AsyncIterator[Call]:
        def news() -> bool:
            return len(self.calls) > index or self.world.closed

        while not self.world.closed:
            await self.wait_for(news, None, "a call")
            while index < len(self.calls):
                yield self.calls[index]
                index += 1
