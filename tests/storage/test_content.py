from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from storage import briefings, snippets
from storage.db import Database, open_database
from storage.models import NewBriefing, NewSnippet

DAY = date(2024, 10, 24)
PARIS = ZoneInfo("Europe/Paris")


def day_with(*texts: str, day: date = DAY) -> NewBriefing:
    return NewBriefing(day=day, title="Titre", snippets=tuple(NewSnippet(text=t) for t in texts))


async def test_saving_a_day_counts_added_and_duplicate_snippets(db: Database) -> None:
    first = await briefings.save_all(db, [day_with("Un", "Deux", "Trois")])
    assert [(r.added, r.duplicates) for r in first] == [(3, 0)]
    again = await briefings.save_all(db, [day_with("Un", "DEUX ", "Quatre...")])
    assert [(r.added, r.duplicates) for r in again] == [(1, 2)]
    assert await snippets.count(db) == 4


async def test_truncated_reprint_counts_as_duplicate(db: Database) -> None:
    await briefings.save_all(db, [day_with("Les soldats arrivent")])
    result = await briefings.save_all(db, [day_with("Les  soldats arrivent …")])
    assert (result[0].added, result[0].duplicates) == (0, 1)


async def test_later_file_without_title_keeps_the_days_title(db: Database) -> None:
    await briefings.save_all(db, [NewBriefing(day=DAY, title="Titre", summary="Résumé")])
    await briefings.save_all(db, [NewBriefing(day=DAY, snippets=(NewSnippet(text="x"),))])
    found = await briefings.get(db, DAY)
    assert found is not None
    assert (found.title, found.summary) == ("Titre", "Résumé")


async def test_latest_names_the_most_recent_day_on_or_before(db: Database) -> None:
    for day in (date(2024, 10, 22), date(2024, 10, 24), date(2024, 10, 26)):
        await briefings.save_all(db, [NewBriefing(day=day, title=str(day))])
    latest = await briefings.latest(db)
    assert latest is not None and latest.day == date(2024, 10, 26)
    before = await briefings.latest(db, on_or_before=date(2024, 10, 25))
    assert before is not None and before.day == date(2024, 10, 24)
    assert await briefings.latest(db, on_or_before=date(2024, 1, 1)) is None


async def test_snippets_of_a_day_keep_every_character_and_their_order(db: Database) -> None:
    # Rows reach SQLite as one JSON text (storage.briefings.insert_rows): quotes and
    # backslashes must come back as they went in.
    texts = (
        "[VIDÉO] ▶️ L'Ukraine affirme…",
        'Pyongyang : 10\'000 soldats « prêts » 🌍⚔️ \\ "cité" \\u00e9',
    )
    published = datetime(2024, 10, 24, 9, 30, tzinfo=PARIS)
    await briefings.save_all(
        db,
        [
            NewBriefing(
                day=DAY,
                snippets=(
                    NewSnippet(text=texts[0], source="Le Monde", url="https://lemonde.fr/a"),
                    NewSnippet(text=texts[1], published_at=published, lang="fr"),
                ),
            )
        ],
        tz=PARIS,
    )
    found = await snippets.for_day(db, DAY)
    assert [s.text for s in found] == list(texts)
    assert found[0].source == "Le Monde" and found[0].url == "https://lemonde.fr/a"
    assert found[0].published_at == datetime(2024, 10, 23, 22, 0, tzinfo=UTC)  # midnight Paris
    assert found[1].published_at == published
    assert (found[1].source, found[1].url) == (None, None)


async def test_search_finds_words_whatever_the_case_and_accents(db: Database) -> None:
    await briefings.save_all(
        db,
        [day_with("Des soldats nord-coréens à Koursk", "L'Ukraine résiste", "Kazan accueille")],
    )
    for query in ("koursk", "KOURSK", "coreens", "nord-coréens", "l'ukraine", "ukraine"):
        page = await snippets.search(db, query)
        assert page.total == 1, query
    page = await snippets.search(db, "soldats koursk")
    assert [h.text for h in page.hits] == ["Des soldats nord-coréens à Koursk"]
    assert page.terms == ("soldats", "koursk")


async def test_hostile_queries_never_raise(db: Database) -> None:
    await briefings.save_all(db, [day_with("AND OR NOT NEAR koursk")])
    for query in ('"', "(", "AND", "*", "c++", "NEAR(a b)", "-x", "a" * 5000, "\x00koursk", "'"):
        page = await snippets.search(db, query)
        assert page.total >= 0
    assert (await snippets.search(db, "")).total == 0


async def test_search_pages_through_results(db: Database) -> None:
    await briefings.save_all(db, [day_with(*(f"Koursk bulletin {i}" for i in range(12)))])
    first = await snippets.search(db, "koursk", limit=5)
    third = await snippets.search(db, "koursk", limit=5, offset=10)
    assert first.total == 12 and len(first.hits) == 5
    assert len(third.hits) == 2
    assert not {h.id for h in first.hits} & {h.id for h in third.hits}


async def test_concurrent_readers_and_a_writer_share_the_file(tmp_path: Path) -> None:
    path = tmp_path / "shared.db"
    writer = await open_database(path)
    readers = [await open_database(path) for _ in range(4)]

    async def write(batch: int) -> None:
        for i in range(20):
            await briefings.save_all(writer, [day_with(f"Koursk lot {batch} n°{i}")])

    async def read(reader: Database) -> int:
        seen = 0
        for _ in range(40):
            seen = max(seen, (await snippets.search(reader, "koursk", limit=1)).total)
        return seen

    async def write_elsewhere() -> None:
        other = await open_database(path)
        try:
            for i in range(20):
                await briefings.save_all(other, [day_with(f"Kharkiv lot {i}")])
        finally:
            await other.close()

    try:
        results = await asyncio.gather(
            write(1), write(2), write_elsewhere(), *(read(r) for r in readers)
        )
        assert all(isinstance(seen, int) for seen in results[3:])
        assert await snippets.count(writer) == 60
    finally:
        for database in (writer, *readers):
            await database.close()
