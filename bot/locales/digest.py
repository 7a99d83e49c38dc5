"""Strings of the automatic daily briefing."""

from __future__ import annotations

COMMANDS: tuple[str, ...] = ()
ADMIN_COMMANDS: tuple[str, ...] = ()

FR: dict[str, str] = {
    "digest.key_stories": "<b>À retenir</b>",
    "digest.others": "<b>Les autres extraits</b> ({count})",
    "digest.snippets.one": "1 extrait",
    "digest.snippets.many": "{count} extraits",
    "digest.sources.one": "1 source",
    "digest.sources.many": "{count} sources",
    "digest.also": "aussi : {sources}",
}

EN: dict[str, str] = {
    "digest.key_stories": "<b>Key stories</b>",
    "digest.others": "<b>Other snippets</b> ({count})",
    "digest.snippets.one": "1 snippet",
    "digest.snippets.many": "{count} snippets",
    "digest.sources.one": "1 source",
    "digest.sources.many": "{count} sources",
    "digest.also": "also: {sources}",
}
