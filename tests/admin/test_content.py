"""/add, /del, /correct, /summary and /snippets, as an admin types them in Telegram."""

from __future__ import annotations

from pathlib import Path

from bot.fakeapi import ChatHandle
from storage import audit, briefings, snippets
from tests.admin.conftest import SEED_DAY, AdminBot


async def test_add_stores_a_snippet_for_today_and_replies_with_its_id(
    bot: AdminBot, admin: ChatHandle, anna: ChatHandle
) -> None:
    turn = await bot.say(
        admin, "/add Des drones frappent Kharkiv cette nuit | Le Monde | https://lemonde.fr/a"
    )
    [stored] = await snippets.for_day(bot.db, SEED_DAY)  # the clock's today
    assert turn.sent[0].text == f"➕ Extrait #{stored.id} ajouté au jeudi 24 octobre 2024."
    assert (stored.text, stored.source, stored.url) == (
        "Des drones frappent Kharkiv cette nuit",
        "Le Monde",
        "https://lemonde.fr/a",
    )
    turn = await bot.say(anna, "/search kharkiv")
    assert "Des drones frappent Kharkiv cette nuit" in turn.sent[0].text
    turn = await bot.say(admin, "/add des drones frappent kharkiv cette nuit...")
    assert turn.sent[0].text == (
        f"Cet extrait est déjà enregistré : #{stored.id}. Rien n'a été ajouté."
    )


async def test_bad_arguments_get_a_usage_line(bot: AdminBot, admin: ChatHandle) -> None:
    expected = {
        "/add": "Usage : /add TEXTE [| source | lien]",
        "/add Un texte | Le Monde | lemonde.fr": (
            "Le lien « lemonde.fr » doit être une adresse http:// ou https://."
        ),
        "/del": "Usage : /del ID — le numéro de l'extrait (voir /snippets DATE)",
        "/del douze": "« douze » n'est pas un numéro d'extrait. Exemple : /del 1234",
        "/correct 12": "Usage : /correct ID NOUVEAU TEXTE — ID : voir /snippets DATE",
        "/summary": "Usage : /summary DATE, puis envoyez le résumé dans le message suivant",
        "/summary 31/02": "Je ne comprends pas la date « 31/02 ».",
        "/snippets demain": "Je ne comprends pas la date « demain ».",
        "/del 999": "Il n'y a pas d'extrait #999.",
        "/correct 999 Nouveau texte": "Il n'y a pas d'extrait #999.",
    }
    for command, start in expected.items():
        turn = await bot.say(admin, command)
        assert turn.sent[0].text.startswith(start), command
    assert await snippets.count(bot.db) == 0


async def test_del_asks_before_deleting(
    seeded: Path, bot: AdminBot, admin: ChatHandle, anna: ChatHandle
) -> None:
    first, second, *_ = await snippets.for_day(bot.db, SEED_DAY)
    turn = await bot.say(admin, f"/del {first.id}")
    [question] = turn.sent
    assert question.text.startswith(f"Supprimer l'extrait #{first.id} du jeudi 24 octobre 2024 ?")
    assert first.text in question.text
    turn = await bot.press(admin, question, "Annuler")
    assert turn.edited[0].text == f"Extrait #{first.id} conservé."
    assert await snippets.get(bot.db, first.id) is not None

    [question] = (await bot.say(admin, f"/del #{second.id}")).sent
    turn = await bot.press(admin, question, "🗑 Supprimer")
    assert turn.edited[0].text == f"🗑 Extrait #{second.id} supprimé."
    assert turn.edited[0].buttons == []
    assert await snippets.get(bot.db, second.id) is None
    assert await snippets.count(bot.db) == 15
    found = await bot.say(anna, "/search " + second.text.split()[3])
    assert second.text not in "\n".join(m.text for m in found.sent)


async def test_correct_rewrites_a_snippet_everywhere_it_is_read(
    seeded: Path, bot: AdminBot, admin: ChatHandle, anna: ChatHandle
) -> None:
    target = (await snippets.for_day(bot.db, SEED_DAY))[0]
    turn = await bot.say(admin, f"/correct {target.id} Zaporijia tient bon selon l'état-major")
    assert turn.sent[0].text == f"✏️ Extrait #{target.id} corrigé."
    corrected = await snippets.get(bot.db, target.id)
    assert corrected is not None
    assert (corrected.text, corrected.source, corrected.day) == (
        "Zaporijia tient bon selon l'état-major",
        target.source,
        target.day,
    )
    found = await bot.say(anna, "/search zaporijia")
    assert "Zaporijia tient bon" in found.sent[0].text
    other = (await snippets.for_day(bot.db, SEED_DAY))[1]
    turn = await bot.say(admin, f"/correct {other.id} {corrected.text}")
    assert turn.sent[0].text == (
        f"Ce texte est déjà celui de l'extrait #{target.id} : rien n'a changé."
    )


async def test_summary_takes_the_next_message(
    seeded: Path, bot: AdminBot, admin: ChatHandle, anna: ChatHandle
) -> None:
    turn = await bot.say(admin, "/summary 24/10/2024")
    assert turn.sent[0].text == (
        "Envoyez maintenant le résumé du jeudi 24 octobre 2024 en un seul message "
        "(une ligne vide entre les paragraphes)."
    )
    turn = await bot.say(admin, "Koursk tient.\nLa ligne est stable.\n\nKyiv sous les drones.")
    assert turn.sent[0].text == "📝 Résumé du jeudi 24 octobre 2024 enregistré."
    saved = await briefings.get(bot.db, SEED_DAY)
    assert saved is not None
    assert saved.summary == "Koursk tient. La ligne est stable.\n\nKyiv sous les drones."
    # Answered: the next plain text is a search again.
    turn = await bot.say(admin, "koursk")
    assert not turn.sent[0].text.startswith("📝")


async def test_summary_can_be_given_at_once_or_cancelled(
    seeded: Path, bot: AdminBot, admin: ChatHandle
) -> None:
    turn = await bot.say(admin, "/summary 2024-10-24 Une journée calme sur le front.")
    assert turn.sent[0].text == "📝 Résumé du jeudi 24 octobre 2024 enregistré."
    [question] = (await bot.say(admin, "/summary hier")).sent
    turn = await bot.press(admin, question, "Annuler")
    assert turn.edited[0].text == "Résumé inchangé."
    await bot.say(admin, "koursk")
    saved = await briefings.get(bot.db, SEED_DAY)
    assert saved is not None and saved.summary == "Une journée calme sur le front."


async def test_snippets_lists_a_day_with_ids(
    seeded: Path, bot: AdminBot, admin: ChatHandle
) -> None:
    day = await snippets.for_day(bot.db, SEED_DAY)
    turn = await bot.say(admin, "/snippets 24/10/2024")
    text = "\n".join(m.text for m in turn.sent)
    assert text.startswith("Extraits du jeudi 24 octobre 2024 (16)\n")
    assert f"\n#{day[0].id} {day[0].text[:90]}" in text
    turn = await bot.say(admin, "/snippets 2024-10-20")
    assert turn.sent[0].text == "Aucun extrait pour le dimanche 20 octobre 2024."


async def test_a_reader_gets_a_refusal_and_nothing_changes(
    seeded: Path, bot: AdminBot, anna: ChatHandle, admin: ChatHandle
) -> None:
    target = (await snippets.for_day(bot.db, SEED_DAY))[0]
    before = await snippets.for_day(bot.db, SEED_DAY)
    commands = [
        "/add Un extrait inventé",
        f"/del {target.id}",
        f"/correct {target.id} Un autre texte",
        "/summary 24/10/2024 Autre résumé",
        "/summary 24/10/2024",
        "/snippets",
        "/audit",
        "/publish",
        "/stats",
    ]
    for command in commands:
        turn = await bot.say(anna, command)
        assert [m.text for m in turn.sent] == [
            "Cette commande est réservée aux administrateurs du bot."
        ], command
    turn = await bot.say(anna, "Texte libre après /summary")
    assert not turn.sent[0].text.startswith("📝")
    # The admin's question, its button pressed by someone else, does nothing either.
    [question] = (await bot.say(admin, f"/del {target.id}")).sent
    query = await admin.press(question, "🗑 Supprimer", from_user=anna)
    answer = await bot.telegram.wait_callback_answer(query)
    assert answer.text == "Cette commande est réservée aux administrateurs du bot."
    assert await snippets.for_day(bot.db, SEED_DAY) == before
    saved = await briefings.get(bot.db, SEED_DAY)
    assert saved is not None and saved.summary is not None
    assert saved.summary.startswith("La guerre entre l'Ukraine")
    assert await audit.recent(bot.db) == []
