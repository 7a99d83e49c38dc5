"""/subscribe, /unsubscribe, /settings and its buttons, /tz: what a reader sees."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.fakeapi import ChatHandle, FakeTelegram
from storage import subscribers
from tests.push.conftest import PushBot


async def test_subscribe_confirms_the_next_delivery_in_local_time(
    bot: PushBot, anna: ChatHandle
) -> None:
    turn = await bot.say(anna, "/subscribe")
    assert [m.text for m in turn.sent] == [
        "🔔 C'est noté : vous recevrez le briefing chaque jour à 08:00 (Europe/Paris).\n"
        "Prochain envoi : jeudi 24 octobre 2024 à 08:00.\n"
        "/settings pour changer l'heure, le fuseau ou la langue."
    ]
    assert turn.sent[0].current.bold_texts() == ["jeudi 24 octobre 2024 à 08:00"]
    stored = await subscribers.get(bot.runtime.db, anna.id)
    assert stored is not None and stored.active and stored.kind == "user"
    assert stored.next_push_at == datetime(2024, 10, 24, 6, 0, tzinfo=UTC)


async def test_a_time_already_past_today_means_tomorrow(bot: PushBot, anna: ChatHandle) -> None:
    turn = await bot.say(anna, "/subscribe 6h30")
    assert "chaque jour à 06:30" in turn.sent[0].text
    assert "Prochain envoi : vendredi 25 octobre 2024 à 06:30." in turn.sent[0].text


async def test_english_reader_and_bad_time(bot: PushBot, john: ChatHandle) -> None:
    turn = await bot.say(john, "/subscribe 25:00")
    assert turn.sent[0].text == "I don't understand the time “25:00”. Example: /subscribe 07:30"
    turn = await bot.say(john, "/subscribe 19:15")
    assert "Next one: Thursday 24 October 2024 at 19:15." in turn.sent[0].text


async def test_unsubscribe_and_subscribe_again_keeps_the_time(
    bot: PushBot, anna: ChatHandle
) -> None:
    turn = await bot.say(anna, "/unsubscribe")
    assert turn.sent[0].text.startswith("Vous n'êtes pas abonné.")
    await bot.say(anna, "/subscribe 07:45")
    turn = await bot.say(anna, "/unsubscribe")
    assert turn.sent[0].text.startswith("🔕 Vous ne recevrez plus le briefing quotidien.")
    stored = await subscribers.get(bot.runtime.db, anna.id)
    assert stored is not None and (stored.active, stored.inactive_reason) == (
        False,
        "unsubscribed",
    )
    turn = await bot.say(anna, "/subscribe")
    assert "chaque jour à 07:45" in turn.sent[0].text


async def test_tz_validates_the_zone_and_reschedules(bot: PushBot, anna: ChatHandle) -> None:
    await bot.say(anna, "/subscribe 09:00")
    turn = await bot.say(anna, "/tz Mars/Olympus")
    assert turn.sent[0].text.startswith("Je ne connais pas le fuseau « Mars/Olympus ».")
    turn = await bot.say(anna, "/tz europe/kyiv")
    assert turn.sent[0].text == (
        "🌍 Fuseau horaire : Europe/Kyiv. Prochain envoi : jeudi 24 octobre 2024 à 09:00."
    )
    stored = await subscribers.get(bot.runtime.db, anna.id)
    assert stored is not None and stored.timezone == "Europe/Kyiv"
    # 09:00 in Kyiv (UTC+3 until the end of October) is 06:00 UTC, not 07:00 as in Paris.
    assert stored.next_push_at == datetime(2024, 10, 24, 6, 0, tzinfo=UTC)
    turn = await bot.say(anna, "/tz")
    assert turn.sent[0].text.endswith("(actuel : Europe/Kyiv)")


async def test_tz_before_subscribing_is_kept_for_the_subscription(
    bot: PushBot, anna: ChatHandle
) -> None:
    turn = await bot.say(anna, "/tz America/Montreal")
    assert turn.sent[0].text.startswith("🌍 Fuseau horaire : America/Montreal. /subscribe")
    turn = await bot.say(anna, "/subscribe")
    assert "à 08:00 (America/Montreal)" in turn.sent[0].text


async def test_settings_buttons_change_time_zone_and_language(
    bot: PushBot, anna: ChatHandle
) -> None:
    await bot.say(anna, "/subscribe")
    [settings] = (await bot.say(anna, "/settings")).sent
    assert settings.text.splitlines() == [
        "Briefing quotidien",
        "Abonnement : actif",
        "Heure : 08:00",
        "Fuseau horaire : Europe/Paris",
        "Langue : français",
        "Prochain envoi : jeudi 24 octobre 2024 à 08:00",
    ]
    await bot.press(anna, settings, "🕗 Heure")
    await bot.press(anna, settings, "07:00")
    assert "Heure : 07:00" in settings.text
    await bot.press(anna, settings, "🌍 Fuseau")
    await bot.press(anna, settings, "Kyiv")
    assert "Fuseau horaire : Europe/Kyiv" in settings.text
    await bot.press(anna, settings, "🗣 Langue")
    await bot.press(anna, settings, "English")
    assert settings.text.splitlines()[0] == "Daily briefing"
    assert "Time: 07:00" in settings.text
    stored = await subscribers.get(bot.runtime.db, anna.id)
    assert stored is not None
    assert (stored.push_time, stored.timezone, stored.language) == ("07:00", "Europe/Kyiv", "en")
    turn = await bot.say(anna, "/help")
    assert turn.sent[0].text.startswith("Commands")
    await bot.press(anna, settings, "🔕 Unsubscribe")
    assert "Subscription: none" in settings.text


async def test_the_start_button_subscribes(bot: PushBot, anna: ChatHandle) -> None:
    [welcome] = (await bot.say(anna, "/start")).sent
    turn = await bot.press(anna, welcome, "🔔 S'abonner")
    assert turn.sent[0].text.startswith("🔔 C'est noté : vous recevrez le briefing chaque jour")


async def test_in_a_group_only_its_admins_manage_the_subscription(
    bot: PushBot, telegram: FakeTelegram, anna: ChatHandle, john: ChatHandle
) -> None:
    group = telegram.group(-500, "Veille")
    group.add_member(anna, "administrator")
    group.add_member(john, "member")
    turn = await bot.say(group, "/subscribe", by=john)
    assert turn.sent[0].text == "In a group, only its administrators manage the subscription."
    turn = await bot.say(group, "/subscribe 09:00", by=anna)
    assert "chaque jour à 09:00" in turn.sent[0].text
    stored = await subscribers.get(bot.runtime.db, group.id)
    assert stored is not None and stored.kind == "group" and stored.title == "Veille"
