"""The shipped gazetteer and its public API (other features import bot.gazetteer)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot import gazetteer
from bot.gazetteer import Gazetteer, Name
from bot.importers import ContentError
from bot.importers.gazetteer_format import is_gazetteer, parse_gazetteer


def test_the_shipped_list_has_fifty_names_or_more_of_every_kind() -> None:
    entries = [gazetteer.shipped().entry(name) for name in gazetteer.names()]
    assert len(entries) >= 50
    assert {e.kind for e in entries if e} == {"place", "person", "organisation"}


@pytest.mark.parametrize(
    ("spelling", "name"),
    [
        ("Kursk", "Koursk"),
        ("Курск", "Koursk"),
        ("KIEV", "Kyiv"),
        ("Kyïv", "Kyiv"),
        ("Київ", "Kyiv"),
        ("Киев", "Kyiv"),
        ("kharkov", "Kharkiv"),
        ("Харьков", "Kharkiv"),
        ("Putin", "Poutine"),
        ("Путин", "Poutine"),
        ("Zelenskyy", "Zelensky"),
        ("Зеленський", "Zelensky"),
        ("NATO", "OTAN"),
        ("НАТО", "OTAN"),
        ("UN", "ONU"),
        ("ООН", "ONU"),
        ("north korea", "Corée du Nord"),
        ("КНДР", "Corée du Nord"),
        ("Corée-du-Nord", "Corée du Nord"),
        ("Pyongyang", "Pyongyang"),
        ("Kazan", "Kazan"),
        ("Donbas", "Donbass"),
        ("Pokrovsk", "Pokrovsk"),
        ("Zaporizhzhia", "Zaporijjia"),
        ("Запоріжжя", "Zaporijjia"),
    ],
)
def test_every_spelling_names_its_entity(spelling: str, name: str) -> None:
    assert gazetteer.canonical(spelling) == name


def test_words_that_are_no_name_have_none() -> None:
    assert gazetteer.canonical("soldats") is None
    assert gazetteer.canonical("") is None


def test_ambiguous_spellings_count_only_as_written_and_are_not_searched() -> None:
    spellings = gazetteer.shipped().spellings_for(("onu",))
    assert "UN" not in spellings and "Nations unies" in spellings
    assert gazetteer.canonical(" UN ") == "ONU"
    assert gazetteer.canonical("un") is None and gazetteer.canonical("Un") is None
    assert gazetteer.canonical("eu") is None and gazetteer.canonical("EU") == "UE"


def test_admin_names_extend_entries_and_add_new_ones() -> None:
    extra = [Name("Koursk", spellings=("Kurshchyna",)), Name("Bakhmout", "place", ("Артемівськ",))]
    merged = gazetteer.shipped().merged(extra)
    assert merged.canonical("Kurshchyna") == "Koursk"
    assert merged.canonical("Kursk") == "Koursk"
    assert merged.canonical("Артемівськ") == "Bakhmout"
    assert gazetteer.canonical("Kurshchyna") is None  # the shipped list is left alone
    assert Gazetteer().canonical("Kursk") is None


def test_gazetteer_files_are_told_from_content_files() -> None:
    assert is_gazetteer(b"# names\n\ngazetteer:\n  - name: X\n")
    assert not is_gazetteer(b"date: 2024-10-24\nsnippets: []\n")


def test_bad_gazetteer_files_name_the_line_and_field(tmp_path: Path) -> None:
    with pytest.raises(ContentError, match=r"names.yaml:3:5: gazetteer\[1\].name: is required"):
        parse_gazetteer("gazetteer:\n  - name: A\n  - kind: place\n", filename="names.yaml")
    with pytest.raises(ContentError, match=r"gazetteer\[0\].kind: must be one of"):
        parse_gazetteer("gazetteer:\n  - {name: A, kind: city}\n", filename="n.yaml")
    with pytest.raises(ContentError, match=r"unknown key 'spelling'"):
        parse_gazetteer("gazetteer:\n  - {name: A, spelling: [B]}\n", filename="n.yaml")
    with pytest.raises(ContentError, match="nothing else"):
        parse_gazetteer("gazetteer: []\ndate: 2024-10-24\n", filename="n.yaml")
