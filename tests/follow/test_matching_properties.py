"""A follow matches, in a load, the snippets /search would find among them: random snippets
and queries over a small vocabulary of names, inflections, accents and common words, so that
words, phrases, prefixes, OR and exclusions all meet and miss."""

from __future__ import annotations

import asyncio
import tempfile
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.follow.service import Target, new_follow
from bot.gazetteer import shipped
from storage import briefings, follows, snippets
from storage.db import open_database
from storage.models import NewBriefing, NewSnippet
from tests.follow.conftest import matched_snippets
from tests.push.conftest import PARIS

# fmt: off
WORDS = (
    "Koursk", "Kursk", "Курск", "soldats", "soldat", "nord-coréens", "coréens", "Poutine",
    "BRICS", "Kazan", "Ukraine", "l'Ukraine", "ukrainiens", "la", "de", "front", "Zelensky",
    "guerre", "Pokrovsk", "drones",
)
# fmt: on
word = st.sampled_from(WORDS)
texts = st.lists(st.lists(word, min_size=2, max_size=9).map(" ".join), min_size=1, max_size=8)


def _bare(text: str) -> str:
    return text.split("'")[-1].split("-")[0]


queries = st.one_of(
    word,
    st.tuples(word, word).map(lambda pair: f'"{pair[0]} {pair[1]}"'),
    word.map(lambda w: _bare(w)[:3] + "*"),
    st.tuples(word, word).map(lambda pair: f"{pair[0]} OR {pair[1]}"),
    st.tuples(word, word).map(lambda pair: f"{pair[0]} -{_bare(pair[1])}"),
    st.tuples(word, word).map(lambda pair: f"{pair[0]} {pair[1]}"),
)


async def _matched_and_found(
    folder: Path, query: str, loaded: list[str]
) -> tuple[set[int], set[int]]:
    db = await open_database(folder / "briefbot.db")
    try:
        new = new_follow(Target(1, "user"), query, "fr", shipped())
        if new is None:  # nothing to follow (exclusions only): nothing to compare
            return set(), set()
        assert isinstance(await follows.add(db, new, 20), follows.Added)
        day = NewBriefing(
            day=date(2024, 10, 25),
            snippets=tuple(NewSnippet(text=text, source="Le Monde") for text in loaded),
        )
        await briefings.save_all(db, [day], tz=PARIS)
        matched = await matched_snippets(db)
        page = await snippets.search(db, query, limit=100, names=shipped())
        return matched, {hit.id for hit in page.hits}
    finally:
        await db.close()


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(query=queries, loaded=texts)
def test_a_follow_matches_in_a_load_what_search_finds_there(query: str, loaded: list[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        matched, found = asyncio.run(_matched_and_found(Path(folder), query, loaded))
    assert matched == found
