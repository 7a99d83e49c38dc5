"""A day's title and summary weigh in ranking: a snippet of the day the query headlines first."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from storage import briefings, snippets
from storage.db import Database
from storage.models import NewBriefing, NewSnippet
from storage.search_days import SUMMARY_CHARS, SUMMARY_WEIGHT, TITLE_WEIGHT, Backing, Day
from storage.search_judge import Judge
from storage.search_match import Plan, plan
from storage.search_query import parse

NOON = datetime(2024, 11, 5, 12, tzinfo=UTC)


def day(
    number: int, *texts: str, title: str | None = None, summary: str | None = None
) -> NewBriefing:
    """Day `number` of November 2024, its snippets published a minute apart from noon."""
    start = NOON.replace(day=number)
    return NewBriefing(
        day=date(2024, 11, number),
        title=title,
        summary=summary,
        snippets=tuple(
            NewSnippet(text=text, published_at=start + timedelta(minutes=i))
            for i, text in enumerate(texts)
        ),
    )


def backing(query: Plan, title: str | None, summary: str | None) -> Backing:
    day = Day.of(title, summary)
    backed = day.backing([Judge.of(group) for group in query.groups]) if day else ()
    return backed if any(backed) else ()


async def texts(db: Database, query: str, limit: int = 5) -> list[str]:
    return [hit.text for hit in (await snippets.search(db, query, limit=limit)).hits]


async def test_a_match_in_the_days_title_ranks_its_snippet_above_a_newer_equal_one(
    db: Database,
) -> None:
    await briefings.save_all(
        db,
        [
            day(4, "Des drones frappent Kharkiv dans la nuit", title="Kharkiv sous les drones"),
            day(5, "Des drones frappent Odessa dans la nuit", title="Le front se stabilise"),
        ],
    )
    # Without the titles' help, the newer snippet wins (recency); the query headlines day 4.
    assert await texts(db, "drones") == [
        "Des drones frappent Kharkiv dans la nuit",
        "Des drones frappent Odessa dans la nuit",
    ]
    assert (await texts(db, "nuit"))[0] == "Des drones frappent Odessa dans la nuit"


async def test_a_title_weighs_more_than_a_summary_which_weighs_more_than_nothing(
    db: Database,
) -> None:
    summary = "Des missiles sur Odessa. " + "Les négociations reprennent à Genève. " * 25
    await briefings.save_all(
        db,
        [
            day(3, "Frappe de missiles sur Kharkiv ce matin", title="Missiles sur Kharkiv"),
            day(4, "Frappe de missiles sur Odessa ce matin", summary=summary),
            day(5, "Frappe de missiles sur Dnipro ce matin", title="Le front se stabilise"),
        ],
    )
    assert await texts(db, "missiles") == [
        "Frappe de missiles sur Kharkiv ce matin",
        "Frappe de missiles sur Odessa ce matin",
        "Frappe de missiles sur Dnipro ce matin",
    ]


async def test_the_exact_form_still_ranks_first_whatever_the_days_title_says(
    db: Database,
) -> None:
    await briefings.save_all(
        db,
        [
            day(4, "Des soldats russes encerclés", title="Des soldats encerclés"),
            day(5, "Un soldat blessé"),
        ],
    )
    assert await texts(db, "soldat") == ["Un soldat blessé", "Des soldats russes encerclés"]


def test_backing_weighs_the_title_and_summary_by_how_closely_they_match() -> None:
    query = plan(parse("drones kharkiv"))
    full = backing(query, "Kharkiv sous les drones", None)
    assert len(full) == 2 and full[0] == full[1] > TITLE_WEIGHT  # a title shorter than most
    summary = "Kharkiv".ljust(SUMMARY_CHARS, "-")  # of typical length
    assert backing(query, None, summary) == (0.0, SUMMARY_WEIGHT)
    assert backing(query, "Sans rapport", None) == ()
    assert backing(query, None, None) == ()
    stem = backing(plan(parse("drone")), "Kharkiv sous les drones", None)
    assert 0 < stem[0] < full[0]  # "drones" only stems to "drone"


def test_a_phrase_backs_a_day_only_when_its_words_follow_one_another() -> None:
    query = plan(parse('"paix juste"'))
    assert backing(query, "Une paix juste, selon Kyiv", None)
    assert backing(query, "Juste avant la paix", None) == ()
