"""Turning what a user typed into a safe FTS5 query: built from tokens, never from raw text."""

from __future__ import annotations

import re
import unicodedata

MAX_TERMS = 16
MAX_TERM_CHARS = 64
# The same notion of a word as FTS5's unicode61 tokenizer: letters and digits, nothing else.
_TOKEN = re.compile(r"[^\W_]+")


def query_terms(text: str) -> tuple[str, ...]:
    """The words of a query, in order, without repeats; punctuation and operators are dropped."""
    seen: dict[str, None] = {}
    for match in _TOKEN.finditer(unicodedata.normalize("NFKC", text)):
        term = match.group()[:MAX_TERM_CHARS]
        seen.setdefault(term.casefold(), None)
        if len(seen) == MAX_TERMS:
            break
    return tuple(seen)


def fts_match(terms: tuple[str, ...]) -> str | None:
    """An FTS5 MATCH expression requiring every term; None when there is nothing to look for."""
    if not terms:
        return None
    # Each term is a quoted string, so FTS5 reads none of it as syntax (AND, NEAR, -, *, ...).
    return " ".join('"' + term.replace('"', '""') + '"' for term in terms)
