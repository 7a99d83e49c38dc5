"""Strings of subscriptions and the daily push."""

from __future__ import annotations

COMMANDS: tuple[str, ...] = ()
ADMIN_COMMANDS: tuple[str, ...] = ()

FR: dict[str, str] = {}

EN: dict[str, str] = {}
