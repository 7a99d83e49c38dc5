"""Strings of search: totals past the count, typo corrections, inline results."""

from __future__ import annotations

COMMANDS: tuple[str, ...] = ()
ADMIN_COMMANDS: tuple[str, ...] = ()

FR: dict[str, str] = {
    "search.more_than": "plus de {count}",
    "search.corrected": "🔎 Résultats pour « <b>{query}</b> » — {first}–{last} sur {total}",
    "search.instead": "<i>Aucun extrait ne contient « {query} ».</i>",
    "inline.title": "{source} · {date}",
}

EN: dict[str, str] = {
    "search.more_than": "more than {count}",
    "search.corrected": "🔎 Results for “<b>{query}</b>” — {first}–{last} of {total}",
    "search.instead": "<i>No snippet contains “{query}”.</i>",
    "inline.title": "{source} · {date}",
}
