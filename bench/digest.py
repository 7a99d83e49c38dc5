"""Benchmark: build the day's briefing (digest + rendering) for 5 000 and 50 000 snippets.

A synthetic day: one story per 25 snippets, each story with its own places, people and
words among the war's common vocabulary, told by many outlets; a third of the snippets are
reprints (exact, tagged "(AFP)", or cut short with "..."). Prints both times and their ratio;
the goal is at most 12x for 10x the snippets.

    python bench/digest.py
"""

from __future__ import annotations

import random
import time
from datetime import UTC, date, datetime, timedelta

from bot import render
from bot.digest import build_digest
from storage.models import Briefing, Snippet

DAY = date(2024, 10, 24)
SIZES = (5_000, 50_000)
PER_STORY = 25
COMMON = [
    "soldats",
    "frappe",
    "drones",
    "missiles",
    "front",
    "offensive",
    "armée",
    "troupes",
    "attaque",
    "région",
    "ville",
    "village",
    "défense",
    "aide",
    "militaire",
    "sanctions",
    "négociations",
    "accord",
    "président",
    "ministre",
    "gouvernement",
    "habitants",
    "civils",
    "électricité",
    "énergie",
    "centrale",
    "blindés",
    "artillerie",
    "obus",
]
OUTLETS = ["AFP", "Le Monde", "Le Figaro", "Libération", "RFI", "France 24", "BFMTV", "Reuters"]
SYLLABLES = ["kor", "va", "li", "tch", "ov", "ka", "mir", "sk", "po", "dar", "ne", "ia", "zor"]


class _Coiner:
    """Made-up names and words, never the same twice: each story has its own, at any size.

    (Drawn from a fixed pool, a 50 000-snippet day would give most names to several stories
    and be a day of chained stories rather than ten times a 5 000-snippet one.)
    """

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[str] = set()

    def _fresh(self, suffixes: list[str]) -> str:
        while True:
            coined = "".join(self.rng.choice(SYLLABLES) for _ in range(4))
            coined += self.rng.choice(suffixes)
            if coined not in self.used:
                self.used.add(coined)
                return coined

    def name(self) -> str:
        return self._fresh([""]).capitalize()

    def word(self) -> str:
        return self._fresh(["ion", "ement", "é"])


def synthetic_day(count: int, seed: int = 7) -> list[Snippet]:
    rng = random.Random(seed)
    coin = _Coiner(rng)
    snippets: list[Snippet] = []
    start = datetime(2024, 10, 24, 5, tzinfo=UTC)
    story = 0
    while len(snippets) < count:
        names = [coin.name() for _ in range(3)]
        words = [coin.word() for _ in range(6)]
        told: list[str] = []
        for _ in range(PER_STORY):
            if told and rng.random() < 0.33:
                base = rng.choice(told)
                text = rng.choice([base + " (AFP)", base[: len(base) * 2 // 3] + " ...", base])
            else:
                picked = rng.sample(names, 2) + rng.sample(words, 3) + rng.sample(COMMON, 5)
                rng.shuffle(picked)
                text = "À " + names[0] + ", " + " ".join(picked) + " selon les autorités."
                told.append(text)
            number = len(snippets) + 1
            when = start + timedelta(seconds=number * 60 * 60 * 18 // count)
            snippets.append(
                Snippet(number, DAY, f"{text} #{story}", rng.choice(OUTLETS), None, when, "fr")
            )
            if len(snippets) == count:
                break
        story += 1
    return snippets


def briefing_seconds(count: int) -> float:
    snippets = synthetic_day(count)
    began = time.perf_counter()
    digest = build_digest(snippets)
    render.briefing(Briefing(DAY, None, None), digest, "fr", war_start=date(2022, 2, 24))
    return time.perf_counter() - began


def main() -> None:
    small, large = (briefing_seconds(count) for count in SIZES)
    print(f"digest+render {SIZES[0]:>6} snippets: {small:7.2f} s")
    print(f"digest+render {SIZES[1]:>6} snippets: {large:7.2f} s")
    print(f"ratio for {SIZES[1] // SIZES[0]}x the snippets: {large / small:.1f}x (goal <= 12x)")


if __name__ == "__main__":
    main()
