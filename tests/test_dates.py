"""Dates for users: Babel formats in French and English, the war-day count, lenient parsing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.dates import format_long_date, format_short_date, parse_user_date, war_day

SEED_DAY = date(2024, 10, 24)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("fr", "jeudi 24 octobre 2024"),
        ("en", "Thursday 24 October 2024"),
        ("en-US", "Thursday 24 October 2024"),
        ("uk", "четвер 24 жовтня 2024"),
        ("xx", "jeudi 24 octobre 2024"),
        ("", "jeudi 24 octobre 2024"),
        ("not a language", "jeudi 24 octobre 2024"),
    ],
)
def test_format_long_date(lang: str, expected: str) -> None:
    assert format_long_date(SEED_DAY, lang) == expected


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("fr", "24 oct. 2024"), ("en", "24 Oct 2024"), ("zz", "24 oct. 2024")],
)
def test_format_short_date(lang: str, expected: str) -> None:
    assert format_short_date(SEED_DAY, lang) == expected


def test_long_dates_on_leap_day_and_new_year() -> None:
    assert format_long_date(date(2024, 2, 29), "fr") == "jeudi 29 février 2024"
    assert format_long_date(date(2025, 1, 1), "en") == "Wednesday 1 January 2025"
    assert format_short_date(date(2025, 1, 1), "fr") == "1 janv. 2025"


def test_war_day_counts_the_start_as_day_one() -> None:
    assert war_day(date(2022, 2, 24)) == 1
    assert war_day(date(2022, 2, 25)) == 2
    assert war_day(date(2023, 2, 24)) == 366
    assert war_day(date(2024, 2, 29)) == 736
    assert war_day(date(2025, 2, 24)) == 1097
    assert war_day(date(2022, 2, 23)) == 0
    assert war_day(date(2024, 1, 10), start=date(2024, 1, 1)) == 10


def test_war_day_matches_the_seed_briefing(seed_file: Path) -> None:
    assert war_day(SEED_DAY) == 974
    assert f"{war_day(SEED_DAY)} jours" in seed_file.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-10-24", date(2024, 10, 24)),
        ("24/10/2024", date(2024, 10, 24)),
        ("24.10.2024", date(2024, 10, 24)),
        ("1/2/2024", date(2024, 2, 1)),
        ("  24/10  ", date(2024, 10, 24)),
        ("24/10", date(2024, 10, 24)),
        ("23/10", date(2024, 10, 23)),
        ("25/10", date(2023, 10, 25)),
        ("aujourd'hui", date(2024, 10, 24)),
        ("Aujourd’hui", date(2024, 10, 24)),
        ("TODAY", date(2024, 10, 24)),
        ("hier", date(2024, 10, 23)),
        (" Yesterday\n", date(2024, 10, 23)),
        ("avant-hier", date(2024, 10, 22)),
        ("AVANT-HIER", date(2024, 10, 22)),
        ("29/02/2024", date(2024, 2, 29)),
        ("2024-02-29", date(2024, 2, 29)),
        ("２４/１０/２０２４", date(2024, 10, 24)),
    ],
)
def test_parse_user_date_accepts(text: str, expected: date) -> None:
    assert parse_user_date(text, today=SEED_DAY) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "demain",
        "31/02",
        "31/02/2024",
        "29/02/2023",
        "2024-13-01",
        "00/10/2024",
        "24/10/0000",
        "24/10.2024",
        "24-10-2024",
        "2024/10/24",
        "24/10/24",
        "24 octobre",
        "koursk",
        "hier soir",
    ],
)
def test_parse_user_date_refuses(text: str) -> None:
    assert parse_user_date(text, today=SEED_DAY) is None


def test_day_and_month_in_january_mean_last_year() -> None:
    new_year = date(2025, 1, 5)
    assert parse_user_date("24/10", new_year) == date(2024, 10, 24)
    assert parse_user_date("05/01", new_year) == date(2025, 1, 5)
    assert parse_user_date("31/12", new_year) == date(2024, 12, 31)
    assert parse_user_date("hier", date(2025, 1, 1)) == date(2024, 12, 31)
    assert parse_user_date("avant-hier", date(2024, 3, 1)) == date(2024, 2, 28)


def test_leap_day_without_a_year() -> None:
    assert parse_user_date("29/02", date(2024, 3, 1)) == date(2024, 2, 29)
    assert parse_user_date("29/02", date(2025, 3, 1)) == date(2024, 2, 29)
    # Neither this year's (still ahead) nor last year's (no 29th) exists.
    assert parse_user_date("29/02", date(2024, 2, 28)) is None


def test_relative_days_before_the_first_date_are_none() -> None:
    assert parse_user_date("hier", date.min) is None
    assert parse_user_date("24/10", date(1, 1, 1)) is None


@given(text=st.text(), today=st.dates())
def test_parse_user_date_never_raises(text: str, today: date) -> None:
    assert parse_user_date(text, today) is None or text.strip()
