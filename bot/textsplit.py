"""Splitting Telegram HTML messages into parts that each fit Telegram's length limit."""

from __future__ import annotations

import re
from typing import NamedTuple

TELEGRAM_TEXT_LIMIT = 4096

# Telegram decodes every numeric reference but only these four named ones.
_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_MARKUP = re.compile(
    r"""<(?P<slash>/?)(?P<name>[A-Za-z][\w-]*)(?:[^>"']|"[^"]*"|'[^']*')*>"""
    r"|&(?:#(?P<dec>[0-9]+)|#[xX](?P<hex>[0-9A-Fa-f]+)|(?P<named>lt|gt|amp|quot));"
)
# A character with what must stay glued to it: combining marks, variation selectors, skin
# tones, emoji tags, zero-width-joined emoji, and regional-indicator flag pairs.
_CLUSTER = re.compile(
    r"(?:[\U0001F1E6-\U0001F1FF]{2}|.)"
    r"(?:[\u0300-\u036f\u0483-\u0489\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe00-\ufe0f"
    r"\ufe20-\ufe2f\U0001F3FB-\U0001F3FF\U000E0020-\U000E007F\U000E0100-\U000E01EF]"
    r"|\u200d.)*",
    re.DOTALL,
)
# No-break spaces are left out: they hold "10 000" or "Koursk !" together on purpose.
_BREAKING_SPACE = r"[^\S\u00a0\u2007\u202f]"
# Where a part may end, best first; group "cut" marks the position the part ends at.
_BOUNDARIES = (
    re.compile(r"(?P<cut>)\n[^\S\n]*\n"),
    re.compile(r"(?P<cut>)\n"),
    re.compile(r"[.!?…]+[\"»”’)\]]*(?P<cut>)" + _BREAKING_SPACE),
    re.compile(r"(?P<cut>)" + _BREAKING_SPACE),
)
# Atoms read past the first that no longer fits, so a boundary starting on it is still seen.
_LOOKAHEAD = 8


class _Atom(NamedTuple):
    """An indivisible piece of the source: a tag, an entity, or a character cluster."""

    raw: str
    text: str
    width: int
    tag: str = ""
    closing: bool = False


def utf16_len(text: str) -> int:
    """The length of text in UTF-16 code units, the unit of Telegram's limits."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def _entity_text(match: re.Match[str]) -> str:
    if match["named"]:
        return _NAMED_ENTITIES[match["named"]]
    code = int(match["dec"]) if match["dec"] else int(match["hex"], 16)
    return chr(code) if code <= 0x10FFFF else match[0]


def _visible_text(html: str) -> str:
    pieces: list[str] = []
    position = 0
    for match in _MARKUP.finditer(html):
        pieces.append(html[position : match.start()])
        if not match["name"]:
            pieces.append(_entity_text(match))
        position = match.end()
    pieces.append(html[position:])
    return "".join(pieces)


def visible_len(html: str) -> int:
    """The UTF-16 length of the text Telegram shows for this HTML: tags out, entities decoded."""
    return utf16_len(_visible_text(html))


def _text_atoms(text: str, limit: int) -> list[_Atom]:
    atoms: list[_Atom] = []
    for cluster in _CLUSTER.findall(text):
        width = utf16_len(cluster)
        if width <= limit:
            atoms.append(_Atom(cluster, cluster, width))
        else:
            # A cluster wider than a whole part can only be cut between its code points.
            atoms.extend(_Atom(char, char, utf16_len(char)) for char in cluster)
    return atoms


def _atoms(html: str, limit: int) -> list[_Atom]:
    atoms: list[_Atom] = []
    position = 0
    for match in _MARKUP.finditer(html):
        atoms.extend(_text_atoms(html[position : match.start()], limit))
        if match["name"]:
            atoms.append(_Atom(match[0], "", 0, match["name"].lower(), bool(match["slash"])))
        else:
            text = _entity_text(match)
            atoms.append(_Atom(match[0], text, utf16_len(text)))
        position = match.end()
    atoms.extend(_text_atoms(html[position:], limit))
    return atoms


def _has_content(atom: _Atom) -> bool:
    return bool(atom.text.strip())


def _is_blank(atom: _Atom) -> bool:
    return bool(atom.text) and not _has_content(atom)


def _overflow(atoms: list[_Atom], first: int, limit: int) -> int:
    """The index of the first atom from first on that no longer fits, or len(atoms)."""
    used = 0
    for index in range(first, len(atoms)):
        used += atoms[index].width
        if used > limit:
            return index
    return len(atoms)


def _window(atoms: list[_Atom], first: int, overflow: int) -> tuple[str, dict[int, int]]:
    """The visible text from first to a little past overflow, and its atoms by text offset."""
    pieces: list[str] = []
    atom_at: dict[int, int] = {}
    length = 0
    for index in range(first, min(len(atoms), overflow + _LOOKAHEAD)):
        if atoms[index].text:
            atom_at[length] = index
            pieces.append(atoms[index].text)
            length += len(atoms[index].text)
    return "".join(pieces), atom_at


def _cut(atoms: list[_Atom], start: int, limit: int) -> int:
    """The index the part beginning at start should end before."""
    # The part's leading blanks are dropped, so they do not count against the limit.
    first = next((i for i in range(start, len(atoms)) if _has_content(atoms[i])), len(atoms))
    overflow = _overflow(atoms, first, limit)
    if overflow == len(atoms):
        return overflow
    text, atom_at = _window(atoms, first, overflow)
    for boundary in _BOUNDARIES:
        # An end at offset 0 would leave the part empty; other ends keep at least `first`.
        ends = (match.start("cut") for match in boundary.finditer(text))
        fitting = [
            atom_at[end] for end in ends if end > 0 and end in atom_at and atom_at[end] <= overflow
        ]
        if fitting:
            return _settle(atoms, max(fitting))
    return _settle(atoms, overflow)


def _settle(atoms: list[_Atom], index: int) -> int:
    """Move a cut before a visible atom so closing tags stay behind and opening ones go ahead."""
    while atoms[index - 1].tag and not atoms[index - 1].closing:
        index -= 1
    while index < len(atoms) and atoms[index].tag and atoms[index].closing:
        index += 1
    return index


def _tidy(atoms: list[_Atom]) -> list[_Atom]:
    """Drop the blanks at either end and the elements left empty by the cut."""
    visible = [i for i, atom in enumerate(atoms) if _has_content(atom)]
    if not visible:
        return []
    kept = [
        atom
        for i, atom in enumerate(atoms)
        if not (_is_blank(atom) and (i < visible[0] or i > visible[-1]))
    ]
    tidy: list[_Atom] = []
    for atom in kept:
        opened = tidy[-1] if tidy else None
        if atom.closing and opened and not opened.closing and opened.tag == atom.tag:
            tidy.pop()
        else:
            tidy.append(atom)
    return tidy


def _track(open_tags: list[_Atom], atoms: list[_Atom]) -> None:
    """Update the stack of elements open after these atoms."""
    for atom in atoms:
        if not atom.tag:
            continue
        if not atom.closing:
            open_tags.append(atom)
            continue
        for depth in range(len(open_tags) - 1, -1, -1):
            if open_tags[depth].tag == atom.tag:
                del open_tags[depth]
                break


def split_html(html: str, limit: int = TELEGRAM_TEXT_LIMIT) -> list[str]:
    """Parts of an HTML message, each valid on its own and at most limit UTF-16 units shown."""
    if limit < 2:
        raise ValueError("limit must leave room for one astral character (2 UTF-16 units)")
    visible = _visible_text(html)
    if not visible.strip():
        return []
    if utf16_len(visible) <= limit:
        return [html.strip()]
    atoms = _atoms(html, limit)
    parts: list[str] = []
    open_tags: list[_Atom] = []
    start = 0
    while start < len(atoms):
        end = _cut(atoms, start, limit)
        body = atoms[start:end]
        part = list(open_tags) + body
        _track(open_tags, body)
        part += [_Atom(f"</{atom.tag}>", "", 0, atom.tag, True) for atom in reversed(open_tags)]
        tidy = _tidy(part)
        if tidy:
            parts.append("".join(atom.raw for atom in tidy))
        start = end
    return parts
