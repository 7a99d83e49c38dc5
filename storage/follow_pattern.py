"""A followed query compiled for matching a load's new snippets, without asking FTS5.

A /follow is the same query as a /search: storage.search_match.plan expands it into forms
(stems, gazetteer spellings, transliterations), and a Pattern keeps those forms as FTS5 would
read them, so that a follow matches exactly the snippets /search would find:

- a group matches when one of its words is among the snippet's words (the text's words and
  the search forms storage.normalize.search_form indexed beside them), one of its phrases
  runs through the text's words in order, or one of those words starts with a prefix;
- a snippet matches when every group does and no excluded item does (exclusions, as in
  search, do not reach stems).

A pattern is stored as rows a load can match without rebuilding it (`Pattern.terms`): its
cheapest group, the lookup group, goes to follow_terms, looked up by the load's own words (a
two-word phrase as a marked pair, "+corée nord"; a longer one under a pair it holds, checked;
a prefix marked too, "*ukr"); its other groups and its exclusions are packed beside each lookup
row (`pack_checks`, the row's `checks`), read only when the lookup group is found. The JSON
text (`to_json`) only tells two follows of one query apart. storage/follow_matching.py applies
the rules above to the rows.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

from storage.normalize import fold_word
from storage.search_match import Forms, Plan

# A prefix's lookup key is the prefix after this mark, and a pair of words in a row (a two-word
# phrase, or the way into a longer one) is "w1 w2" after the other: both sort before every
# word, so a load reads them all in one range of the index ("*" to ",") and looks each up among
# its own words and pairs, instead of probing the index with every pair it holds (they are
# most of its terms, and few are followed).
PREFIX_MARK = "*"
PAIR_MARK = "+"
# Prefixes shorter than this start too many words to be a cheap way in (see Pattern.terms).
SHORT_PREFIX = 3

# The group number of the exclusions' rows among a pattern's checks (required groups count
# from 1).
EXCLUDED = -1
# How checks are packed (pack_checks): the ASCII unit and record separators, which no word
# (letters and digits) and no phrase (words and spaces) holds.
_FIELD, _ROW = "\x1f", "\x1e"

Phrase = tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Term:
    """One way a pattern's group (or its exclusions) is found: a row of follow_terms, or one of
    the checks packed beside them."""

    term: str  # a word form, PAIR_MARK + two words in a row ("+w1 w2"), PREFIX_MARK + a prefix
    group: int  # 0 in the lookup group (follow_terms rows); 1.. or EXCLUDED in their checks
    # A phrase the term alone does not settle (not two words), space-separated (words never
    # hold a space); its term is its pair holding its rarest word (the word, for one word).
    phrase: str = ""


@lru_cache(maxsize=200_000)
def fold(word: str) -> str:
    """fold_word, cached: a load folds the same words again and again."""
    return fold_word(word)


def has_phrase(sequence: tuple[str, ...], phrase: Phrase) -> bool:
    """Whether a snippet's words in order (folded) hold the phrase's, in a row."""
    # tuple.index finds each place the first word starts in C, not word by word in Python.
    size, first, start = len(phrase), phrase[0], 0
    try:
        while True:
            start = sequence.index(first, start)
            if sequence[start : start + size] == phrase:
                return True
            start += 1
    except ValueError:
        return False


def pack_checks(terms: Iterable[Term]) -> str:
    """A pattern's other groups and exclusions (terms of group != 0) as one text."""
    return _ROW.join(f"{t.group}{_FIELD}{t.term}{_FIELD}{t.phrase}" for t in terms if t.group)


@lru_cache(maxsize=4_096)
def unpack_checks(packed: str) -> tuple[Term, ...]:
    """The terms pack_checks packed. Cached: many patterns share their checks ("X guerre")."""
    if not packed:
        return ()
    found = []
    for row in packed.split(_ROW):
        group, term, phrase = row.split(_FIELD)
        found.append(Term(term, int(group), phrase))
    return tuple(found)


def _rarest(phrase: Phrase, count: Callable[[str], int]) -> str:
    return min(phrase, key=lambda word: (count(word), -len(word)))


@dataclass(frozen=True, slots=True)
class Alternatives:
    """Ways one group (or the exclusions) may appear: any one of them is enough."""

    words: frozenset[str] = frozenset()
    phrases: tuple[Phrase, ...] = ()
    prefixes: tuple[str, ...] = ()

    @classmethod
    def of(cls, forms: Forms, *, with_stems: bool = True) -> Alternatives:
        words = forms.exact | forms.variants | forms.spelled
        if with_stems:
            words |= forms.stems
        phrases = {tuple(fold(w) for w in phrase) for phrase in forms.phrases}
        phrases |= {tuple(fold(w) for w in phrase) for phrase in forms.variant_phrases}
        return cls(
            frozenset(fold(word) for word in words),
            tuple(sorted(phrases)),
            tuple(sorted(fold(prefix) for prefix in forms.prefixes)),
        )

    def __bool__(self) -> bool:
        return bool(self.words or self.phrases or self.prefixes)

    def __or__(self, other: Alternatives) -> Alternatives:
        return Alternatives(
            self.words | other.words,
            tuple(sorted(set(self.phrases) | set(other.phrases))),
            tuple(sorted(set(self.prefixes) | set(other.prefixes))),
        )

    def lookup_keys(self, count: Callable[[str], int]) -> set[str]:
        """Terms one of which any match holds, a phrase standing for its rarest word: what
        choosing the lookup group weighs."""
        found = set(self.words)
        found.update(_rarest(phrase, count) for phrase in self.phrases)
        found.update(PREFIX_MARK + prefix for prefix in self.prefixes)
        return found

    def terms(self, group: int, count: Callable[[str], int]) -> list[Term]:
        """The group's rows: a two-word phrase is its own term (a pair); a longer phrase goes
        under the pair holding its rarest word, and is checked."""
        found = [Term(word, group) for word in sorted(self.words)]
        for phrase in self.phrases:
            if len(phrase) == 2:
                found.append(Term(PAIR_MARK + " ".join(phrase), group))
            elif len(phrase) == 1:
                found.append(Term(phrase[0], group, phrase[0]))
            else:
                rarest = phrase.index(_rarest(phrase, count))
                start = min(rarest, len(phrase) - 2)
                pair = PAIR_MARK + " ".join(phrase[start : start + 2])
                found.append(Term(pair, group, " ".join(phrase)))
        found.extend(Term(PREFIX_MARK + prefix, group) for prefix in self.prefixes)
        return found

    def to_json(self) -> list[list[str] | list[list[str]]]:
        return [sorted(self.words), [list(p) for p in self.phrases], list(self.prefixes)]


@dataclass(frozen=True, slots=True)
class Pattern:
    """Every group must be found in a snippet, and the exclusions must not be."""

    groups: tuple[Alternatives, ...]
    excluded: Alternatives = Alternatives()

    @classmethod
    def of(cls, plan: Plan) -> Pattern:
        excluded = Alternatives()
        for forms in plan.excluded:
            excluded |= Alternatives.of(forms, with_stems=False)
        return cls(tuple(Alternatives.of(forms) for forms in plan.groups), excluded)

    def __bool__(self) -> bool:
        """Whether the pattern can match anything (a query of exclusions only cannot)."""
        return bool(self.groups) and all(self.groups)

    def terms(
        self, frequency: Callable[[str], int] | None = None
    ) -> tuple[Pattern, tuple[Term, ...]]:
        """The pattern with its cheapest group first, and its rows: that lookup group's (group
        0), then the other groups' (1..) and the exclusions' (EXCLUDED). Matching starts from
        the rarest group, so a load wakes up few patterns and checks the rest on few snippets."""
        count = frequency or (lambda _word: 1)

        def cost(group: Alternatives) -> tuple[int, int]:
            # A short prefix key stands for many words: look one up only when nothing else can.
            short = sum(len(prefix) < SHORT_PREFIX for prefix in group.prefixes)
            return short, sum(count(key) + 1 for key in group.lookup_keys(count))

        lookup = min(self.groups, key=cost)
        others = list(self.groups)
        others.remove(lookup)
        keyed = Pattern((lookup, *others), self.excluded)
        rows = [term for n, group in enumerate(keyed.groups) for term in group.terms(n, count)]
        rows.extend(self.excluded.terms(EXCLUDED, count))
        return keyed, tuple(rows)

    def to_json(self) -> str:
        data = {"groups": [g.to_json() for g in self.groups], "excluded": self.excluded.to_json()}
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
