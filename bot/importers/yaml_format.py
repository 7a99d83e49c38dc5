"""Read the content YAML (DESIGN.md): one briefing per document, validated node by node."""

from __future__ import annotations

import re
from datetime import date, datetime, time, tzinfo
from urllib.parse import urlsplit

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from bot.importers.common import (
    DEFAULT_LIMITS,
    ContentError,
    ImportLimits,
    check_length,
    clean_line,
    clean_summary,
    decode,
    strip_raw_controls,
)
from bot.importers.yaml_nodes import (
    AS_WRITTEN,
    MAP,
    SEQ,
    STR,
    TIMESTAMP,
    compose_documents,
    construct,
    error_at,
    is_null,
    kind_of,
)
from storage.gc_pause import gc_paused
from storage.models import NewBriefing, NewSnippet

BRIEFING_KEYS = ("date", "title", "summary", "snippets")
SNIPPET_KEYS = ("text", "source", "url", "published", "lang")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_LANG = re.compile(r"[A-Za-z]{2,3}")
_SPACE = re.compile(r"\s")


def parse_yaml(
    data: str | bytes, *, filename: str, tz: tzinfo, limits: ImportLimits = DEFAULT_LIMITS
) -> list[NewBriefing]:
    """Return every briefing in a content YAML file, or raise the first ContentError found."""
    text = strip_raw_controls(decode(data, filename, limits))
    with gc_paused():
        roots = compose_documents(text, filename)
        if not roots:
            reason = "holds no briefing: write at least `date:` and `snippets:`"
            raise ContentError(filename, reason)
        reader = _Reader(filename, tz, limits)
        return [reader.briefing(root) for root in roots]


class _Reader:
    """Walks document nodes; keeps what spans documents (snippet count, days already seen)."""

    def __init__(self, file: str, tz: tzinfo, limits: ImportLimits) -> None:
        self.file = file
        self.tz = tz
        self.limits = limits
        self.snippet_count = 0
        self.lines_by_day: dict[date, int] = {}

    def fail(self, node: Node, field: str | None, reason: str) -> ContentError:
        return error_at(self.file, node, field, reason)

    def briefing(self, root: Node) -> NewBriefing:
        fields = self.mapping(root, "", BRIEFING_KEYS, "a briefing")
        day = self.day(fields.get("date"), root)
        title = self.text(fields.get("title"), "title", self.limits.max_title_chars)
        summary = self.text(
            fields.get("summary"), "summary", self.limits.max_summary_chars, multiline=True
        )
        return NewBriefing(
            day=day, title=title, summary=summary, snippets=self.snippets(fields, root)
        )

    def mapping(
        self, node: Node, path: str, allowed: tuple[str, ...], what: str
    ) -> dict[str, Node]:
        """Return the mapping's values by key, refusing unknown and repeated keys."""
        if not isinstance(node, MappingNode) or node.tag != MAP:
            raise self.fail(node, path or None, f"must be {what} (a mapping), not {kind_of(node)}")
        fields: dict[str, Node] = {}
        prefix = f"{path}." if path else ""
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                reason = f"keys must be plain names, not {kind_of(key_node)}"
                raise self.fail(key_node, path or None, reason)
            key = str(key_node.value)
            if key not in allowed:
                known = ", ".join(allowed)
                raise self.fail(key_node, path or None, f"unknown key {key!r} (known: {known})")
            if key in fields:
                raise self.fail(key_node, f"{prefix}{key}", "is given twice")
            fields[key] = value_node
        return fields

    def raw_text(self, node: Node, field: str) -> str | None:
        if isinstance(node, ScalarNode):
            if node.tag == STR or (node.tag in AS_WRITTEN and not node.style):
                return str(node.value)
            if is_null(node):
                return None
        raise self.fail(node, field, f"must be text, not {kind_of(node)}")

    def text(
        self, node: Node | None, field: str, limit: int, *, multiline: bool = False
    ) -> str | None:
        """Return the cleaned text of an optional field; empty text counts as absent."""
        if node is None:
            return None
        raw = self.raw_text(node, field)
        if raw is None:
            return None
        cleaned = clean_summary(raw) if multiline else clean_line(raw)
        mark = node.start_mark
        check_length(cleaned, limit, self.file, field, mark.line + 1, mark.column + 1)
        return cleaned or None

    def day(self, node: Node | None, root: Node) -> date:
        if node is None or is_null(node):
            raise self.fail(node or root, "date", "is required (the briefing's day, YYYY-MM-DD)")
        value = self.date_like(node, "date", "a day written YYYY-MM-DD")
        if isinstance(value, str):
            if not _DAY.fullmatch(value):
                raise self.fail(node, "date", f"must be a day written YYYY-MM-DD, not {value!r}")
            try:
                value = date.fromisoformat(value)
            except ValueError as error:
                reason = f"{value} is not a valid day ({error})"
                raise self.fail(node, "date", reason) from None
        if isinstance(value, datetime):
            raise self.fail(node, "date", "must be a day (YYYY-MM-DD), not a date and time")
        line = node.start_mark.line + 1
        first_line = self.lines_by_day.setdefault(value, line)
        if first_line != line:
            reason = f"{value} is already the day of the briefing at line {first_line}"
            raise self.fail(node, "date", f"{reason}; write one document per day")
        return value

    def date_like(self, node: Node, field: str, expected: str) -> date | str:
        """Return a YAML timestamp as built by the safe constructor, or quoted text stripped."""
        if isinstance(node, ScalarNode):
            if node.tag == STR:
                return str(node.value).strip()
            if node.tag == TIMESTAMP:
                try:
                    value = construct(node)
                except ValueError as error:
                    reason = f"{node.value} is not a valid date ({error})"
                    raise self.fail(node, field, reason) from None
                if isinstance(value, date):
                    return value
        raise self.fail(node, field, f"must be {expected}, not {kind_of(node)}")

    def snippets(self, fields: dict[str, Node], root: Node) -> tuple[NewSnippet, ...]:
        node = fields.get("snippets")
        if node is None:
            raise self.fail(root, "snippets", "is required (write `snippets: []` for none)")
        if not isinstance(node, SequenceNode) or node.tag != SEQ:
            raise self.fail(node, "snippets", f"must be a list of snippets, not {kind_of(node)}")
        return tuple(self.snippet(item, f"snippets[{i}]") for i, item in enumerate(node.value))

    def snippet(self, node: Node, path: str) -> NewSnippet:
        self.snippet_count += 1
        if self.snippet_count > self.limits.max_snippets_per_file:
            limit = self.limits.max_snippets_per_file
            raise self.fail(node, path, f"is past the limit of {limit} snippets a file")
        fields = self.mapping(node, path, SNIPPET_KEYS, "a snippet")
        text_node = fields.get("text")
        text = self.text(text_node, f"{path}.text", self.limits.max_snippet_chars)
        if text is None:
            raise self.fail(text_node or node, f"{path}.text", "is required and must not be empty")
        source = self.text(fields.get("source"), f"{path}.source", self.limits.max_source_chars)
        return NewSnippet(
            text=text,
            source=source,
            url=self.url(fields.get("url"), f"{path}.url"),
            published_at=self.published(fields.get("published"), f"{path}.published"),
            lang=self.lang(fields.get("lang"), f"{path}.lang"),
        )

    def url(self, node: Node | None, field: str) -> str | None:
        url = self.text(node, field, self.limits.max_url_chars)
        if url is None or node is None:
            return None
        try:
            parts = urlsplit(url)
        except ValueError:
            parts = None
        if parts is None or parts.scheme.lower() not in ("http", "https") or not parts.netloc:
            raise self.fail(node, field, f"must be an http:// or https:// address, not {url!r}")
        if _SPACE.search(url):
            raise self.fail(node, field, f"must not contain spaces: {url!r}")
        return url

    def published(self, node: Node | None, field: str) -> datetime | None:
        if node is None or is_null(node):
            return None
        expected = "a date and time like 2024-10-24T09:30:00+02:00"
        value = self.date_like(node, field, expected)
        if isinstance(value, str):
            try:
                value = datetime.fromisoformat(value)
            except ValueError:
                raise self.fail(node, field, f"must be {expected}, not {value!r}") from None
        if not isinstance(value, datetime):
            return datetime.combine(value, time(), tzinfo=self.tz)
        return value if value.tzinfo is not None else value.replace(tzinfo=self.tz)

    def lang(self, node: Node | None, field: str) -> str:
        raw = None if node is None else self.raw_text(node, field)
        if node is None or raw is None or not clean_line(raw):
            return "fr"
        lang = clean_line(raw)
        if not _LANG.fullmatch(lang):
            raise self.fail(node, field, f"must be a 2 or 3 letter code like fr, not {lang!r}")
        return lang.lower()
