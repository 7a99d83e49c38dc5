"""A correction after the push edits the messages already delivered, within Telegram's limits."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.fakeapi import ChatHandle, FakeTelegram, Message
from storage import audit, deliveries, snippets
from storage.models import NewBriefing, NewSnippet
from storage.timefmt import utc_text
from tests.admin.conftest import AT_8, SEED_DAY, AdminBot, save_days

DAY = NewBriefing(
    day=SEED_DAY,
    title="Koursk tient",
    summary="Les combats continuent dans la région de Koursk.",
    snippets=(
        NewSnippet(text="Soudja reste sous contrôle ukrainien", source="Le Monde"),
        NewSnippet(text="Kyiv visée par des drones", source="AFP"),
    ),
)


@pytest.fixture
async def small_day(db_path: Path) -> Path:
    await save_days(db_path, [DAY])
    return db_path


async def pushed(bot: AdminBot, readers: list[ChatHandle]) -> list[Message]:
    """Subscribe the readers (John in English), run the 08:00 push; each one's message."""
    await bot.subscribe([r for r in readers if r.state.first_name != "John"])
    await bot.subscribe([r for r in readers if r.state.first_name == "John"], language="en")
    await bot.push_at(AT_8)
    delivered = []
    for reader in readers:
        [message] = reader.messages
        delivered.append(message)
    return delivered


async def finished(telegram: FakeTelegram, notice: Message) -> str:
    """The admin's confirmation once the edits are done (the bot completes it)."""
    return await telegram.wait_for(
        lambda: notice.text if "Briefings" in notice.text else None, what="the edits' report"
    )


async def test_a_correction_edits_every_delivered_copy(
    small_day: Path,
    bot: AdminBot,
    admin: ChatHandle,
    anna: ChatHandle,
    john: ChatHandle,
    telegram: FakeTelegram,
) -> None:
    channel = telegram.channel(-1001, "Veille Ukraine")
    readers = [anna, john, channel]
    copies = await pushed(bot, readers)
    assert all("Soudja reste sous contrôle ukrainien" in m.text for m in copies)
    target = (await snippets.for_day(bot.db, SEED_DAY))[0]

    corrected = "Soudja reste sous contrôle ukrainien, dit Kyiv"
    turn = await bot.say(admin, f"/correct {target.id} {corrected}")
    [notice] = turn.sent
    assert notice.text == (
        f"✏️ Extrait #{target.id} corrigé.\nMise à jour du briefing déjà envoyé (3 discussions)…"
    )
    assert await finished(bot.telegram, notice) == (
        f"✏️ Extrait #{target.id} corrigé.\nBriefings déjà envoyés : 3 messages modifiés, 0 échec."
    )
    for reader, copy in zip(readers, copies, strict=True):
        [edit] = copy.edits
        assert corrected in edit.text, reader
        assert edit.html.count("<b>") == copy.versions[0].html.count("<b>")
    assert copies[1].edits[0].text.startswith("📰 Thursday 24 October 2024 · day 974")
    [entry, correction] = [e.action for e in await audit.recent(bot.db, 2)]
    assert (entry.action, entry.subject, entry.counts) == (
        "refresh",
        "2024-10-24",
        {"chats": 3, "edited": 3},
    )
    assert correction.action == "correct"


async def test_copies_older_than_48_hours_are_left_and_counted(
    small_day: Path, bot: AdminBot, admin: ChatHandle, anna: ChatHandle, john: ChatHandle
) -> None:
    copies = await pushed(bot, [anna, john])
    three_days_ago = utc_text(datetime.now(UTC) - timedelta(days=3))
    await bot.db.write_one(
        "UPDATE deliveries SET updated_at = ? WHERE chat_id = ?", (three_days_ago, john.id)
    )
    target = (await snippets.for_day(bot.db, SEED_DAY))[1]
    [notice] = (await bot.say(admin, f"/correct {target.id} Kyiv visée par des missiles")).sent
    assert await finished(bot.telegram, notice) == (
        f"✏️ Extrait #{target.id} corrigé.\nBriefings déjà envoyés : 1 message modifié, "
        "1 trop ancien pour être modifié (plus de 48 h), 0 échec."
    )
    assert "Kyiv visée par des missiles" in copies[0].edits[0].text
    assert copies[1].edits == []


async def test_a_new_summary_and_a_deletion_edit_the_copies_too(
    small_day: Path, bot: AdminBot, admin: ChatHandle, anna: ChatHandle
) -> None:
    [copy] = await pushed(bot, [anna])
    await bot.say(admin, "/summary 24/10")
    [notice] = (await bot.say(admin, "Le front tient autour de Koursk.")).sent
    assert await finished(bot.telegram, notice) == (
        "📝 Résumé du jeudi 24 octobre 2024 enregistré.\n"
        "Briefings déjà envoyés : 1 message modifié, 0 échec."
    )
    assert "Le front tient autour de Koursk." in copy.edits[-1].text
    assert "Les combats continuent" not in copy.edits[-1].text

    target = (await snippets.for_day(bot.db, SEED_DAY))[1]
    [question] = (await bot.say(admin, f"/del {target.id}")).sent
    turn = await bot.press(admin, question, "🗑 Supprimer")
    assert turn.edited[0].text.endswith("Mise à jour du briefing déjà envoyé (1 discussion)…")
    assert (await finished(bot.telegram, question)).endswith("1 message modifié, 0 échec.")
    assert "Kyiv visée par des drones" not in copy.text


async def test_a_briefing_that_grows_or_shrinks_keeps_one_copy_of_each_part(
    small_day: Path, bot: AdminBot, admin: ChatHandle, anna: ChatHandle
) -> None:
    [copy] = await pushed(bot, [anna])
    long_summary = "\n\n".join(f"Paragraphe {n} : " + "la ligne tient. " * 40 for n in range(8))
    [notice] = (await bot.say(admin, f"/summary 24/10 {long_summary}")).sent
    assert (await finished(bot.telegram, notice)).endswith(
        "1 message modifié, 1 partie ajoutée, 0 échec."
    )
    [_, extra] = anna.messages
    assert copy.edits[0].text.startswith("📰 Jeudi 24 octobre 2024")
    assert extra.text.endswith("Kyiv visée par des drones — AFP · 24 oct. 2024")
    ledger = await deliveries.get(bot.db, anna.id, SEED_DAY)
    assert ledger is not None
    assert ledger.message_ids == (copy.message_id, anna.messages[-1].message_id)

    [notice] = (await bot.say(admin, "/summary 24/10 La ligne tient.")).sent
    assert (await finished(bot.telegram, notice)).endswith(
        "1 message modifié, 1 partie retirée, 0 échec."
    )
    assert extra.deleted
    ledger = await deliveries.get(bot.db, anna.id, SEED_DAY)
    assert ledger is not None and ledger.message_ids == (copy.message_id,)


async def test_edits_to_many_chats_keep_to_telegrams_rate(
    small_day: Path, bot: AdminBot, admin: ChatHandle, telegram: FakeTelegram
) -> None:
    readers = [telegram.user(5000 + n) for n in range(45)]
    copies = await pushed(bot, readers)
    target = (await snippets.for_day(bot.db, SEED_DAY))[0]
    [notice] = (await bot.say(admin, f"/correct {target.id} Soudja tient, dit Kyiv")).sent
    assert (await finished(bot.telegram, notice)).endswith("45 messages modifiés, 0 échec.")
    assert all("Soudja tient, dit Kyiv" in copy.text for copy in copies)
    # 45 edits at 30 messages/s take about 1.5 s of the shared clock; none was refused.
    edits = [c.at for c in telegram.calls_to("editMessageText") if c.params["chat_id"] >= 5000]
    assert len(edits) == 45
    assert max(edits) - min(edits) >= 44 / 30 - 0.1
    assert not telegram.throttled and not telegram.violations
