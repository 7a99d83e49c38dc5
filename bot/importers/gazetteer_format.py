"""Read a gazetteer file: a YAML mapping whose `gazetteer:` key lists names and their spellings.

gazetteer:
  - name: Bakhmout            # required: the canonical name
    kind: place               # optional: place, person, organisation (default other)
    spellings: [Bakhmut, Бахмут]
    ambiguous: [UN]           # optional: spellings that are also everyday words
"""

from __future__ import annotations

import re

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from bot.importers.common import (
    DEFAULT_LIMITS,
    ContentError,
    ImportLimits,
    clean_line,
    decode,
    strip_raw_controls,
)
from bot.importers.yaml_nodes import (
    AS_WRITTEN,
    MAP,
    SEQ,
    STR,
    compose_documents,
    error_at,
    kind_of,
)
from storage.gazetteer import KINDS, Name

NAME_KEYS = ("name", "kind", "spellings", "ambiguous")
MAX_SPELLING_CHARS = 100
MAX_NAMES = 10_000
# A first line `gazetteer:` (after comments) marks a gazetteer file; content files start otherwise.
_MARK = re.compile(r"\A(?:\ufeff)?(?:[ \t]*(?:#[^\n]*)?\n)*gazetteer[ \t]*:", re.MULTILINE)


def is_gazetteer(data: str | bytes) -> bool:
    """Whether a YAML file is a gazetteer rather than content: its first key is `gazetteer`."""
    head = data[:4096].decode("utf-8", "replace") if isinstance(data, bytes) else data[:4096]
    return bool(_MARK.match(head.replace("\r\n", "\n")))


def parse_gazetteer(
    data: str | bytes, *, filename: str, limits: ImportLimits = DEFAULT_LIMITS
) -> list[Name]:
    """Every name in a gazetteer file, validated, or the first ContentError found."""
    text = strip_raw_controls(decode(data, filename, limits))
    roots = compose_documents(text, filename)
    if len(roots) != 1 or not isinstance(roots[0], MappingNode) or roots[0].tag != MAP:
        raise ContentError(filename, "must be one YAML mapping with a `gazetteer:` list")
    fields = {str(key.value): value for key, value in roots[0].value}
    node = fields.get("gazetteer")
    if set(fields) != {"gazetteer"} or node is None:
        raise ContentError(filename, "must hold the `gazetteer:` key and nothing else")
    if not isinstance(node, SequenceNode) or node.tag != SEQ:
        raise error_at(filename, node, "gazetteer", f"must be a list, not {kind_of(node)}")
    if len(node.value) > MAX_NAMES:
        reason = f"holds {len(node.value)} names; the limit is {MAX_NAMES}"
        raise error_at(filename, node, "gazetteer", reason)
    return [_name(filename, item, f"gazetteer[{i}]") for i, item in enumerate(node.value)]


def _name(file: str, node: Node, path: str) -> Name:
    if not isinstance(node, MappingNode) or node.tag != MAP:
        raise error_at(file, node, path, f"must be a name (a mapping), not {kind_of(node)}")
    fields: dict[str, Node] = {}
    for key, value in node.value:
        key_text = str(key.value) if isinstance(key, ScalarNode) else ""
        if key_text not in NAME_KEYS:
            reason = f"unknown key {key_text!r} (known: {', '.join(NAME_KEYS)})"
            raise error_at(file, key, path, reason)
        if key_text in fields:
            raise error_at(file, key, f"{path}.{key_text}", "is given twice")
        fields[key_text] = value
    name_node = fields.get("name")
    if name_node is None:
        raise error_at(file, node, f"{path}.name", "is required")
    name = _text(file, name_node, f"{path}.name")
    kind = _text(file, fields["kind"], f"{path}.kind") if "kind" in fields else "other"
    if kind not in KINDS:
        raise error_at(file, fields["kind"], f"{path}.kind", f"must be one of {', '.join(KINDS)}")
    spellings = _texts(file, fields.get("spellings"), f"{path}.spellings")
    ambiguous = _texts(file, fields.get("ambiguous"), f"{path}.ambiguous")
    return Name(name, kind, spellings, ambiguous)


def _texts(file: str, node: Node | None, path: str) -> tuple[str, ...]:
    if node is None:
        return ()
    if not isinstance(node, SequenceNode) or node.tag != SEQ:
        raise error_at(file, node, path, f"must be a list of spellings, not {kind_of(node)}")
    return tuple(_text(file, item, f"{path}[{i}]") for i, item in enumerate(node.value))


def _text(file: str, node: Node, path: str) -> str:
    if not isinstance(node, ScalarNode) or not (
        node.tag == STR or (node.tag in AS_WRITTEN and not node.style)
    ):
        raise error_at(file, node, path, f"must be text, not {kind_of(node)}")
    text = clean_line(str(node.value))
    if not text:
        raise error_at(file, node, path, "must not be empty")
    if len(text) > MAX_SPELLING_CHARS:
        reason = f"is {len(text)} characters long; the limit is {MAX_SPELLING_CHARS}"
        raise error_at(file, node, path, reason)
    return text
