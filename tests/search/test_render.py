"""Search replies: bold stems, spellings and phrases; totals past the cap; corrections; inline."""

from __future__ import annotations

from datetime import UTC, date, datetime

from bot.gazetteer import shipped
from bot.highlight import Wanted, highlight
from bot.render_search import inline_results, search_results
from storage.models import SearchPage, Snippet
from storage.search_match import plan
from storage.search_query import parse
from storage.snippets import COUNT_CAP
from tests.test_highlight import bolded


def wanted(query: str) -> Wanted:
    return Wanted.from_forms(plan(parse(query), shipped()).groups)


def hit(number: int, text: str, lang: str = "fr") -> Snippet:
    return Snippet(
        id=number,
        day=date(2024, 10, 24),
        text=text,
        source="Le Monde",
        url=None,
        published_at=datetime(2024, 10, 24, tzinfo=UTC),
        lang=lang,
    )


def test_other_spellings_stems_and_phrases_are_bolded() -> None:
    text = "Des soldats nord-coréens à Koursk (Курск), la Corée du Nord dément."
    assert bolded(highlight(text, wanted("Kursk"), lang="fr")) == ["Koursk", "Курск"]
    assert bolded(highlight(text, wanted("soldat"), lang="fr")) == ["soldats"]
    assert bolded(highlight(text, wanted("North Korea"), lang="fr")) == ["Corée", "du", "Nord"]
    assert bolded(highlight("du pain et du vin", wanted("Corée du Nord"), lang="fr")) == []
    assert bolded(highlight("Бахмут держится", wanted("bakhmut"), lang="ru")) == ["Бахмут"]
    assert bolded(highlight("Kyiv, Kyrgyz", wanted("ky*"))) == ["Kyiv", "Kyrgyz"]


def test_stems_are_bolded_only_given_the_snippets_language() -> None:
    assert bolded(highlight("Des soldats", wanted("soldat"))) == []


def test_a_total_past_the_cap_says_more_than() -> None:
    page = SearchPage((hit(1, "Ukraine"),), COUNT_CAP + 1, 0, ("ukraine",))
    reply = search_results(page, "ukraine", 3, "fr", 5)
    assert reply.parts[0].startswith(f"🔎 <b>ukraine</b> — 1–1 sur plus de {COUNT_CAP}")
    english = search_results(page, "ukraine", 3, "en", 5)
    assert f"1–1 of more than {COUNT_CAP}" in english.parts[0]


def test_a_corrected_query_says_what_was_searched() -> None:
    page = SearchPage((hit(1, "Koursk tient"),), 1, 0, ("koursk",))
    reply = search_results(page, "kourks", 3, "fr", 5, corrected="koursk")
    assert reply.parts[0].startswith(
        "🔎 Résultats pour « <b>koursk</b> » — 1–1 sur 1\n"
        "<i>Aucun extrait ne contient « kourks ».</i>"
    )
    english = search_results(page, "<kourks>", 3, "en", 5, corrected="koursk")
    assert "Results for “<b>koursk</b>”" in english.parts[0]
    assert "No snippet contains “&lt;kourks&gt;”." in english.parts[0]


def test_inline_results_are_articles_with_a_plain_description() -> None:
    hits = tuple(hit(n, f"Combats à <Koursk> n°{n}") for n in range(50))
    articles, following = inline_results(SearchPage(hits, 120, 0, ("koursk",)), "fr")
    assert len(articles) == 50 and following == "50"
    first = articles[0]
    assert first.title == "Le Monde · 24 oct. 2024"
    assert first.description == "Combats à <Koursk> n°0"
    content = first.input_message_content
    assert "Combats à &lt;<b>Koursk</b>&gt; n°0" in getattr(content, "message_text", "")
    _, last = inline_results(SearchPage(hits[:20], 120, 100, ("koursk",)), "fr")
    assert last == ""
