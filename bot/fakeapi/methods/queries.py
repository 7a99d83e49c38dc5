"""Answers to callback queries (button presses) and inline queries."""

from __future__ import annotations

from typing import Any

from .. import errors
from ..content import check_inline_results
from ..errors import bad_request
from ..models import CallbackAnswer, InlineAnswer
from ..params import Params
from ..world import A, PendingQuery, World
from .registry import method

CALLBACK_TEXT_LIMIT = 200


def _open_query(
    world: World, queries: dict[str, PendingQuery[A]], timeout: float | None, query_id: str
) -> PendingQuery[A]:
    """The query if it can still be answered: known, unanswered and not expired."""
    query = queries.get(query_id)
    expired = query is not None and timeout is not None and world.clock() - query.created > timeout
    if query is None or query.answer is not None or expired:
        raise bad_request(errors.QUERY_TOO_OLD)
    return query


@method("answerCallbackQuery")
async def answer_callback_query(world: World, params: Params) -> Any:
    query_id = params.get_str("callback_query_id") or ""
    timeout = world.limits.callback_query_timeout
    query = _open_query(world, world.callback_queries, timeout, query_id)
    text = params.get_str("text")
    if text is not None and len(text) > CALLBACK_TEXT_LIMIT:
        raise bad_request(errors.CALLBACK_TEXT_TOO_LONG)
    query.answer = CallbackAnswer(
        query_id=query_id,
        text=text,
        show_alert=params.get_bool("show_alert"),
        url=params.get_str("url"),
        cache_time=params.get_int("cache_time", 0) or 0,
    )
    world.notify()
    return True


@method("answerInlineQuery")
async def answer_inline_query(world: World, params: Params) -> Any:
    query_id = params.get_str("inline_query_id") or ""
    timeout = world.limits.inline_query_timeout
    query = _open_query(world, world.inline_queries, timeout, query_id)
    results = check_inline_results(params.get_json("results"), world.strict_html)
    next_offset = params.get_str("next_offset") or ""
    if len(next_offset.encode("utf-8")) > 64:
        raise bad_request("Bad Request: NEXT_OFFSET_INVALID")
    button = params.get_json("button")
    query.answer = InlineAnswer(
        query_id=query_id,
        results=results,
        next_offset=next_offset,
        cache_time=params.get_int("cache_time", 300) or 0,
        is_personal=params.get_bool("is_personal"),
        button=button if isinstance(button, dict) else None,
    )
    world.notify()
    return True
