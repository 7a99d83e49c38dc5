"""Rendering is pure: these check what a reader sees, and that Telegram would accept it."""

from __future__ import annotations

from datetime import UTC, date, datetime
from html.parser import HTMLParser

from bot import render
from bot.i18n import COMMANDS, t
from bot.textsplit import visible_len
from storage.models import Briefing, Snippet

DAY = date(2024, 10, 24)
WAR_START = date(2022, 2, 24)


def snippet(
    number: int, text: str, source: str | None = "Le Monde", url: str | None = None
) -> Snippet:
    return Snippet(
        id=number,
        day=DAY,
        text=text,
        source=source,
        url=url,
        published_at=datetime(2024, 10, 24, 8, tzinfo=UTC),
        lang="fr",
    )


class TagCheck(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        assert tag in {"b", "i", "a", "blockquote"}, tag
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack.pop() == tag

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def visible(html: str) -> str:
    checker = TagCheck()
    checker.feed(html)
    checker.close()
    assert checker.stack == []
    return "".join(checker.text)


def test_briefing_header_has_french_date_and_war_day() -> None:
    reply = render.briefing(Briefing(DAY, "Titre", None), [], "fr", war_start=WAR_START)
    assert visible(reply.parts[0]).startswith("📰 Jeudi 24 octobre 2024 · jour 974\nTitre")


def test_briefing_in_english() -> None:
    reply = render.briefing(Briefing(DAY, None, None), [], "en", war_start=WAR_START)
    assert "Thursday 24 October 2024 · day 974" in visible(reply.parts[0])


def test_fallback_names_the_day_asked_and_the_day_shown() -> None:
    reply = render.briefing(
        Briefing(DAY, "T", None), [], "fr", war_start=WAR_START, requested=date(2024, 10, 26)
    )
    assert visible(reply.parts[0]).startswith(
        "Pas encore de briefing pour le samedi 26 octobre 2024. Voici le dernier, du jeudi 24"
    )


def test_hostile_content_is_escaped() -> None:
    hostile = snippet(
        1, "<script>alert(1)</script> & *_[ 🌍", source="A&B <i>", url='https://x/?a="1"&b'
    )
    reply = render.briefing(
        Briefing(DAY, "<b>Titre</b> & co", "Résumé <tag> & x"), [hostile], "fr", war_start=WAR_START
    )
    shown = visible("".join(reply.parts))
    assert "<script>alert(1)</script> & *_[ 🌍" in shown
    assert "<b>Titre</b> & co" in shown and "Résumé <tag> & x" in shown
    assert 'href="https://x/?a=&quot;1&quot;&amp;b"' in reply.parts[0]


def test_long_summary_is_folded_and_split_within_telegram_limit() -> None:
    summary = "\n\n".join(f"Paragraphe {i}. " + "mot " * 250 for i in range(10))
    snippets = [snippet(i, f"Extrait {i}") for i in range(40)]
    reply = render.briefing(Briefing(DAY, "T", summary), snippets, "fr", war_start=WAR_START)
    assert len(reply.parts) > 1
    assert "<blockquote expandable>" in reply.parts[0]
    for part in reply.parts:
        visible(part)
        assert visible_len(part) <= 4096
    shown = visible("".join(reply.parts))
    assert "Extrait 29" in shown and "Extrait 30" not in shown
    assert "… et 10 autres extraits" in shown


def test_source_with_url_is_a_link() -> None:
    reply = render.briefing(
        Briefing(DAY, None, None),
        [snippet(1, "x", source="Le Monde", url="https://lemonde.fr/a")],
        "fr",
        war_start=WAR_START,
    )
    assert '<a href="https://lemonde.fr/a">Le Monde</a> · 24 oct. 2024' in reply.parts[0]


def test_help_lists_every_command_with_its_menu_text() -> None:
    for lang in ("fr", "en"):
        shown = visible(render.help_text(lang).parts[0])
        for name in COMMANDS:
            assert f"/{name} — {t(lang, f'command.{name}')}" in shown
