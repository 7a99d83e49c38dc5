"""Strings of admin tools."""

from __future__ import annotations

COMMANDS: tuple[str, ...] = ()
ADMIN_COMMANDS: tuple[str, ...] = ()

FR: dict[str, str] = {}

EN: dict[str, str] = {}
