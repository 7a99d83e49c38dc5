"""The forms of a snippet's text that storage keys on: its duplicate hash and its search text."""

from __future__ import annotations

import hashlib
import re
import unicodedata

_SPACES = re.compile(r"\s+")
_TRAILING_ELLIPSIS = re.compile(r"(?:\.\.\.|…)\s*$")


def dedup_form(text: str) -> str:
    """The text as compared for duplicates: case, spacing and a trailing ellipsis don't count."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    folded = _TRAILING_ELLIPSIS.sub("", folded)
    return _SPACES.sub(" ", folded).strip()


def content_hash(text: str) -> str:
    return hashlib.blake2b(dedup_form(text).encode("utf-8"), digest_size=16).hexdigest()


def search_form(text: str) -> str:
    """The text the full-text index sees: compatibility forms unified (ligatures, full-width)."""
    return unicodedata.normalize("NFKC", text)
