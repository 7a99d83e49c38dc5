"""Loading from disk: the extension picks the format, the size is checked before reading."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.importers import SUPPORTED_SUFFIXES, ContentError, ImportLimits, parse_file

PARIS = ZoneInfo("Europe/Paris")


@pytest.mark.parametrize("name", ["content.yaml", "content.yml", "CONTENT.YML"])
def test_yaml_extensions_load_as_yaml(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text("date: 2024-10-24\nsnippets: [{text: Koursk}]\n", encoding="utf-8")
    (briefing,) = parse_file(path, tz=PARIS)
    assert (briefing.day, briefing.snippets[0].text) == (date(2024, 10, 24), "Koursk")


def test_text_extension_loads_the_plain_layout(tmp_path: Path) -> None:
    path = tmp_path / "briefing-2024-10-24.txt"
    path.write_text("date: 2024-10-24\nsnippets: []\n", encoding="utf-8")
    (briefing,) = parse_file(path, tz=PARIS)
    assert briefing.title == "date: 2024-10-24"
    assert [s.text for s in briefing.snippets] == ["snippets: []"]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("briefing.docx", "briefing.docx: cannot be loaded: '.docx' files are not supported"),
        ("briefing", "briefing: cannot be loaded: files without an extension are not supported"),
    ],
)
def test_unknown_extension_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    Path(name).write_text("Titre\nExtrait\n", encoding="utf-8")
    with pytest.raises(ContentError) as info:
        parse_file(Path(name), tz=PARIS)
    assert str(info.value) == f"{message} ({', '.join(SUPPORTED_SUFFIXES)})"


def test_missing_file_is_a_content_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ContentError) as info:
        parse_file(Path("absent-2024-10-24.txt"), tz=PARIS)
    assert str(info.value) == "absent-2024-10-24.txt: cannot be read: No such file or directory"


def test_oversize_file_is_refused_from_its_size_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    with open("huge.yaml", "wb") as huge:  # sparse: 25 MB on paper, nothing to read
        huge.truncate(25_000_000)
    with pytest.raises(ContentError) as info:
        parse_file(Path("huge.yaml"), tz=PARIS)
    assert str(info.value) == "huge.yaml: is 25000000 bytes; the limit is 20000000 bytes"


def test_byte_limit_is_configurable(tmp_path: Path) -> None:
    path = tmp_path / "2024-10-24.txt"
    path.write_text("Titre\nExtrait\n", encoding="utf-8")
    assert parse_file(path, tz=PARIS, limits=ImportLimits(max_file_bytes=14))
    with pytest.raises(ContentError, match="is 14 bytes; the limit is 13 bytes"):
        parse_file(path, tz=PARIS, limits=ImportLimits(max_file_bytes=13))
