"""Search in storage: ranking, windows and counts, upgrades, the vocabulary, admin names."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.importers import ImportLimits
from bot.loader import parse_paths, save_parsed
from bot.search import service
from storage import briefings, search_index, snippets
from storage.db import Database
from storage.models import NewBriefing, NewSnippet
from storage.schema import schema_version
from storage.search_match import plan
from storage.search_query import parse
from storage.snippets import ASCENDING_SCAN, COUNT_CAP, WINDOW
from storage.vocabulary import Vocabulary, vocabulary
from tests.older_files import opened_after_upgrade

DAY = date(2024, 10, 24)
NOON = datetime(2024, 10, 24, 12, tzinfo=UTC)


def day_of(*texts: str, day: date = DAY, start: datetime = NOON) -> NewBriefing:
    return NewBriefing(
        day=day,
        snippets=tuple(
            NewSnippet(text=text, published_at=start + timedelta(minutes=i))
            for i, text in enumerate(texts)
        ),
    )


async def texts(db: Database, query: str, limit: int = 5, offset: int = 0) -> list[str]:
    page = await snippets.search(db, query, limit=limit, offset=offset)
    return [hit.text for hit in page.hits]


async def test_the_exact_form_ranks_above_a_newer_shorter_stem_match(db: Database) -> None:
    await briefings.save_all(
        db, [day_of("Un soldat ukrainien témoigne depuis le front de l'est", "Des soldats")]
    )
    assert await texts(db, "soldat") == [
        "Un soldat ukrainien témoigne depuis le front de l'est",
        "Des soldats",
    ]
    assert (await texts(db, "soldats"))[0] == "Des soldats"


async def test_newer_snippets_win_when_relevance_is_equal(db: Database) -> None:
    await briefings.save_all(db, [day_of("Kazan reçoit", start=NOON - timedelta(days=30))])
    await briefings.save_all(db, [day_of("Kazan accueille", day=date(2024, 11, 23))])
    assert await texts(db, "kazan") == ["Kazan accueille", "Kazan reçoit"]


async def test_pages_walk_every_window_once_and_counts_stop_at_the_cap(db: Database) -> None:
    total = COUNT_CAP + 20
    await briefings.save_all(db, [day_of(*(f"Koursk bulletin {i}" for i in range(total)))])
    page = await snippets.search(db, "koursk", limit=5)
    assert page.total == COUNT_CAP + 1  # "more than COUNT_CAP"
    seen: list[int] = []
    for offset in range(0, 2 * WINDOW + 10, 10):
        found = await snippets.search(db, "koursk", limit=10, offset=offset)
        seen.extend(hit.id for hit in found.hits)
    assert len(seen) == len(set(seen)) == 2 * WINDOW + 10
    few = await snippets.search(db, "bulletin 7")
    assert few.total == 1 and [h.text for h in few.hits] == ["Koursk bulletin 7"]


async def test_paging_past_the_cap_finds_nothing_rather_than_walking_on(db: Database) -> None:
    await briefings.save_all(db, [day_of("Koursk")])
    page = await snippets.search(db, "koursk", offset=10**9)
    assert page.hits == () and page.offset == COUNT_CAP


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    query=st.text(max_size=60)
    | st.lists(st.sampled_from([*list("\"-*() :^'’"), "OR", "AND", "NOT", "NEAR", "k"])).map(
        " ".join
    )
)
async def test_no_query_raises(db: Database, query: str) -> None:
    if not await snippets.count(db):
        await briefings.save_all(db, [day_of('AND OR NOT NEAR koursk "x" c++ l\'Ukraine')])
    found = await service.find(db, query, offset=0, limit=5)
    assert found.page.total >= len(found.page.hits) >= 0


async def test_an_older_file_is_reindexed_in_place(tmp_path: Path) -> None:
    async with opened_after_upgrade(
        tmp_path / "old.db",
        3,
        "INSERT INTO snippets (day, text, search_text, published_at, content_hash, created_at)"
        " VALUES ('2024-10-24', 'Des soldats à Koursk', 'Des soldats à Koursk',"
        " '2024-10-24T00:00:00+00:00', 'h1', '2024-10-24T00:00:00+00:00')",
    ) as db:
        assert await schema_version(db.conn) >= 4
        assert await texts(db, "koursk") == ["Des soldats à Koursk"]  # exact words at once
        assert await texts(db, "soldat") == []  # stems wait for the catch-up
        assert await search_index.backlog(db) == 1
        await service.prepare(db)
        assert await search_index.backlog(db) == 0
        assert await texts(db, "soldat") == ["Des soldats à Koursk"]


async def test_the_vocabulary_follows_new_snippets(db: Database) -> None:
    await briefings.save_all(db, [day_of("Koursk")])
    assert (await vocabulary(db)).df("pokrovsk") == 0
    await briefings.save_all(db, [day_of("Pokrovsk tient", "Pokrovsk encore")])
    words = await vocabulary(db)
    assert words.df("pokrovsk") == 2 and words.documents == 3
    assert sorted(await texts(db, "pokr*")) == ["Pokrovsk encore", "Pokrovsk tient"]
    assert (await service.find(db, "pokrovk", offset=0, limit=5)).corrected == "pokrovsk"


async def test_names_loaded_by_admins_are_searched(db: Database, tmp_path: Path) -> None:
    names = tmp_path / "names.yaml"
    names.write_text(
        "# extra names\ngazetteer:\n  - name: Vovtchansk\n    spellings: [Wowtschansk]\n"
        "  - {name: Hostomel, kind: place, spellings: [Gostomel, Гостомель]}\n",
        encoding="utf-8",
    )
    parsed = parse_paths([names], day=None, tz=UTC, limits=ImportLimits())
    [report] = await save_parsed(db, parsed, tz=UTC)
    assert report.summary() == "names.yaml: gazetteer, 2 names, 5 new spellings"
    await briefings.save_all(db, [day_of("L'aéroport de Hostomel", "Vovchansk sous le feu")])
    for query, expected in (("Gostomel", "L'aéroport"), ("Wowtschansk", "Vovchansk")):
        found = await service.find(db, query, offset=0, limit=5)
        assert next(hit.text for hit in found.page.hits).startswith(expected)
    [again] = await save_parsed(db, parsed, tz=UTC)
    assert again.summary() == "names.yaml: gazetteer, 2 names, 0 new spellings"


async def test_a_search_right_after_a_load_knows_its_words_and_names(
    db: Database, tmp_path: Path
) -> None:
    await briefings.save_all(db, [day_of("Koursk")])
    assert (await service.find(db, "koursk", offset=0, limit=5)).page.total == 1
    await briefings.save_all(db, [day_of("Pokrovsk tient", "Vovchansk sous le feu")])
    assert (await service.find(db, "pokrovk", offset=0, limit=5)).corrected == "pokrovsk"
    names = tmp_path / "names.yaml"
    names.write_text("gazetteer:\n  - name: Vovtchansk\n    spellings: [Wowtschansk]\n")
    await save_parsed(db, parse_paths([names], day=None, tz=UTC, limits=ImportLimits()), tz=UTC)
    found = await service.find(db, "Wowtschansk", offset=0, limit=5)
    assert [hit.text for hit in found.page.hits] == ["Vovchansk sous le feu"]


async def test_a_day_loaded_late_does_not_push_newer_news_off_the_first_page(db: Database) -> None:
    later = NOON + timedelta(days=12)
    await briefings.save_all(db, [day_of("Koursk : la contre-offensive", start=later)])
    older = day_of(*(f"Koursk bulletin {100 + i}" for i in range(WINDOW + 10)))
    await briefings.save_all(db, [older])  # loaded after, published twelve days before
    assert (await texts(db, "koursk"))[0] == "Koursk : la contre-offensive"


def test_new_words_join_the_prefix_and_typo_lists_in_place() -> None:
    words = Vocabulary(Counter({"pokrovsk": 3, "kharkiv": 2}), documents=3)
    assert words.with_prefix("po", 5) == ["pokrovsk"] and words.resembling("kharkov", 1)
    words.add({"pokrova", "kharkivski"})
    assert words.sorted_words() == sorted(words.counts)
    assert words.with_prefix("pok", 5) == ["pokrovsk", "pokrova"]
    assert "kharkivski" in words.resembling("kharkivsky", 1)


def test_a_group_of_phrases_bounds_the_matches_by_its_rarest_word() -> None:
    counts = {"paix": 40, "juste": 7, "la": 900}
    bound = plan(parse('"paix juste"')).most_matches(lambda word: counts.get(word, 0))
    assert bound == 7
    assert plan(parse("paix juste")).most_matches(counts.__getitem__) is None  # stems uncounted
    assert plan(parse('"paix inconnue"')).most_matches(lambda w: counts.get(w, 0)) is None


async def test_rare_phrases_page_through_every_match_once_newest_first(db: Database) -> None:
    total = WINDOW + 30
    await briefings.save_all(
        db,
        [day_of(*(f"Bulletin {100 + i} : paix juste" for i in range(total)), "Juste la paix")],
    )
    words = await vocabulary(db)
    assert plan(parse('"paix juste"')).most_matches(words.df) <= ASCENDING_SCAN
    seen: list[str] = []
    for offset in range(0, total + 10, 10):
        page = await snippets.search(db, '"paix juste"', limit=10, offset=offset)
        assert page.total == total
        seen.extend(hit.text for hit in page.hits)
    assert len(seen) == len(set(seen)) == total
    assert seen[0] == f"Bulletin {100 + total - 1} : paix juste"
