"""Matching at load time: follows find what /search finds, in the new snippets only."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from bot.admin.service import Admin, add_snippet
from bot.follow.service import Target, new_follow
from bot.gazetteer import shipped
from bot.importers import parse_file
from storage import alerts, briefings, follows, snippets
from storage.alerts import MAX_LISTED
from storage.db import Database
from storage.follow_matching import Batch, Upcoming, record_alerts
from storage.follow_pattern import EXCLUDED, PAIR_MARK, PREFIX_MARK, Term
from storage.models import NewBriefing, NewSnippet
from storage.normalize import words_of
from tests.follow.conftest import matched_snippets
from tests.older_files import opened_after_upgrade
from tests.push.conftest import PARIS

ANNA, JOHN = 1001, 1002
QUERIES = (
    "kursk",
    "soldats nord-coréens",
    '"corée du sud"',
    "ukr*",
    "poutine -brics",
    "zelensky OR guterres",
    "russie -ukraine",
    "Pyongyang",
)


async def follow(db: Database, chat_id: int, query: str, limit: int = 20) -> None:
    new = new_follow(Target(chat_id, "user"), query, "fr", shipped())
    assert new is not None
    assert isinstance(await follows.add(db, new, limit), follows.Added)


async def alerts_of(db: Database, chat_id: int) -> list[alerts.Alert]:
    """The chat's alerts once the bot has seen the loads (its alert run queues them)."""
    await alerts.queue_new_loads(db)
    return await alerts.for_chat(db, chat_id)


async def save(db: Database, *texts: str, day: date = date(2024, 10, 25)) -> None:
    snippets_ = tuple(NewSnippet(text=text, source="Le Monde") for text in texts)
    await briefings.save_all(db, [NewBriefing(day=day, snippets=snippets_)], tz=PARIS)


@pytest.mark.parametrize("query", QUERIES)
async def test_a_follow_matches_what_search_finds(
    db: Database, seed_file: Path, query: str
) -> None:
    await briefings.save_all(db, parse_file(seed_file, tz=PARIS), tz=PARIS)
    found = await snippets.search(db, query, limit=100, names=shipped())
    await follow(db, ANNA, query)

    async with db.transaction() as conn:  # match the whole day again, as if just loaded
        await record_alerts(conn, 0, "2024-10-25T06:00:00Z")
    hits = await matched_snippets(db)
    assert hits == {hit.id for hit in found.hits}
    assert hits or query == "russie -ukraine"


async def test_one_alert_per_chat_per_load_listing_the_matching_snippets(
    db: Database, seed_file: Path
) -> None:
    await follow(db, ANNA, "kursk")
    await follow(db, ANNA, "pyongyang")
    await follow(db, JOHN, "guterres")

    await briefings.save_all(db, parse_file(seed_file, tz=PARIS), tz=PARIS)

    [anna] = await alerts_of(db, ANNA)
    [john] = await alerts_of(db, JOHN)
    assert (anna.state, john.state) == ("pending", "pending")
    listing = await alerts.listing(db, ANNA, anna.load_id)
    listed = listing.hits
    assert any("Koursk" in hit.snippet.text and hit.queries == ("kursk",) for hit in listed)
    assert len(listed) == listing.matched
    assert all(
        "guterres" in " ".join(hit.queries) for hit in (await alerts.listing(db, JOHN, 1)).hits
    )


async def test_loading_the_same_file_again_queues_no_alert(db: Database, seed_file: Path) -> None:
    await follow(db, ANNA, "kursk")
    await briefings.save_all(db, parse_file(seed_file, tz=PARIS), tz=PARIS)

    await briefings.save_all(db, parse_file(seed_file, tz=PARIS), tz=PARIS)

    assert len(await alerts_of(db, ANNA)) == 1


async def test_only_new_snippets_are_matched(db: Database, seed_file: Path) -> None:
    await briefings.save_all(db, parse_file(seed_file, tz=PARIS), tz=PARIS)
    await follow(db, ANNA, "kursk")

    await save(db, "Kharkiv sous les drones cette nuit")
    assert await alerts_of(db, ANNA) == []

    await save(db, "Contre-offensive ukrainienne dans la région de Koursk")
    [alert] = await alerts_of(db, ANNA)
    [hit] = (await alerts.listing(db, ANNA, alert.load_id)).hits
    assert hit.snippet.text == "Contre-offensive ukrainienne dans la région de Koursk"


async def test_an_alert_lists_the_first_snippets_and_counts_all(db: Database) -> None:
    await follow(db, ANNA, "koursk")

    await save(db, *(f"Koursk, point numéro {n}" for n in range(MAX_LISTED + 5)))

    [alert] = await alerts_of(db, ANNA)
    listing = await alerts.listing(db, ANNA, alert.load_id)
    listed = listing.hits
    assert listing.matched == MAX_LISTED + 5
    assert [hit.snippet.text for hit in listed][:2] == [
        "Koursk, point numéro 0",
        "Koursk, point numéro 1",
    ]
    assert len(listed) == MAX_LISTED


async def test_a_snippet_an_admin_adds_is_matched_too(db: Database) -> None:
    await follow(db, ANNA, "zaporijia")

    await add_snippet(
        db, Admin(42, "admin"), date(2024, 10, 25), NewSnippet("Frappe sur Zaporijjia"), PARIS
    )

    [alert] = await alerts_of(db, ANNA)
    assert [h.snippet.text for h in (await alerts.listing(db, ANNA, alert.load_id)).hits] == [
        "Frappe sur Zaporijjia"
    ]


async def test_prefixes_phrases_and_exclusions(db: Database) -> None:
    for query in ("pokrov*", '"aide militaire"', "drones -kharkiv", "po*"):
        await follow(db, ANNA, query)

    await save(
        db,
        "Les troupes avancent vers Pokrovsk",
        "Une aide militaire de plus",
        "Militaire, l'aide arrive",
        "Drones sur Kharkiv",
        "Drones sur Odessa",
    )

    [alert] = await alerts_of(db, ANNA)
    by_text = {
        h.snippet.text: h.queries for h in (await alerts.listing(db, ANNA, alert.load_id)).hits
    }
    assert by_text == {
        "Les troupes avancent vers Pokrovsk": ("pokrov*", "po*"),
        "Une aide militaire de plus": ('"aide militaire"',),
        "Drones sur Odessa": ("drones -kharkiv",),
    }


def test_a_pattern_is_stored_as_its_lookup_group_then_its_checks() -> None:
    new = new_follow(Target(ANNA, "user"), '"corée du nord" ukr* -séoul', "fr", shipped())
    assert new is not None

    # The phrase's group has more ways in (its spellings): the prefix is the lookup group.
    assert [t for t in new.terms if t.group == 0] == [Term(PREFIX_MARK + "ukr", 0)]
    assert Term(PAIR_MARK + "north korea", 1) in new.terms  # two words: the pair is the term
    assert Term(PAIR_MARK + "coree du", 1, "coree du nord") in new.terms  # more: then checked
    assert {t.term for t in new.terms if t.group == EXCLUDED} == {"seoul", "сеул"}


def test_a_query_of_exclusions_only_cannot_be_followed() -> None:
    assert new_follow(Target(ANNA, "user"), "-koursk", "fr", shipped()) is None
    assert new_follow(Target(ANNA, "user"), "!!!", "fr", shipped()) is None


async def test_chats_following_one_query_share_it_until_the_last_unfollows(db: Database) -> None:
    await follow(db, ANNA, "kursk")
    await follow(db, JOHN, "Kursk")
    [anna_follow] = await follows.for_chat(db, ANNA)
    await follows.remove(db, anna_follow)

    await save(db, "Koursk : la contre-offensive continue")

    assert await alerts_of(db, ANNA) == []
    assert len(await alerts_of(db, JOHN)) == 1
    [john_follow] = await follows.for_chat(db, JOHN)
    await follows.remove(db, john_follow)
    rows = await db.conn.execute_fetchall("SELECT count(*) FROM follow_terms")
    assert [tuple(row) for row in rows] == [(0,)]


def test_followed_pairs_and_prefixes_are_found_in_one_pass_as_one_by_one() -> None:
    said = [
        (1, words_of("Une aide militaire de plus"), ""),
        (2, words_of("Militaire, l'aide arrive"), ""),
        (3, words_of("L'aide militaire américaine"), ""),
    ]
    terms = ["+aide militaire", "+de plus", "+militaire aide", "*milit", "*americ", "*zzz"]
    alone = Batch.of(said)
    expected = {term: alone.ids(alone.found(term)) for term in terms}

    batch = Batch.of(said)
    found = batch.find_marked(terms)

    assert found == {term: ids for term, ids in expected.items() if ids}
    assert found["+aide militaire"] == [1, 3]  # "militaire, l'aide" is not the pair
    assert found["*americ"] == [3]  # folded: "américaine"


async def test_the_bot_queues_a_load_once_for_those_who_followed_at_the_load(db: Database) -> None:
    await follow(db, ANNA, "kursk")
    await save(db, "Koursk : la contre-offensive continue")
    await follow(db, JOHN, "kursk")  # after the load, before the bot saw it

    assert await alerts.queue_new_loads(db) == 1
    assert await alerts.queue_new_loads(db) == 0  # a second pass (a restart) adds nothing
    assert len(await alerts.for_chat(db, ANNA)) == 1
    assert await alerts.for_chat(db, JOHN) == []


async def test_follows_written_before_their_checks_were_packed_match_after_the_upgrade(
    tmp_path: Path,
) -> None:
    new = new_follow(Target(ANNA, "user"), "poutine -brics", "fr", shipped())
    assert new is not None
    async with opened_after_upgrade(
        tmp_path / "v7.db",
        7,  # checks had a table of their own then
        ("INSERT INTO followers (chat_id, kind, updated_at) VALUES (?, 'user', 'now')", (ANNA,)),
        ("INSERT INTO follow_patterns (id, pattern) VALUES (1, ?)", (new.pattern.to_json(),)),
        *[
            (
                "INSERT INTO follow_terms (term, pattern_id, phrase, whole) VALUES (?, 1, ?, 0)",
                (t.term, t.phrase),
            )
            for t in new.terms
            if t.group == 0
        ],
        *[
            (
                "INSERT INTO follow_checks (pattern_id, grp, term, phrase) VALUES (1, ?, ?, ?)",
                (t.group, t.term, t.phrase),
            )
            for t in new.terms
            if t.group != 0
        ],
        (
            "INSERT INTO follows (chat_id, pattern_id, query, canonical, created_at)"
            " VALUES (?, 1, ?, ?, 'now')",
            (ANNA, new.query, new.canonical),
        ),
    ) as db:
        await save(db, "Poutine reçoit les BRICS à Kazan", "Poutine parle de Koursk")

        [alert] = await alerts_of(db, ANNA)
        listing = await alerts.listing(db, ANNA, alert.load_id)
        assert [hit.snippet.text for hit in listing.hits] == ["Poutine parle de Koursk"]


async def test_a_load_matched_before_the_upgrade_is_still_alerted_after_it(
    tmp_path: Path,
) -> None:
    # Up to schema 8 a load wrote a load_matches row per pattern; since 9 it keeps what it
    # matched on its own row until the bot writes it out. A load the bot had not seen yet
    # when the bot was upgraded still reaches its followers.
    async with opened_after_upgrade(
        tmp_path / "v8.db",
        8,
        ("INSERT INTO followers (chat_id, kind, updated_at) VALUES (?, 'user', 'now')", (ANNA,)),
        "INSERT INTO follow_patterns (id, pattern) VALUES (1, '[]')",
        (
            "INSERT INTO follows (chat_id, pattern_id, query, canonical, created_at)"
            " VALUES (?, 1, 'kursk', 'kursk', 'now')",
            (ANNA,),
        ),
        "INSERT INTO snippets (id, day, text, search_text, published_at, content_hash,"
        " created_at) VALUES (7, '2024-10-25', 'Koursk : la contre-offensive', '',"
        " '2024-10-25T06:00:00Z', 'h7', 'now')",
        "INSERT INTO alert_loads (id, at, snippets, last_follow_id) VALUES (1, 'now', 1, 1)",
        "INSERT INTO load_matches (load_id, pattern_id, snippets) VALUES (1, 1, '[[7]]')",
    ) as db:
        [alert] = await alerts_of(db, ANNA)
        [hit] = (await alerts.listing(db, ANNA, alert.load_id)).hits
        assert hit.snippet.text == "Koursk : la contre-offensive"


async def test_what_a_load_matched_is_written_out_once_by_the_bot(db: Database) -> None:
    await follow(db, ANNA, "kursk")  # settled by a hit on its words
    await follow(db, ANNA, "poutine -brics")  # checked in Python
    await save(db, "Koursk : la contre-offensive", "Poutine parle de Koursk")

    async def stored() -> tuple[int, list[str]]:
        [(rows,)] = await db.conn.execute_fetchall("SELECT count(*) FROM load_matches")
        kept = await db.conn.execute_fetchall("SELECT matched FROM alert_loads")
        return int(rows), [str(value) for (value,) in kept]

    rows, [kept] = await stored()
    assert rows == 0 and len(json.loads(kept)) == 2  # one entry per pattern, on the load

    assert await alerts.queue_new_loads(db) == 1
    assert await stored() == (2, ["[]"])  # written out, and not kept twice
    assert await alerts.queue_new_loads(db) == 0
    assert await stored() == (2, ["[]"])


async def test_a_query_found_by_a_word_and_by_a_prefix_lists_the_snippets_of_both(
    db: Database,
) -> None:
    await follow(db, ANNA, "kursk OR pokr*")

    await save(db, "Koursk : la contre-offensive continue", "Pokrovsk sous le feu", "Calme à Kyiv")

    [alert] = await alerts_of(db, ANNA)
    listing = await alerts.listing(db, ANNA, alert.load_id)
    assert [hit.snippet.text for hit in listing.hits] == [
        "Koursk : la contre-offensive continue",
        "Pokrovsk sous le feu",
    ]


async def test_a_load_of_new_and_known_snippets_over_days_and_chunks_alerts_the_new_ones(
    db: Database, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    # Matching runs while the last chunk is written, on the ids SQLite is expected to give
    # (follow_matching.Upcoming): known snippets and repeats take none, in any chunk or day.
    monkeypatch.setattr(briefings, "CHUNK", 2)
    await follow(db, ANNA, "koursk")
    await save(db, "Koursk, déjà chargé", "Kyiv, déjà chargé")

    await briefings.save_all(
        db,
        [
            NewBriefing(
                day=date(2024, 10, 25),
                snippets=tuple(
                    NewSnippet(text=text, source="Le Monde")
                    for text in (
                        "Koursk, déjà chargé",
                        "Koursk, nouveau un",
                        "Kyiv, nouveau",
                        "Koursk, nouveau un",
                        "Kyiv, déjà chargé",
                    )
                ),
            ),
            NewBriefing(
                day=date(2024, 10, 26),
                snippets=tuple(
                    NewSnippet(text=text, source="Le Monde")
                    for text in ("Koursk, nouveau deux", "Kyiv, déjà chargé", "Koursk, trois")
                ),
            ),
        ],
        tz=PARIS,
    )

    [first, second] = await alerts_of(db, ANNA)
    assert [hit.snippet.text for hit in (await alerts.listing(db, ANNA, first.load_id)).hits] == [
        "Koursk, déjà chargé"
    ]
    listing = await alerts.listing(db, ANNA, second.load_id)
    assert [hit.snippet.text for hit in listing.hits] == [
        "Koursk, nouveau un",
        "Koursk, nouveau deux",
        "Koursk, trois",
    ]
    assert "not the ones expected" not in caplog.text


async def test_snippets_written_with_other_ids_than_expected_are_matched_again(
    db: Database, caplog: pytest.LogCaptureFixture
) -> None:
    await follow(db, ANNA, "koursk")
    said: dict[str, tuple[list[str], str]] = {}
    rows = [
        briefings.snippet_row(date(2024, 10, 25), NewSnippet(text=text), PARIS, "now")
        for text in ("Koursk : première", "Kyiv : seconde")
    ]
    for row in rows:
        said[str(row[7])] = (words_of(str(row[1])), str(row[2]))

    async with db.transaction() as conn:
        upcoming = await Upcoming.of(db, 0, "2024-10-25T06:00:00Z")
        assert upcoming is not None
        await upcoming.expect((str(row[7]) for row in rows), said)
        # Written the other way round: the ids expected are wrong.
        await upcoming.match_while(briefings.insert_rows(conn, rows[::-1]))
        assert await upcoming.settle(said) == 1

    [alert] = await alerts_of(db, ANNA)
    [hit] = (await alerts.listing(db, ANNA, alert.load_id)).hits
    assert hit.snippet.text == "Koursk : première"
    assert "not the ones expected" in caplog.text
