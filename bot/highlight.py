"""Search hits in bold: match words accent- and case-insensitively, emit safe Telegram HTML."""

from __future__ import annotations

import html
from collections.abc import Sequence

from bot.textnorm import Span, fold, words

ELLIPSIS = "…"


class _Matcher:
    """Whether a word is one of the terms: whole folded words, or prefixes for "term*"."""

    def __init__(self, terms: Sequence[str]) -> None:
        self.exact: set[str] = set()
        prefixes: set[str] = set()
        for term in terms:
            term_words = [fold(term[start:end]) for start, end in words(term)]
            if not term_words:
                continue
            if term.rstrip().endswith("*"):
                prefixes.add(term_words.pop())
            self.exact.update(term_words)
        self.prefixes = tuple(prefixes)

    def __call__(self, word: str) -> bool:
        folded = fold(word)
        return folded in self.exact or folded.startswith(self.prefixes)


def _densest(matches: list[Span], budget: int) -> Span:
    """The run of matches, earliest first, that packs the most of them into `budget` chars."""
    best_count, best = 0, matches[0]
    last = 0
    for first, (start, end) in enumerate(matches):
        last = max(last, first)
        while last + 1 < len(matches) and matches[last + 1][1] - start <= budget:
            last += 1
        if last - first + 1 > best_count:
            best_count, best = last - first + 1, (start, max(end, matches[last][1]))
    return best


def _window(text: str, spans: list[Span], focus: Span | None, budget: int) -> Span:
    """A slice of about `budget` characters around focus, cut only at word edges."""
    if focus is None:
        low, high = 0, budget
    else:
        middle = (focus[0] + focus[1]) // 2
        low = max(0, min(middle - budget // 2, len(text) - budget))
        high = low + budget
    # A slice edge inside the text moves inward to the nearest word edge, never past the focus.
    start = 0 if low == 0 else next((s for s, _ in spans if s >= low), len(text))
    end = len(text) if high >= len(text) else max((e for _, e in spans if e <= high), default=0)
    if focus is not None:
        start, end = min(start, focus[0]), max(end, focus[1])
    if end <= start:
        # One word longer than the budget: a plain cut beats an empty fragment.
        start, end = low, min(high, len(text))
    return start, end


def _render(text: str, bold: list[Span]) -> str:
    pieces: list[str] = []
    position = 0
    for start, end in bold:
        pieces.append(html.escape(text[position:start], quote=False))
        pieces.append("<b>" + html.escape(text[start:end], quote=False) + "</b>")
        position = end
    pieces.append(html.escape(text[position:], quote=False))
    return "".join(pieces)


def highlight(text: str, terms: Sequence[str], *, max_chars: int | None = None) -> str:
    """Telegram HTML of text (or of a fragment around its hits) with matching words in bold."""
    is_match = _Matcher(terms)
    spans = words(text)
    matches = [(start, end) for start, end in spans if is_match(text[start:end])]
    if max_chars is None or len(text) <= max_chars:
        return _render(text, matches)
    # Room for an ellipsis at each end keeps the fragment within max_chars.
    budget = max(1, max_chars - 2)
    focus = _densest(matches, budget) if matches else None
    start, end = _window(text, spans, focus, budget)
    inside = [(s - start, e - start) for s, e in matches if start <= s and e <= end]
    fragment = _render(text[start:end], inside)
    head = ELLIPSIS if start > 0 else ""
    tail = ELLIPSIS if end < len(text) else ""
    return head + fragment + tail
