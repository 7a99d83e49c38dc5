"""The digest cache on a real SQLite file: used while the day is unchanged, rebuilt after."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

from bot.briefing import compose_briefing, day_digest
from bot.digest import codec
from bot.digest.model import Digest
from storage import briefings, digests, snippets
from storage.db import open_database
from storage.models import NewBriefing, NewSnippet
from tests.digest.labelled import seed_day

DAY = date(2024, 10, 24)
WAR_START = date(2022, 2, 24)


def new_snippets() -> tuple[NewSnippet, ...]:
    return tuple(
        NewSnippet(s.text, source=s.source, published_at=s.published_at)
        for s in seed_day().snippets
    )


async def test_stored_stories_are_used_until_the_day_changes(tmp_path: Path) -> None:
    db = await open_database(tmp_path / "cache.db")
    try:
        await briefings.save_all(db, [NewBriefing(DAY, snippets=new_snippets())])
        day = await snippets.for_day(db, DAY)
        built = await day_digest(db, DAY, day)
        key = codec.content_key(day)
        stored = await digests.get(db, DAY, key)
        assert stored is not None and codec.decode(stored, day) == built

        # What is read back is the stored row, not a fresh build.
        relabelled = json.loads(stored)
        relabelled[0]["label"] = "Étiquette en cache"
        await digests.put(db, DAY, key, json.dumps(relabelled))
        assert (await day_digest(db, DAY, day)).stories[0].label == "Étiquette en cache"

        more = NewSnippet("Kiev annonce un nouvel échange de prisonniers avec Moscou.")
        await briefings.save_all(db, [NewBriefing(DAY, snippets=(more,))])
        changed = await snippets.for_day(db, DAY)
        assert codec.content_key(changed) != key
        rebuilt = await day_digest(db, DAY, changed)
        assert rebuilt.snippet_count == 17
        assert rebuilt.stories[0].label != "Étiquette en cache"
        assert await digests.get(db, DAY, key) is None
    finally:
        await db.close()


async def test_briefing_without_admin_title_takes_the_top_storys_label(tmp_path: Path) -> None:
    db = await open_database(tmp_path / "untitled.db")
    try:
        await briefings.save_all(db, [NewBriefing(DAY, snippets=new_snippets())])
        reply = await compose_briefing(
            db, DAY, "fr", war_start=WAR_START, fallback=False, key_stories=2
        )
        assert reply is not None
        first = reply.parts[0]
        assert first.startswith("📰 <b>Jeudi 24 octobre 2024</b> · jour 974\n<b>Soldats")
        assert "<b>À retenir</b>" in first and "\n3. " not in first
        assert "<b>Les autres extraits</b> (5)" in "".join(reply.parts)
    finally:
        await db.close()


def test_a_stored_digest_naming_a_lost_snippet_is_ignored() -> None:
    day = seed_day().snippets
    payload = codec.encode(Digest(stories=()))
    assert codec.decode(payload, day) == Digest(stories=())
    assert codec.decode('[{"label": "x", "items": [[999]]}]', day) is None
    assert codec.decode("not json", day) is None


def test_content_key_changes_with_any_edit() -> None:
    day = list(seed_day().snippets)
    key = codec.content_key(day)
    assert codec.content_key(list(reversed(day))) == key
    edited = day[0].__class__(
        day[0].id, DAY, day[0].text + "!", None, None, datetime(2024, 10, 24, tzinfo=UTC), "fr"
    )
    assert codec.content_key([edited, *day[1:]]) != key
