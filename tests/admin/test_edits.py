"""Planning the edits of delivered copies: part for part, too old left, extra parts, leftovers."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.admin.edits import EDIT_WINDOW, ChatEdits, plan_edits
from bot.render import Reply
from storage.delivered import DeliveredDay

NOW = datetime(2024, 10, 26, 12, 0, tzinfo=UTC)


def copy(chat_id: int, ids: tuple[int, ...], *, age: timedelta, lang: str = "fr") -> DeliveredDay:
    kind = "user" if chat_id > 0 else "channel"
    return DeliveredDay(chat_id, kind, lang, ids, NOW - age)


def test_each_part_replaces_the_message_that_held_it() -> None:
    plan = plan_edits(
        [copy(1, (10, 11), age=timedelta(hours=1)), copy(-5, (7, 8), age=timedelta(hours=47))],
        {"fr": Reply(("un", "deux"))},
        NOW,
    )
    assert plan.chats == (
        ChatEdits(1, False, ((10, "un"), (11, "deux"))),
        ChatEdits(-5, True, ((7, "un"), (8, "deux"))),
    )
    assert (plan.messages, plan.too_old, plan.emptied) == (4, 0, 0)


def test_copies_older_than_the_window_are_left_and_counted_in_messages() -> None:
    plan = plan_edits(
        [copy(1, (10, 11), age=EDIT_WINDOW), copy(2, (3,), age=EDIT_WINDOW - timedelta(seconds=1))],
        {"fr": Reply(("un",))},
        NOW,
    )
    assert [chat.chat_id for chat in plan.chats] == [2]
    assert plan.too_old == 2


def test_each_copy_gets_its_own_language() -> None:
    plan = plan_edits(
        [copy(1, (10,), age=timedelta(0)), copy(2, (20,), age=timedelta(0), lang="en")],
        {"fr": Reply(("jeudi",)), "en": Reply(("Thursday",))},
        NOW,
    )
    assert [chat.edits for chat in plan.chats] == [((10, "jeudi"),), ((20, "Thursday"),)]


def test_a_longer_briefing_adds_parts_and_a_shorter_one_removes_messages() -> None:
    longer = plan_edits([copy(1, (10,), age=timedelta(0))], {"fr": Reply(("a", "b", "c"))}, NOW)
    [chat] = longer.chats
    assert (chat.edits, chat.extra_parts, chat.surplus) == (((10, "a"),), ("b", "c"), ())
    shorter = plan_edits([copy(1, (10, 11, 12), age=timedelta(0))], {"fr": Reply(("a",))}, NOW)
    [chat] = shorter.chats
    assert (chat.edits, chat.extra_parts, chat.surplus) == (((10, "a"),), (), (11, 12))
    assert chat.kept_ids == (10,)


def test_a_day_left_without_content_is_not_touched() -> None:
    plan = plan_edits([copy(1, (10, 11), age=timedelta(0))], {"fr": None}, NOW)
    assert (plan.chats, plan.emptied) == ((), 2)
