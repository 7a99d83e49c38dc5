"""Strings of the automatic daily briefing."""

from __future__ import annotations

COMMANDS: tuple[str, ...] = ()
ADMIN_COMMANDS: tuple[str, ...] = ()

FR: dict[str, str] = {}

EN: dict[str, str] = {}
