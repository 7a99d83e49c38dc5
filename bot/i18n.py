"""Every string the bot shows, per language; French first, English for English-speaking users."""

from __future__ import annotations

from typing import Final

from bot.locales import admin, core, digest, follow, push, search

DEFAULT_LANGUAGE: Final = "fr"
LANGUAGES: Final = ("fr", "en")

# The command menu and /help read the same lines, so they can never disagree.
COMMANDS: Final = (
    core.FIRST
    + search.COMMANDS
    + follow.COMMANDS
    + push.COMMANDS
    + digest.COMMANDS
    + admin.COMMANDS
    + core.LAST
)
# Shown in the menu of admins only (a chat-scoped menu per admin).
ADMIN_COMMANDS: Final = tuple(
    name for module in (core, search, follow, push, digest, admin) for name in module.ADMIN_COMMANDS
)

_FEATURES = (search, follow, push, digest, admin)

CATALOGS: Final[dict[str, dict[str, str]]] = {
    "fr": core.FR | {k: v for f in _FEATURES for k, v in f.FR.items()},
    "en": core.EN | {k: v for f in _FEATURES for k, v in f.EN.items()},
}


def pick_language(stored: str | None, telegram_code: str | None) -> str:
    """The user's choice made with /lang, else English for English clients, else French."""
    if stored in LANGUAGES:
        return stored
    if telegram_code and telegram_code.lower().startswith("en"):
        return "en"
    return DEFAULT_LANGUAGE


def t(lang: str, key: str, **values: object) -> str:
    """The string `key` in `lang`, filled with `values` (which the caller has HTML-escaped)."""
    catalog = CATALOGS.get(lang, CATALOGS[DEFAULT_LANGUAGE])
    return catalog[key].format(**values) if values else catalog[key]
