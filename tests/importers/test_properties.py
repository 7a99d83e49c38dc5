"""Whatever an admin uploads, the importers answer with briefings or one ContentError."""

from __future__ import annotations

import unicodedata
from datetime import UTC, date, timedelta, timezone
from zoneinfo import ZoneInfo

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.importers import ContentError, parse_text, parse_yaml
from storage.models import NewBriefing

PARIS = ZoneInfo("Europe/Paris")
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

YAML_ISH = st.text(
    alphabet=st.sampled_from(list("-:[]{}&*!|>'\"#?,%@`\\\n\t abcdé0129▶️\u200d\x07\r")),
    max_size=80,
)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(max_size=30),
    st.dates(),
    st.datetimes(timezones=st.sampled_from([None, UTC, timezone(timedelta(hours=2))])),
    st.sampled_from(["2024-10-24", "https://x.org/a", "ftp://x", "fr", "EN", "no", ""]),
)
KEYS = st.sampled_from(
    ["date", "title", "summary", "snippets", "text", "source", "url", "published", "lang", "x"]
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(KEYS, inner, max_size=5),
    max_leaves=12,
)
SNIPPET = st.dictionaries(
    st.sampled_from(["text", "source", "url", "published", "lang"]), SCALARS, min_size=1
)
DOCUMENT = st.fixed_dictionaries(
    {"date": st.one_of(st.dates(), SCALARS), "snippets": st.lists(SNIPPET, max_size=4)},
    optional={"title": VALUES, "summary": VALUES, "x": VALUES},
)


def assert_clean(briefings: list[NewBriefing]) -> None:
    """Every stored text is NFC, free of control characters (bar summary newlines), non-empty."""
    for briefing in briefings:
        fields = [briefing.title, *(s.text for s in briefing.snippets)]
        fields += [s.source for s in briefing.snippets] + [s.url for s in briefing.snippets]
        for text in [*fields, (briefing.summary or "").replace("\n", "")]:
            if text is None:
                continue
            assert unicodedata.is_normalized("NFC", text)
            assert not any(unicodedata.category(char) in ("Cc", "Cs") for char in text)
        assert all(s.text for s in briefing.snippets)
        assert all(s.published_at is None or s.published_at.tzinfo for s in briefing.snippets)


def parse_yaml_or_refuse(data: str | bytes) -> None:
    try:
        briefings = parse_yaml(data, filename="fuzz.yaml", tz=PARIS)
    except ContentError as error:
        assert str(error).startswith("fuzz.yaml")
        return
    assert briefings
    assert_clean(briefings)


def parse_text_or_refuse(data: str | bytes) -> None:
    try:
        briefing = parse_text(data, filename="fuzz-2024-10-24.txt", day=None, tz=PARIS)
    except ContentError as error:
        assert str(error).startswith("fuzz-2024-10-24.txt")
        return
    assert briefing.title
    assert_clean([briefing])


@FAST
@given(st.one_of(st.text(), YAML_ISH, st.binary()))
def test_any_input_to_parse_yaml_gives_briefings_or_a_content_error(data: str | bytes) -> None:
    parse_yaml_or_refuse(data)


@FAST
@given(st.lists(DOCUMENT | VALUES, min_size=1, max_size=3))
def test_any_yaml_structure_gives_briefings_or_a_content_error(documents: list[object]) -> None:
    parse_yaml_or_refuse(yaml.safe_dump_all(documents, allow_unicode=True))


@FAST
@given(st.one_of(st.text(), YAML_ISH, st.binary()))
def test_any_input_to_parse_text_gives_a_briefing_or_a_content_error(data: str | bytes) -> None:
    parse_text_or_refuse(data)


LINE = st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=20) | st.text(
    st.characters(blacklist_categories=("Cc", "Cs")), min_size=250, max_size=300
)


@FAST
@given(st.lists(LINE, min_size=2, max_size=12))
def test_every_text_line_becomes_the_title_a_paragraph_or_a_snippet(lines: list[str]) -> None:
    try:
        briefing = parse_text("\n".join(lines), filename="x.txt", day=date(2024, 10, 24), tz=PARIS)
    except ContentError:
        return
    paragraphs = briefing.summary.split("\n\n") if briefing.summary else []
    written = [line.strip() for line in lines if line.strip()]
    assert briefing.title == unicodedata.normalize("NFC", written[0])
    assert 1 + len(paragraphs) + len(briefing.snippets) == len(written)
