"""Turn YAML text into node trees safely: no aliases, bounded nesting, every error located."""

from __future__ import annotations

from typing import Protocol

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from bot.importers.common import ContentError

try:
    from yaml import CSafeLoader as SafeLoader

    _C_PARSER = True
except ImportError:  # PyYAML built without libyaml
    from yaml import SafeLoader  # type: ignore[assignment]

    _C_PARSER = False

# The content schema nests three levels (document, snippets, snippet). Deeper input is refused
# while streaming events, because composing very deep YAML overflows the C stack.
MAX_DEPTH = 20

_YAML_TAG = "tag:yaml.org,2002:"
STR = "tag:yaml.org,2002:str"
NULL = "tag:yaml.org,2002:null"
TIMESTAMP = "tag:yaml.org,2002:timestamp"
MAP = "tag:yaml.org,2002:map"
SEQ = "tag:yaml.org,2002:seq"
# Plain scalars YAML would turn into these are taken as written in text fields:
# `lang: no` is Norwegian, not false, and `title: 1984` is a title, not a number.
AS_WRITTEN = frozenset(
    {"tag:yaml.org,2002:bool", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float", TIMESTAMP}
)


def error_at(file: str, node: Node, field: str | None, reason: str) -> ContentError:
    mark = node.start_mark
    return ContentError(file, reason, mark.line + 1, mark.column + 1, field)


def compose_documents(text: str, file: str) -> list[Node]:
    """Return each non-empty document's root node, after refusing anchors, aliases, deep nesting."""
    _check_events(text, file)
    loader = SafeLoader(text)
    roots: list[Node] = []
    try:
        while loader.check_node():
            root = loader.get_node()
            if root is not None and not is_null(root):
                roots.append(root)
    except yaml.YAMLError as error:
        raise _syntax_error(error, file, text) from None
    finally:
        loader.dispose()
    return roots


_REFUSED = "anchors and aliases are refused, write each value out in full"


def _check_events(text: str, file: str) -> None:
    depth = 0
    try:
        for event in yaml.parse(text, Loader=SafeLoader):
            if isinstance(event, yaml.AliasEvent):
                raise _event_error(file, event, f"uses an alias (*{event.anchor}); {_REFUSED}")
            anchor = getattr(event, "anchor", None)
            if anchor is not None:
                raise _event_error(file, event, f"defines an anchor (&{anchor}); {_REFUSED}")
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    reason = f"nests deeper than {MAX_DEPTH} levels; the content schema needs 3"
                    raise _event_error(file, event, reason)
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError as error:
        raise _syntax_error(error, file, text) from None


def _event_error(file: str, event: yaml.Event, reason: str) -> ContentError:
    line, column = _position(event.start_mark)
    return ContentError(file, reason, line, column)


class _Mark(Protocol):
    """A mark from either parser: PyYAML's Python Mark or libyaml's."""

    @property
    def line(self) -> int: ...
    @property
    def column(self) -> int: ...


def _position(mark: _Mark | None) -> tuple[int | None, int | None]:
    return (None, None) if mark is None else (mark.line + 1, mark.column + 1)


def _syntax_error(error: yaml.YAMLError, file: str, text: str) -> ContentError:
    if isinstance(error, yaml.MarkedYAMLError) and error.problem_mark is not None:
        reason = f"invalid YAML: {error.problem}"
        if error.context:
            reason += f" ({error.context})"
        return ContentError(file, reason, *_position(error.problem_mark))
    if isinstance(error, yaml.reader.ReaderError):
        before = text[: error.position]
        if _C_PARSER:  # libyaml counts the position in UTF-8 bytes
            before = text.encode("utf-8")[: error.position].decode("utf-8", "ignore")
        line = before.count("\n") + 1
        column = len(before) - before.rfind("\n")
        reason = f"invalid YAML: the character U+{error.character:04X} is not allowed"
        return ContentError(file, reason, line, column)
    return ContentError(file, f"invalid YAML: {error}")


def is_null(node: Node) -> bool:
    return isinstance(node, ScalarNode) and node.tag == NULL


def kind_of(node: Node) -> str:
    """Name the node's type in an admin's words, for error messages."""
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    if node.tag == NULL:
        return "empty"
    names = {"!!str": "text", "!!int": "a number", "!!float": "a number", "!!bool": "true/false"}
    tag = short_tag(node.tag)
    return names.get(tag, f"a value tagged {tag}")


def short_tag(tag: str) -> str:
    return "!!" + tag.removeprefix(_YAML_TAG) if tag.startswith(_YAML_TAG) else tag


def construct(node: ScalarNode) -> object:
    """Build one scalar with the safe constructor; a malformed value raises ValueError."""
    try:
        return SafeConstructor().construct_object(node, deep=True)
    except ValueError:
        raise
    # The safe constructor lets bad explicitly tagged input escape as assorted exceptions
    # (`!!timestamp x` raises AttributeError).
    except (yaml.YAMLError, TypeError, AttributeError, OverflowError):
        raise ValueError(f"not a valid {short_tag(node.tag)} value") from None
