"""getUpdates long polling and the webhook methods that interact with it."""

from __future__ import annotations

from typing import Any

from ..errors import CONFLICT, ApiError
from ..params import Params
from ..world import World
from .registry import method

WEBHOOK_ACTIVE = (
    "Conflict: can't use getUpdates method while webhook is active; "
    "use deleteWebhook to delete the webhook first"
)


@method("getUpdates")
async def get_updates(world: World, params: Params) -> Any:
    """Answer at once when updates are pending, else hold the request up to ``timeout``.

    Holding the poll matters: PTB's polling loop spins when an empty poll returns at once.
    A newer poll ends an older one that is still waiting with Telegram's 409 Conflict.
    """
    if world.webhook_url:
        raise ApiError(409, WEBHOOK_ACTIVE)
    queue = world.updates
    limit = min(max(params.get_int("limit", 100) or 100, 1), 100)
    timeout = max(0, params.get_int("timeout", 0) or 0)
    queue.confirm(params.get_int("offset", 0) or 0)
    allowed = params.get_json("allowed_updates")
    queue.set_allowed(allowed if isinstance(allowed, list) else None)
    queue.poll_generation += 1
    generation = queue.poll_generation

    def outcome() -> str:
        if world.closed:
            return "closed"
        if queue.poll_generation != generation:
            return "superseded"
        return "updates" if queue.deliverable(limit) else ""

    queue.waiting_polls += 1
    world.notify()
    try:
        reason = await world.wait_for(outcome, timeout, "an update")
    except TimeoutError:
        return []
    finally:
        queue.waiting_polls -= 1
    if reason == "superseded":
        raise ApiError(409, CONFLICT)
    return queue.deliverable(limit) if reason == "updates" else []


@method("setWebhook")
async def set_webhook(world: World, params: Params) -> Any:
    world.webhook_url = params.get_str("url") or ""
    if params.get_bool("drop_pending_updates"):
        world.updates.pending.clear()
    return True


@method("deleteWebhook")
async def delete_webhook(world: World, params: Params) -> Any:
    world.webhook_url = ""
    if params.get_bool("drop_pending_updates"):
        world.updates.pending.clear()
    return True


@method("getWebhookInfo")
async def get_webhook_info(world: World, params: Params) -> Any:
    return {
        "url": world.webhook_url,
        "has_custom_certificate": False,
        "pending_update_count": len(world.updates.pending),
    }
