"""Search hits in bold: match words accent- and case-insensitively, emit safe Telegram HTML."""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from anyascii import anyascii

from bot.textnorm import Span, fold, word_list, words
from storage.normalize import stem_words
from storage.search_match import Forms

ELLIPSIS = "…"


@dataclass(frozen=True)
class Wanted:
    """What to bold: folded words, phrases, prefixes, and stems of the snippet's language."""

    words: frozenset[str] = frozenset()
    phrases: frozenset[tuple[str, ...]] = frozenset()
    prefixes: frozenset[str] = frozenset()
    stems: frozenset[str] = frozenset()  # a word whose stem is one of these is bolded

    @classmethod
    def from_terms(cls, terms: Sequence[str]) -> Wanted:
        """Each word of each term, whole; the last word of a term ending in "*" as a prefix."""
        exact: set[str] = set()
        prefixes: set[str] = set()
        for term in terms:
            term_words = [fold(term[start:end]) for start, end in words(term)]
            if term_words and term.rstrip().endswith("*"):
                prefixes.add(term_words.pop())
            exact.update(term_words)
        return cls(words=frozenset(exact), prefixes=frozenset(prefixes))

    @classmethod
    def from_forms(cls, groups: Iterable[Forms]) -> Wanted:
        """Whatever a search plan matched: words as typed, other spellings, stems, prefixes."""
        wanted = cls()
        for forms in groups:
            wanted = Wanted(
                wanted.words | forms.exact | forms.variants,
                wanted.phrases | forms.phrases | forms.variant_phrases,
                wanted.prefixes | forms.prefixes,
                wanted.stems | forms.stems | forms.exact,
            )
        return wanted


class _Matcher:
    """Which words of a text are wanted, with the text's language for stems."""

    def __init__(self, wanted: Wanted, lang: str | None) -> None:
        self.wanted = wanted
        self.prefixes = tuple(wanted.prefixes)
        self.lang = lang if wanted.stems else None

    def _word(self, word: str) -> bool:
        folded = fold(word)
        if folded in self.wanted.words or (self.prefixes and folded.startswith(self.prefixes)):
            return True
        if not word.isascii() and any(
            fold(latin) in self.wanted.words for latin in word_list(anyascii(word))
        ):
            return True
        return self.lang is not None and stem_words([folded], self.lang)[0] in self.wanted.stems

    def spans(self, text: str, spans: list[Span]) -> list[Span]:
        chosen = {span for span in spans if self._word(text[span[0] : span[1]])}
        if self.wanted.phrases:
            folded = [fold(text[start:end]) for start, end in spans]
            for phrase in self.wanted.phrases:
                size = len(phrase)
                for first in range(len(folded) - size + 1):
                    if tuple(folded[first : first + size]) == phrase:
                        chosen.update(spans[first : first + size])
        return sorted(chosen)


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


def highlight(
    text: str,
    terms: Sequence[str] | Wanted,
    *,
    max_chars: int | None = None,
    lang: str | None = None,
) -> str:
    """Telegram HTML of text (or of a fragment around its hits) with matching words in bold.

    `terms` are words as typed, or a Wanted from a search plan; with `lang`, words sharing a
    wanted stem in that language are bolded too ("soldats" for "soldat").
    """
    wanted = terms if isinstance(terms, Wanted) else Wanted.from_terms(terms)
    spans = words(text)
    matches = _Matcher(wanted, lang).spans(text, spans)
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
