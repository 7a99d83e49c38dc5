"""Plain-text briefings in the seed's layout: title, summary paragraphs, one snippet per line."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.importers import ContentError, ImportLimits, date_from_filename, parse_file, parse_text

PARIS = ZoneInfo("Europe/Paris")
LONG = ("Une longue analyse de la situation sur le front, ville par ville. " * 5).strip()


def test_seed_day_loads_title_five_paragraphs_and_sixteen_snippets(seed_file: Path) -> None:
    lines = seed_file.read_text(encoding="utf-8").splitlines()

    (briefing,) = parse_file(seed_file, tz=PARIS)

    assert briefing.day == date(2024, 10, 24)
    assert briefing.title == lines[0]
    assert briefing.title.endswith("en Ukraine. 🌍⚔️")
    assert briefing.summary is not None
    paragraphs = briefing.summary.split("\n\n")
    assert paragraphs == lines[1:6]
    assert paragraphs[0].startswith("La guerre entre l'Ukraine et la Russie")
    texts = [snippet.text for snippet in briefing.snippets]
    assert texts == lines[6:]
    assert len(texts) == 16
    assert texts[0].startswith("La Russie dit non")
    assert texts[-1].endswith("Les mois d'hiver, ...")
    assert "[VIDÉO] ▶️ L'Ukraine affirme" in texts[7]
    assert "plus de 10'000 soldats" in texts[13]
    assert "« collaboration »" in texts[4]
    assert "“Sentinelles”" in texts[14]
    assert "À l’occasion" in paragraphs[2]
    assert "«paix juste»" in texts[5]
    assert all(s.source is None and s.url is None and s.lang == "fr" for s in briefing.snippets)


def test_seed_characters_survive_byte_for_byte(seed_file: Path) -> None:
    (briefing,) = parse_file(seed_file, tz=PARIS)
    assert briefing.summary is not None
    rebuilt = "\n".join(
        [briefing.title or "", *briefing.summary.split("\n\n")]
        + [snippet.text for snippet in briefing.snippets]
    )
    assert rebuilt == seed_file.read_text(encoding="utf-8").strip()


def write(tmp_path: Path, text: str, name: str = "briefing-2024-10-24.txt") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_blank_lines_mark_a_short_paragraph_as_summary(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        f"Koursk sous pression\n\n{LONG}\n\nUn court paragraphe.\n\n"
        "Premier extrait ...\nDeuxième extrait ...\n",
    )
    (briefing,) = parse_file(path, tz=PARIS)
    assert briefing.summary == f"{LONG}\n\nUn court paragraphe."
    assert [s.text for s in briefing.snippets] == ["Premier extrait ...", "Deuxième extrait ..."]


def test_snippets_set_apart_by_blank_lines_are_still_snippets(tmp_path: Path) -> None:
    path = write(tmp_path, f"Titre\n\n{LONG}\n\nExtrait un ...\n\nExtrait deux ...\n\n")
    (briefing,) = parse_file(path, tz=PARIS)
    assert briefing.summary == LONG
    assert [s.text for s in briefing.snippets] == ["Extrait un ...", "Extrait deux ..."]


def test_long_line_after_the_first_snippet_stays_a_snippet(tmp_path: Path) -> None:
    (briefing,) = parse_file(write(tmp_path, f"Titre\n{LONG}\nCourt ...\n{LONG}\n"), tz=PARIS)
    assert briefing.summary == LONG
    assert [s.text for s in briefing.snippets] == ["Court ...", LONG]


def test_title_and_snippets_without_summary(tmp_path: Path) -> None:
    (briefing,) = parse_file(write(tmp_path, "Titre\nExtrait ...\n"), tz=PARIS)
    assert (briefing.title, briefing.summary) == ("Titre", None)
    assert [s.text for s in briefing.snippets] == ["Extrait ..."]


def test_windows_newlines_tabs_and_controls_are_cleaned(tmp_path: Path) -> None:
    path = tmp_path / "2024-10-24.txt"
    path.write_bytes(
        "\ufeffTitre\tdu jour\r\n\r\nExtrait\x07 un\x0c ...\r\nExtrait deux\r\n".encode()
    )
    (briefing,) = parse_file(path, tz=PARIS)
    assert briefing.title == "Titre du jour"
    assert [s.text for s in briefing.snippets] == ["Extrait un ...", "Extrait deux"]


def test_day_argument_wins_over_the_file_name(tmp_path: Path) -> None:
    (briefing,) = parse_file(write(tmp_path, "Titre\nExtrait\n"), day=date(2024, 11, 1), tz=PARIS)
    assert briefing.day == date(2024, 11, 1)


@pytest.mark.parametrize(
    ("text", "name", "message"),
    [
        (
            "",
            "2024-10-24.txt",
            "2024-10-24.txt: is empty: write the title on the first line, "
            "then the summary paragraphs, then one snippet per line",
        ),
        (
            " \n\t\n\x0c\n",
            "2024-10-24.txt",
            "2024-10-24.txt: is empty: write the title on the first line, "
            "then the summary paragraphs, then one snippet per line",
        ),
        (
            "\nJuste un titre\n\n",
            "2024-10-24.txt",
            "2024-10-24.txt:2: holds only a title: add the summary paragraphs and the snippets, "
            "one per line",
        ),
        (
            "Titre\nExtrait\n",
            "briefing.txt",
            "briefing.txt: date: not found in the file name: name it like "
            "briefing-2024-10-24.txt or pass --date YYYY-MM-DD",
        ),
        (
            "T" * 501 + "\nExtrait\n",
            "2024-10-24.txt",
            "2024-10-24.txt:1: title: is 501 characters long; the limit is 500",
        ),
        (
            "Titre\nExtrait\n\n" + "x" * 4001 + "\n",
            "2024-10-24.txt",
            "2024-10-24.txt:4: snippets[1].text: is 4001 characters long; the limit is 4000",
        ),
    ],
)
def test_unusable_text_file_says_what_to_fix(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, name: str, message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    Path(name).write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as info:
        parse_file(Path(name), tz=PARIS)
    assert str(info.value) == message


def test_snippets_past_the_limit_are_refused_at_their_line() -> None:
    with pytest.raises(ContentError) as info:
        parse_text(
            "Titre\na\nb\nc\n",
            filename="2024-10-24.txt",
            day=None,
            tz=PARIS,
            limits=ImportLimits(max_snippets_per_file=2),
        )
    assert (
        str(info.value) == "2024-10-24.txt:4: snippets[2]: is past the limit of 2 snippets a file"
    )


def test_non_utf8_text_file_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "2024-10-24.txt"
    path.write_bytes(b"Titre\nExtrait\nd\xe9j\xe0\n")
    with pytest.raises(ContentError) as info:
        parse_file(path, tz=PARIS)
    assert (info.value.line, info.value.column) == (3, 2)
    assert info.value.reason == "is not UTF-8 text (byte 0xe9); save it as UTF-8"


@pytest.mark.parametrize(
    ("name", "day"),
    [
        ("briefing-2024-10-24.txt", date(2024, 10, 24)),
        ("2024-10-24", date(2024, 10, 24)),
        ("notes/2023-01-01/briefing-2024-02-29.txt", date(2024, 2, 29)),
        ("draft-2024-13-01-final-2024-10-25.txt", date(2024, 10, 25)),
        ("2023-02-29_2024-10-26.txt", date(2024, 10, 26)),
        ("briefing-12024-10-24.txt", None),
        ("briefing-2024-10-241.txt", None),
        ("briefing.txt", None),
        ("20241024.txt", None),
    ],
)
def test_date_from_filename_takes_the_first_valid_day(name: str, day: date | None) -> None:
    assert date_from_filename(name) == day
