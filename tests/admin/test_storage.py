"""Admin edits on a real SQLite file: rows like the importers', the index in step, the log."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from storage import audit, briefings, content_edits, delivered, deliveries, snippets, subscribers
from storage.audit import Action
from storage.content_edits import Clash, Corrected
from storage.db import Database
from storage.deliveries import Change, Planned
from storage.models import NewBriefing, NewSnippet, Subscriber

PARIS = ZoneInfo("Europe/Paris")
DAY = date(2024, 10, 24)
ROW = "SELECT day, text, search_text, source, url, published_at, lang, content_hash FROM snippets"


async def matches(db: Database, query: str) -> list[str]:
    return [hit.text for hit in (await snippets.search(db, query)).hits]


async def test_an_added_snippet_is_stored_as_a_loaded_one_would_be(db: Database) -> None:
    snippet = NewSnippet(text="Les soldats nord-coréens arrivent", source="AFP", url="https://a.fr")
    async with db.transaction() as conn:
        added = await content_edits.add_snippet(conn, DAY, snippet, PARIS)
    assert not added.duplicate
    mine = list(await db.conn.execute_fetchall(f"{ROW} WHERE id = ?", (added.snippet_id,)))
    async with db.transaction() as conn:
        await conn.execute("DELETE FROM snippets")
    await briefings.save_all(db, [NewBriefing(day=DAY, snippets=(snippet,))], tz=PARIS)
    loaded = list(await db.conn.execute_fetchall(ROW))
    assert [tuple(r) for r in mine] == [tuple(r) for r in loaded]
    async with db.transaction() as conn:
        again = await content_edits.add_snippet(conn, DAY, snippet, PARIS)
    assert again.duplicate
    assert await matches(db, "soldat") == ["Les soldats nord-coréens arrivent"]


async def test_a_corrected_snippet_is_found_by_its_new_words_only(db: Database) -> None:
    texts = ("Koursk tient toujours", "Kharkiv sous les drones")
    day = NewBriefing(day=DAY, snippets=tuple(NewSnippet(text=t) for t in texts))
    await briefings.save_all(db, [day], tz=PARIS)
    first, second = await snippets.for_day(db, DAY)
    async with db.transaction() as conn:
        result = await content_edits.correct_snippet(conn, first.id, "Soudja tient toujours", PARIS)
        clash = await content_edits.correct_snippet(conn, second.id, "soudja tient toujours", PARIS)
        missing = await content_edits.correct_snippet(conn, 999, "Rien", PARIS)
    assert result == Corrected(first.id, DAY, "Koursk tient toujours")
    assert clash == Clash(first.id)
    assert missing is None
    assert await matches(db, "koursk") == []
    assert await matches(db, "soudja") == ["Soudja tient toujours"]
    async with db.transaction() as conn:
        removed = await content_edits.delete_snippet(conn, second.id)
        await content_edits.set_summary(conn, DAY, "Un résumé")
    assert removed is not None and removed.text == "Kharkiv sous les drones"
    assert await matches(db, "kharkiv") == []
    saved = await briefings.get(db, DAY)
    assert saved is not None and saved.summary == "Un résumé"


async def test_the_audit_log_keeps_actions_newest_first(db: Database) -> None:
    await audit.record(db, Action(42, "@olena", "add", "#1", {"added": 1}))
    await audit.record(db, Action(42, None, "load", "x.yaml", outcome="failed", detail="x:1: bad"))
    [last, first] = await audit.recent(db)
    assert last.action == Action(42, None, "load", "x.yaml", {}, "failed", "x:1: bad")
    assert first.action.counts == {"added": 1}
    assert first.id < last.id and first.at <= last.at <= datetime.now(UTC)


async def test_delivered_copies_come_from_the_ledger(db: Database) -> None:
    now = datetime(2024, 10, 24, 6, 0, tzinfo=UTC)
    chats = [
        Subscriber(chat_id, kind, None, "fr", "Europe/Paris", "08:00")
        for chat_id, kind in ((1, "user"), (2, "user"), (-3, "channel"))
    ]
    await subscribers.upsert_many(db, chats)
    await deliveries.plan(db, [Planned(chat.chat_id, DAY, now) for chat in chats], [])
    await deliveries.apply(
        db,
        [
            Change(1, DAY, "sent", message_ids=(5, 6)),
            Change(2, DAY, "failed", error="blocked"),
            Change(-3, DAY, "sent", message_ids=(9,)),
        ],
    )
    found = await delivered.delivered(db, DAY)
    assert [(c.chat_id, c.kind, c.message_ids) for c in found] == [
        (-3, "channel", (9,)),
        (1, "user", (5, 6)),
    ]
    assert await delivered.count(db, DAY) == 2
    assert await delivered.count(db, date(2024, 10, 25)) == 0
