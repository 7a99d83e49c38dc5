"""Phrases with a very common word: walked in slices from the newest snippets, found exactly."""

from __future__ import annotations

import itertools
import random
from datetime import UTC, date, datetime, timedelta

import pytest

from storage import briefings, snippets
from storage.db import Database
from storage.models import NewBriefing, NewSnippet
from storage.normalize import folded_words
from storage.snippets import COUNT_CAP, SCAN, older_slice

DAYS, PER_DAY = 6, 100
FIRST_DAY = date(2024, 10, 1)
FILLER = ("la", "paix", "front", "kyiv", "drones", "nord")


def corpus(adjacent: int, seed: int = 3) -> list[NewBriefing]:
    """DAYS days of snippets: "le" in all, "roka" in many, "le roka" in about `adjacent` of
    them (spread over all days; a few more by chance), and the two words apart or reversed."""
    rng = random.Random(seed)
    chosen = set(rng.sample(range(DAYS * PER_DAY), adjacent))
    days = []
    for day in range(DAYS):
        start = datetime.combine(FIRST_DAY + timedelta(days=day), datetime.min.time(), UTC)
        texts = []
        for index in range(day * PER_DAY, (day + 1) * PER_DAY):
            words = [rng.choice(FILLER) for _ in range(rng.randint(4, 9))]
            words.insert(rng.randrange(len(words)), "le")
            if index in chosen:
                touching = rng.choice(("Le Roka", "le, roka", "Lé roka", "le. ROKA"))
                words.insert(rng.randrange(len(words) + 1), touching)
            elif rng.random() < 0.3:
                words.insert(rng.randrange(len(words) + 1), rng.choice(("roka le", "roka")))
            texts.append(f"{index}: {' '.join(words)}")
        snippets_ = tuple(
            NewSnippet(text=text, published_at=start + timedelta(minutes=i))
            for i, text in enumerate(texts)
        )
        days.append(NewBriefing(start.date(), f"Jour {day}", None, snippets_))
    return days


def has_phrase(text: str) -> bool:
    words = folded_words(text)
    return ("le", "roka") in itertools.pairwise(words)


async def every_hit(db: Database, query: str) -> tuple[list[str], int]:
    """Every hit of the query, page after page, and the count the first page gives."""
    first = await snippets.search(db, query, limit=10)
    hits = [hit.text for hit in first.hits]
    for offset in range(10, min(first.total, COUNT_CAP + 1), 10):
        page = await snippets.search(db, query, limit=10, offset=offset)
        hits.extend(hit.text for hit in page.hits)
    return hits, first.total


@pytest.mark.parametrize("first_slice", [1, 2, 16, 64])
@pytest.mark.parametrize("adjacent", [37, 300])
async def test_a_phrase_with_a_very_common_word_finds_exactly_where_the_words_touch(
    db: Database, monkeypatch: pytest.MonkeyPatch, adjacent: int, first_slice: int
) -> None:
    await briefings.save_all(db, corpus(adjacent))
    # Walk in slices however rare the phrase, and from slices as wide as asked: the newest
    # slice holding them all, half, or few of them.
    monkeypatch.setattr(snippets, "ASCENDING_SCAN", 0)
    monkeypatch.setattr(snippets, "FIRST_SLICE", first_slice)
    stored = [
        s
        for day in range(DAYS)
        for s in await snippets.for_day(db, FIRST_DAY + timedelta(days=day))
    ]
    matching = [s.text for s in sorted(stored, key=lambda s: s.published_at) if has_phrase(s.text)]
    assert len(matching) >= adjacent and (len(matching) < COUNT_CAP) == (adjacent < COUNT_CAP)

    hits, total = await every_hit(db, '"le roka"')

    assert len(hits) == len(set(hits))
    if len(matching) < COUNT_CAP:
        assert total == len(matching) and set(hits) == set(matching)
    else:  # "more than 200", ranked among the newest SCAN matches only
        assert total == COUNT_CAP + 1
        assert set(hits) <= set(matching[-SCAN:]) and len(hits) == COUNT_CAP + 10
    assert hits[0] in matching[-snippets.WINDOW :]  # the first page comes from the newest


def test_an_older_slice_starts_short_of_a_guess_from_few_matches_and_past_a_sure_one() -> None:
    top, walked_to = 1_000_000, 937_500  # the newest 1/16 walked
    assert older_slice(0, SCAN, top, walked_to) == -1  # none found: all the rest
    few = older_slice(40, SCAN, top, walked_to)  # 40 found: 210 more need 328 125 ids, guessed
    assert 0 < few < walked_to and walked_to - few < 210 / 40 * (top - walked_to)
    many = older_slice(200, SCAN, top, walked_to)  # 200 found: 50 more need 15 625 ids
    assert walked_to - many > 50 / 200 * (top - walked_to)
    assert older_slice(100, SCAN, top, 40_000) == -1  # little would be left below


@pytest.mark.parametrize("ascending_scan", [snippets.ASCENDING_SCAN, 0])
@pytest.mark.parametrize("adjacent", [37, 300])
async def test_a_phrase_walked_in_two_halves_at_once_finds_what_one_walk_finds(
    db: Database, monkeypatch: pytest.MonkeyPatch, adjacent: int, ascending_scan: int
) -> None:
    await briefings.save_all(db, corpus(adjacent))
    # All the matches walked oldest first, or the newest first then older slices.
    monkeypatch.setattr(snippets, "ASCENDING_SCAN", ascending_scan)
    alone = await every_hit(db, '"le roka"')

    monkeypatch.setattr(snippets, "SPLIT_WALK", 0)  # "le" is in 600 snippets here
    await db.open_reader()
    assert db.reader is not None
    walks = []
    read = db.reader.execute_fetchall

    async def counted(sql: str, parameters: tuple[object, ...]) -> object:
        walks.append(parameters)
        return await read(sql, parameters)

    monkeypatch.setattr(db.reader, "execute_fetchall", counted)

    assert await every_hit(db, '"le roka"') == alone
    assert walks  # the older halves were walked on the second connection
