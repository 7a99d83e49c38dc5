"""The alert and the list of follows as the user reads them: bold, escaped, within limits."""

from __future__ import annotations

from datetime import UTC, date, datetime

from bot.follow.delivery import wanted_for
from bot.follow.render import alert, following, parse_unfollow_callback
from bot.gazetteer import shipped
from bot.textsplit import TELEGRAM_TEXT_LIMIT, visible_len
from storage.alerts import Hit
from storage.follows import Follow
from storage.models import Snippet


def hit(
    number: int, text: str, queries: tuple[str, ...] = ("kursk",), source: str = "Le Monde"
) -> Hit:
    snippet = Snippet(
        id=number,
        day=date(2024, 10, 24),
        text=text,
        source=source,
        url="https://www.lemonde.fr/a?b=1&c=2",
        published_at=datetime(2024, 10, 24, 8, 0, tzinfo=UTC),
        lang="fr",
    )
    return Hit(snippet, queries)


def test_an_alert_bolds_the_spelling_found_and_names_the_source() -> None:
    hits = [hit(1, "Les combats continuent dans la région de Koursk.")]

    text = alert("fr", hits, 1, {"kursk": wanted_for("kursk", shipped())})

    assert text.startswith("🔔 <b>Nouveau pour « kursk »</b>\n\n1. ")
    assert "région de <b>Koursk</b>." in text
    assert '<a href="https://www.lemonde.fr/a?b=1&amp;c=2">Le Monde</a>' in text
    assert "autre" not in text


def test_a_long_alert_fits_one_message_and_counts_the_rest() -> None:
    long_text = "Koursk " + "très long extrait sur le front " * 40
    hits = [hit(n, f"{n} {long_text}") for n in range(1, 9)]

    text = alert("fr", hits, 40, {"kursk": wanted_for("kursk", shipped())})

    assert visible_len(text) <= TELEGRAM_TEXT_LIMIT
    assert "… et 32 autres extraits." in text
    assert text.count("<b>Koursk</b>") == 8


def test_an_alert_that_would_pass_the_limit_lists_fewer_snippets() -> None:
    queries = tuple(f"mot{n} " + "x" * 50 for n in range(3))
    wanted = {q: wanted_for(q, None) for q in queries}
    texty = "&<> " * 700
    hits = [hit(n, texty, queries, source="Agence " * 60) for n in range(1, 9)]

    text = alert("en", hits, 8, wanted)

    assert visible_len(text) <= TELEGRAM_TEXT_LIMIT
    assert text.count("</a> · ") == 5
    assert "more snippets." in text
    assert "&lt;" in text and "<>" not in text


def test_a_query_is_escaped_in_the_title() -> None:
    hits = [hit(1, "Un <b> dans le texte", ("<b>",))]

    text = alert("en", hits, 1, {"<b>": wanted_for("<b>", None)})

    assert text.startswith("🔔 <b>New for “&lt;b&gt;”</b>")


def test_the_list_numbers_the_follows_with_a_button_each() -> None:
    follows = [Follow(7, 1001, "kursk"), Follow(9, 1001, '"corée du nord" <x>')]

    reply = following("fr", follows, 20, None, "Europe/Paris")

    assert '1. kursk\n2. "corée du nord" &lt;x&gt;' in reply.parts[0]
    assert "(2 sur 20)" in reply.parts[0]
    assert reply.keyboard is not None
    [[first, second]] = reply.keyboard.inline_keyboard
    assert (first.text, second.text) == ("✖ 1", "✖ 2")
    assert parse_unfollow_callback(str(second.callback_data)) == 9
    assert parse_unfollow_callback("push:menu:time") is None
