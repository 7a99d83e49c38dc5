"""The names of the war — places, people, organisations — whichever way they are spelled.

    >>> from bot import gazetteer
    >>> gazetteer.canonical("Kursk"), gazetteer.canonical("Курск"), gazetteer.canonical("kyïv")
    ('Koursk', 'Koursk', 'Kyiv')
    >>> "Corée du Nord" in gazetteer.names()
    True

The shipped list is bot/data/gazetteer.yaml; admins add names with `briefbot load`, and
`Gazetteer.merged` combines both. Matching folds case, accents, punctuation and script
(Cyrillic is transliterated), so "kiev", "KIEV" and "Киев" are one key — but an ambiguous
spelling counts only as written ("UN" names the ONU, the French article "un" nothing).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from importlib import resources

from anyascii import anyascii

from bot.importers.gazetteer_format import parse_gazetteer
from bot.textnorm import fold, word_list
from storage.gazetteer import Name

Key = tuple[str, ...]
__all__ = ["Gazetteer", "Name", "canonical", "name_key", "names", "shipped"]


def name_key(text: str) -> Key:
    """The folded words of a name: "Corée du Nord" -> ("coree", "du", "nord")."""
    return tuple(fold(word) for word in word_list(text))


def _keys(spelling: str) -> set[Key]:
    keys = {name_key(spelling)}
    if not spelling.isascii():
        keys.add(name_key(anyascii(spelling)))
    return keys - {()}


class Gazetteer:
    """Names and their spellings; a spelling or phrase looks up its canonical name."""

    def __init__(self, names: Iterable[Name] = ()) -> None:
        self._entries: dict[Key, Name] = {}
        for name in names:
            self._add(name)
        self._by_key: dict[Key, Name] = {}
        # Ambiguous spellings ("UN", also the French "un") name the entity only when written
        # exactly so, case included.
        self._as_written: dict[str, Name] = {}
        for entry in self._entries.values():
            for spelling in (entry.name, *entry.spellings):
                if spelling in entry.ambiguous:
                    self._as_written[spelling] = entry
                    continue
                for key in _keys(spelling):
                    self._by_key[key] = entry
            for spelling in entry.ambiguous:
                self._as_written[spelling] = entry
        self.longest = max((len(key) for key in self._by_key), default=0)

    def _add(self, name: Name) -> None:
        key = name_key(name.name)
        known = self._entries.get(key)
        if known is None:
            self._entries[key] = name
            return
        # A name given again (an admin extending a shipped entry) gains the new spellings.
        self._entries[key] = Name(
            known.name,
            known.kind if name.kind == "other" else name.kind,
            tuple(dict.fromkeys((*known.spellings, *name.spellings))),
            tuple(dict.fromkeys((*known.ambiguous, *name.ambiguous))),
        )

    def merged(self, names: Iterable[Name]) -> Gazetteer:
        """This gazetteer plus more names (admins' additions win over shipped spellings)."""
        return Gazetteer([*self._entries.values(), *names])

    def entry(self, word_or_phrase: str) -> Name | None:
        """The entry a spelling belongs to, or None."""
        as_written = self._as_written.get(" ".join(word_or_phrase.split()))
        return as_written or self.entry_for(name_key(word_or_phrase))

    def entry_for(self, key: Key) -> Name | None:
        return self._by_key.get(key) or self._by_key.get(name_key(anyascii(" ".join(key))))

    def canonical(self, word_or_phrase: str) -> str | None:
        """The canonical name of a spelling ("Kursk" -> "Koursk"), or None if it is no name.

        Case and accents don't count ("KIEV", "Kyïv"), except for ambiguous spellings, which
        count only as written: "UN" is the ONU, "un" is no name.
        """
        entry = self.entry(word_or_phrase)
        return entry.name if entry else None

    def names(self) -> tuple[str, ...]:
        """Every canonical name, in file order."""
        return tuple(entry.name for entry in self._entries.values())

    def spellings_for(self, key: Key) -> tuple[str, ...]:
        """The spellings to search for a name's key: every one but the ambiguous ones."""
        entry = self.entry_for(key)
        if entry is None:
            return ()
        return tuple(s for s in (entry.name, *entry.spellings) if s not in entry.ambiguous)


@cache
def shipped() -> Gazetteer:
    """The gazetteer bundled with briefbot (bot/data/gazetteer.yaml)."""
    source = resources.files("bot") / "data" / "gazetteer.yaml"
    return Gazetteer(parse_gazetteer(source.read_bytes(), filename="gazetteer.yaml"))


def canonical(word_or_phrase: str) -> str | None:
    """The canonical name of a spelling in the shipped gazetteer, or None."""
    return shipped().canonical(word_or_phrase)


def names() -> tuple[str, ...]:
    """The canonical names of the shipped gazetteer."""
    return shipped().names()
