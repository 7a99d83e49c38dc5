"""Content YAML as an admin writes it: what loads, and the one-line error each mistake gives."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from textwrap import dedent
from zoneinfo import ZoneInfo

import pytest

from bot.importers import ContentError, ImportLimits, parse_file, parse_yaml
from storage.models import NewBriefing

PARIS = ZoneInfo("Europe/Paris")
FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Work in tmp_path so messages name files as an admin typed them: `bad.yaml:3:5: ...`."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def load(
    text: str, name: str = "bad.yaml", limits: ImportLimits | None = None
) -> list[NewBriefing]:
    path = Path(name)
    path.write_text(dedent(text), encoding="utf-8")
    return parse_file(path, tz=PARIS, limits=limits or ImportLimits())


def error_of(text: str, limits: ImportLimits | None = None) -> str:
    with pytest.raises(ContentError) as info:
        load(text, limits=limits)
    return str(info.value)


def test_two_day_file_loads_both_briefings_in_order() -> None:
    first, second = parse_file(FIXTURES / "two-days.yaml", tz=PARIS)

    assert first.day == date(2024, 10, 24)
    assert first.title == "Des soldats nord-coréens en Russie"
    assert first.summary == (
        "La guerre entre l'Ukraine et la Russie prend une tournure inattendue.\n\n"
        "Le gouvernement japonais suit avec une grande attention ce déploiement."
    )
    monde, pyongyang, video = first.snippets
    assert monde.source == "Le Monde"
    assert monde.url == "https://www.lemonde.fr/international/article/2024/10/24/koursk.html"
    assert monde.published_at == datetime(2024, 10, 24, 9, 30, tzinfo=timezone(timedelta(hours=2)))
    assert pyongyang.text == "Pyongyang s'apprêterait à déployer plus de 10'000 soldats ..."
    assert pyongyang.published_at == datetime(2024, 10, 24, 7, 15, tzinfo=PARIS)
    assert (pyongyang.source, pyongyang.url, pyongyang.lang) == (None, None, "fr")
    assert video.text == "[VIDÉO] ▶️ Les militaires de “Sentinelles” rempilent 👩‍👩‍👧 « paix juste »"
    assert video.published_at == datetime(2024, 10, 24, tzinfo=PARIS)

    assert second.day == date(2024, 10, 25)
    assert (second.title, second.summary) == (None, None)
    english, norwegian = second.snippets
    assert (english.lang, english.url, english.published_at) == (
        "en",
        "http://example.org/news?id=7",
        None,
    )
    assert norwegian.lang == "no"


def test_plain_values_in_text_fields_are_kept_as_written(in_tmp: Path) -> None:
    (briefing,) = load("""\
        date: 2024-10-24
        title: 1984
        snippets:
          - text: yes
            source: 20.0
    """)
    assert briefing.title == "1984"
    assert (briefing.snippets[0].text, briefing.snippets[0].source) == ("yes", "20.0")


def test_empty_snippet_list_is_a_briefing_without_snippets(in_tmp: Path) -> None:
    assert load("date: 2024-10-24\nsnippets: []\n") == [NewBriefing(day=date(2024, 10, 24))]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param(
            """\
            date: 2024-10-24
            snippets:
              - text: Koursk
              - source: Le Monde
            """,
            "bad.yaml:4:5: snippets[1].text: is required and must not be empty",
            id="snippet-without-text",
        ),
        pytest.param(
            'date: 2024-10-24\nsnippets:\n  - text: "  "\n',
            "bad.yaml:3:11: snippets[0].text: is required and must not be empty",
            id="blank-text",
        ),
        pytest.param(
            "title: Koursk\nsnippets: []\n",
            "bad.yaml:1:1: date: is required (the briefing's day, YYYY-MM-DD)",
            id="no-date",
        ),
        pytest.param(
            "date: 2024-10-24\n",
            "bad.yaml:1:1: snippets: is required (write `snippets: []` for none)",
            id="no-snippets",
        ),
        pytest.param(
            "date: 2024-10-24\ntitel: Koursk\nsnippets: []\n",
            "bad.yaml:2:1: unknown key 'titel' (known: date, title, summary, snippets)",
            id="unknown-key",
        ),
        pytest.param(
            "date: 2024-10-24\nsnippets:\n  - text: a\n    sorce: AFP\n",
            "bad.yaml:4:5: snippets[0]: unknown key 'sorce' "
            "(known: text, source, url, published, lang)",
            id="unknown-snippet-key",
        ),
        pytest.param(
            "date: 2024-10-24\nsnippets: []\ndate: 2024-10-25\n",
            "bad.yaml:3:1: date: is given twice",
            id="repeated-key",
        ),
        pytest.param(
            "date: 2024-10-24\nsnippets:\n  - text: a\n  - text: b\n    url: ftp://x.org/a\n",
            "bad.yaml:5:10: snippets[1].url: must be an http:// or https:// address, not 'ftp://x.org/a'",
            id="ftp-url",
        ),
        pytest.param(
            "date: 2024-10-24\nsnippets:\n  - text: a\n    url: [https://x.org]\n",
            "bad.yaml:4:10: snippets[0].url: must be text, not a list",
            id="url-list",
        ),
        pytest.param(
            "date: 2024-10-24\ntitle: {fr: Koursk}\nsnippets: []\n",
            "bad.yaml:2:8: title: must be text, not a mapping",
            id="title-mapping",
        ),
        pytest.param(
            "date: 2024-10-24\ntitle: !!binary aGVsbG8=\nsnippets: []\n",
            "bad.yaml:2:8: title: must be text, not a value tagged !!binary",
            id="binary-title",
        ),
        pytest.param(
            "date: 2024-10-24\ntitle: !!python/name:os.system x\nsnippets: []\n",
            "bad.yaml:2:8: title: must be text, not a value tagged !!python/name:os.system",
            id="python-tag",
        ),
        pytest.param(
            "date: 2024-02-30\nsnippets: []\n",
            "bad.yaml:1:7: date: 2024-02-30 is not a valid date (day is out of range for month)",
            id="impossible-day",
        ),
        pytest.param(
            "date: '2024-02-30'\nsnippets: []\n",
            "bad.yaml:1:7: date: 2024-02-30 is not a valid day (day is out of range for month)",
            id="impossible-quoted-day",
        ),
        pytest.param(
            "date: 24/10/2024\nsnippets: []\n",
            "bad.yaml:1:7: date: must be a day written YYYY-MM-DD, not '24/10/2024'",
            id="french-day",
        ),
        pytest.param(
            "date: 2024-10-24T10:00:00\nsnippets: []\n",
            "bad.yaml:1:7: date: must be a day (YYYY-MM-DD), not a date and time",
            id="date-with-time",
        ),
        pytest.param(
            "date: 20241024\nsnippets: []\n",
            "bad.yaml:1:7: date: must be a day written YYYY-MM-DD, not a number",
            id="date-number",
        ),
        pytest.param(
            "date: !!timestamp soon\nsnippets: []\n",
            "bad.yaml:1:7: date: soon is not a valid date (not a valid !!timestamp value)",
            id="tagged-garbage",
        ),
        pytest.param(
            "date: 2024-10-24\nsnippets:\n  - {text: a, published: demain}\n",
            "bad.yaml:3:26: snippets[0].published: must be a date and time like "
            "2024-10-24T09:30:00+02:00, not 'demain'",
            id="published-word",
        ),
        pytest.param(
            "date: 2024-10-24\nsnippets:\n  - text: a\n    lang: français\n",
            "bad.yaml:4:11: snippets[0].lang: must be a 2 or 3 letter code like fr, not 'français'",
            id="lang-name",
        ),
        pytest.param(
            "date: 2024-10-24\nsnippets:\n",
            "bad.yaml:2:10: snippets: must be a list of snippets, not empty",
            id="null-snippets",
        ),
        pytest.param(
            "date: 2024-10-24\nsnippets:\n  - Koursk\n",
            "bad.yaml:3:5: snippets[0]: must be a snippet (a mapping), not text",
            id="snippet-as-text",
        ),
        pytest.param(
            "- date: 2024-10-24\n",
            "bad.yaml:1:1: must be a briefing (a mapping), not a list",
            id="document-list",
        ),
        pytest.param(
            "date: 2024-10-24\nsnippets: []\n---\ndate: 2024-10-24\nsnippets: []\n",
            "bad.yaml:4:7: date: 2024-10-24 is already the day of the briefing at line 1; "
            "write one document per day",
            id="same-day-twice",
        ),
        pytest.param(
            "date: 2024-10-24\nsnippets: [\n  - text: a\n",
            "bad.yaml:3:3: invalid YAML: did not find expected node content "
            "(while parsing a flow node)",
            id="syntax-flow",
        ),
        pytest.param(
            "date: 2024-10-24\n title: Koursk\n",
            "bad.yaml:2:7: invalid YAML: mapping values are not allowed in this context",
            id="syntax-indent",
        ),
        pytest.param(
            "# only a comment\n---\n",
            "bad.yaml: holds no briefing: write at least `date:` and `snippets:`",
            id="no-document",
        ),
    ],
)
def test_each_mistake_names_its_place_and_field(in_tmp: Path, text: str, message: str) -> None:
    assert error_of(text) == message


def test_anchor_is_refused_at_its_line(in_tmp: Path) -> None:
    assert error_of("date: 2024-10-24\nsnippets:\n  - &koursk {text: a}\n") == (
        "bad.yaml:3:5: defines an anchor (&koursk); anchors and aliases are refused, "
        "write each value out in full"
    )


def test_billion_laughs_is_refused_before_expanding(in_tmp: Path) -> None:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [{','.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    message = error_of("\n".join(lines) + "\n")
    assert message.startswith("bad.yaml:1:5: defines an anchor (&a0)")


def test_alias_to_undefined_anchor_is_refused_at_its_line(in_tmp: Path) -> None:
    message = error_of("date: 2024-10-24\nsnippets:\n  - *koursk\n")
    assert message.startswith("bad.yaml:3:5: uses an alias (*koursk); anchors and aliases")


def test_deep_nesting_is_refused_not_crashed_on(in_tmp: Path) -> None:
    message = error_of("snippets: " + "[" * 100_000)
    # Our own limit answers first; libyaml 0.2.5+ (PyYAML 6.0.4 wheels) may refuse it earlier.
    assert message.startswith("bad.yaml:1:"), message
    assert "nests deeper than 20 levels" in message or "maximum nesting depth" in message


def test_oversize_text_names_the_limit(in_tmp: Path) -> None:
    text = f"date: 2024-10-24\nsnippets:\n  - text: {'x' * 4001}\n"
    assert error_of(text) == (
        "bad.yaml:3:11: snippets[0].text: is 4001 characters long; the limit is 4000"
    )


def test_file_over_the_byte_limit_is_refused_with_its_size(in_tmp: Path) -> None:
    text = "date: 2024-10-24\nsnippets: []\n# " + "x" * 100 + "\n"
    assert error_of(text, ImportLimits(max_file_bytes=100)) == (
        "bad.yaml: is 133 bytes; the limit is 100 bytes"
    )


def test_snippets_past_the_file_limit_are_refused(in_tmp: Path) -> None:
    text = """\
        date: 2024-10-24
        snippets: [{text: a}, {text: b}]
        ---
        date: 2024-10-25
        snippets:
          - text: c
    """
    assert error_of(text, ImportLimits(max_snippets_per_file=2)) == (
        "bad.yaml:6:5: snippets[0]: is past the limit of 2 snippets a file"
    )


def test_non_utf8_bytes_are_refused_at_their_line(in_tmp: Path) -> None:
    Path("bad.yaml").write_bytes(b"date: 2024-10-24\ntitle: caf\xe9\nsnippets: []\n")
    with pytest.raises(ContentError) as info:
        parse_file(Path("bad.yaml"), tz=PARIS)
    assert str(info.value) == "bad.yaml:2:11: is not UTF-8 text (byte 0xe9); save it as UTF-8"
    assert (info.value.line, info.value.column, info.value.field) == (2, 11, None)


def test_control_characters_are_stripped_and_tabs_become_spaces(in_tmp: Path) -> None:
    raw = (
        'date: 2024-10-24\ntitle: "Kours\\u0007k\\tfront"\n'
        'summary: "Un\\x00 paragraphe.\\r\\n\\r\\n\\r\\nUn autre.\\x1b"\n'
        "snippets:\n  - text: Bell\x07e \x0bnouvelle\n"
    )
    Path("bad.yaml").write_text(raw, encoding="utf-8")
    (briefing,) = parse_file(Path("bad.yaml"), tz=PARIS)
    assert briefing.title == "Koursk front"
    assert briefing.summary == "Un paragraphe.\n\nUn autre."
    assert briefing.snippets[0].text == "Belle nouvelle"


def test_zwj_and_variation_selectors_survive_and_text_is_nfc(in_tmp: Path) -> None:
    (briefing,) = load(
        'date: 2024-10-24\nsnippets:\n  - text: "▶️ 👩‍👩‍👧 de\u0301ploiement ’ « »"\n'
    )
    assert briefing.snippets[0].text == "▶️ 👩‍👩‍👧 déploiement ’ « »"
    assert "\u200d" in briefing.snippets[0].text and "\ufe0f" in briefing.snippets[0].text


def test_crlf_and_byte_order_mark_are_accepted(in_tmp: Path) -> None:
    Path("win.yaml").write_bytes(
        "\ufeffdate: 2024-10-24\r\nsummary: |\r\n  Un.\r\n\r\n  Deux.\r\nsnippets: []\r\n".encode()
    )
    (briefing,) = parse_file(Path("win.yaml"), tz=PARIS)
    assert briefing.summary == "Un.\n\nDeux."


def test_parse_yaml_takes_text_as_well_as_bytes() -> None:
    text = "date: 2024-10-24\nsnippets: [{text: Koursk}]\n"
    assert parse_yaml(text, filename="x.yaml", tz=PARIS) == parse_yaml(
        text.encode(), filename="x.yaml", tz=PARIS
    )


def test_character_yaml_forbids_is_located_after_accents(in_tmp: Path) -> None:
    assert error_of("date: 2024-10-24\ntitle: éééé\nsummary: ab\ufffecd\n") == (
        "bad.yaml:3:12: invalid YAML: the character U+FFFE is not allowed"
    )
