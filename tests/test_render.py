"""Rendering is pure: these check what a reader sees, and that Telegram would accept it."""

from __future__ import annotations

from datetime import UTC, date, datetime
from html.parser import HTMLParser

from bot import render
from bot.digest import Digest, build_digest
from bot.digest.model import Item, Story
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


def digest_of(snippets: list[Snippet]) -> Digest:
    return build_digest(snippets)


NO_STORIES = Digest(stories=())


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
    reply = render.briefing(Briefing(DAY, "Titre", None), NO_STORIES, "fr", war_start=WAR_START)
    assert visible(reply.parts[0]).startswith("📰 Jeudi 24 octobre 2024 · jour 974\nTitre")


def test_briefing_in_english() -> None:
    reply = render.briefing(Briefing(DAY, None, None), NO_STORIES, "en", war_start=WAR_START)
    assert "Thursday 24 October 2024 · day 974" in visible(reply.parts[0])


def test_fallback_names_the_day_asked_and_the_day_shown() -> None:
    reply = render.briefing(
        Briefing(DAY, "T", None),
        NO_STORIES,
        "fr",
        war_start=WAR_START,
        requested=date(2024, 10, 26),
    )
    assert visible(reply.parts[0]).startswith(
        "Pas encore de briefing pour le samedi 26 octobre 2024. Voici le dernier, du jeudi 24"
    )


def test_hostile_content_is_escaped() -> None:
    hostile = snippet(
        1, "<script>alert(1)</script> & *_[ 🌍", source="A&B <i>", url='https://x/?a="1"&b'
    )
    reply = render.briefing(
        Briefing(DAY, "<b>Titre</b> & co", "Résumé <tag> & x"),
        digest_of([hostile]),
        "fr",
        war_start=WAR_START,
    )
    shown = visible("".join(reply.parts))
    assert "<script>alert(1)</script> & *_[ 🌍" in shown
    assert "<b>Titre</b> & co" in shown and "Résumé <tag> & x" in shown
    assert 'href="https://x/?a=&quot;1&quot;&amp;b"' in reply.parts[0]


def test_long_summary_is_folded_and_split_within_telegram_limit() -> None:
    summary = "\n\n".join(f"Paragraphe {i}. " + "mot " * 250 for i in range(10))
    # Forty unrelated stories: six are key stories, thirty of the others are listed.
    stories = tuple(
        Story(f"Histoire {i}", (Item((snippet(i, f"Extrait {i}"),)),)) for i in range(40)
    )
    reply = render.briefing(Briefing(DAY, "T", summary), Digest(stories), "fr", war_start=WAR_START)
    assert len(reply.parts) > 1
    assert "<blockquote expandable>" in reply.parts[0]
    for part in reply.parts:
        visible(part)
        assert visible_len(part) <= 4096
    shown = visible("".join(reply.parts))
    assert "6. Histoire 5 · 1 extrait · 1 source\nExtrait 5" in shown
    assert "Les autres extraits (34)" in shown
    assert "Extrait 35" in shown and "Extrait 36" not in shown
    assert "… et 4 autres extraits" in shown


def test_key_stories_show_label_counts_and_medoid() -> None:
    reprint = "Les États-Unis confirment l'envoi de soldats nord-coréens en Russie."
    story = Story(
        "Soldats · nord-coréens",
        (
            Item((snippet(1, reprint, "AFP"), snippet(2, reprint + " (AFP)", "Le Figaro"))),
            Item((snippet(3, "Séoul condamne le déploiement de soldats", "Yonhap"),)),
        ),
    )
    lone = Story("Pompier", (Item((snippet(4, "Un pompier condamné", None),)),))
    digest = Digest((story, lone))
    fr = visible(
        render.briefing(Briefing(DAY, None, None), digest, "fr", war_start=WAR_START).parts[0]
    )
    assert fr.startswith(
        "📰 Jeudi 24 octobre 2024 · jour 974\nSoldats · nord-coréens\n\nÀ retenir\n"
    )
    assert "1. Soldats · nord-coréens · 3 extraits · 3 sources\n" + reprint + " — AFP" in fr
    assert "2. Pompier · 1 extrait\nUn pompier condamné" in fr
    en = render.briefing(
        Briefing(DAY, "Admin title", None), digest, "en", war_start=WAR_START, key_stories=1
    )
    shown = visible(en.parts[0])
    assert (
        "Admin title\n\nKey stories\n\n1. Soldats · nord-coréens · 3 snippets · 3 sources" in shown
    )
    assert "Other snippets (1)\n• Un pompier condamné" in shown


def test_other_snippets_name_every_outlet_that_printed_them() -> None:
    text = "Kiev annonce un échange de prisonniers."
    item = Item((snippet(1, text, "AFP"), snippet(2, text + "..", "Le Monde")))
    digest = Digest((Story("a", (Item((snippet(3, "x"),)),)), Story("b", (item,))))
    reply = render.briefing(
        Briefing(DAY, "T", None), digest, "fr", war_start=WAR_START, key_stories=1
    )
    assert f"• {text} — AFP · 24 oct. 2024 · aussi : Le Monde" in visible(reply.parts[0])


def test_source_with_url_is_a_link() -> None:
    reply = render.briefing(
        Briefing(DAY, None, None),
        digest_of([snippet(1, "x", source="Le Monde", url="https://lemonde.fr/a")]),
        "fr",
        war_start=WAR_START,
    )
    assert '<a href="https://lemonde.fr/a">Le Monde</a> · 24 oct. 2024' in reply.parts[0]


def test_help_lists_every_command_with_its_menu_text() -> None:
    for lang in ("fr", "en"):
        shown = visible(render.help_text(lang).parts[0])
        for name in COMMANDS:
            assert f"/{name} — {t(lang, f'command.{name}')}" in shown
