"""The forms of a snippet's text that storage keys on: its duplicate hash and its search text."""

from __future__ import annotations

import hashlib
import unicodedata


def dedup_form(text: str) -> str:
    """The text as compared for duplicates: case, spacing and a trailing ellipsis don't count."""
    # NFKC has already turned "…" into "...". str.split() and str.rstrip() use the same
    # whitespace as the regex \s; they are used because a regex substitution that rewrites
    # every space cost two thirds of a load's per-snippet Python time (bench/load.py).
    folded = unicodedata.normalize("NFKC", text).casefold().rstrip().removesuffix("...")
    return " ".join(folded.split())


def content_hash(text: str) -> str:
    return hashlib.blake2b(dedup_form(text).encode("utf-8"), digest_size=16).hexdigest()


def search_form(text: str) -> str:
    """The text the full-text index sees: compatibility forms unified (ligatures, full-width)."""
    return unicodedata.normalize("NFKC", text)
