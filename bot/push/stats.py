"""/stats as admins read it: subscriber counts and the last push. Pure.

`stats_blocks` returns the message as blocks so that other features can add theirs.
"""

from __future__ import annotations

from dataclasses import asdict
from zoneinfo import ZoneInfo

from bot.i18n import t
from bot.push.render import duration, figures, long_date, number
from bot.render import Reply
from storage.push_runs import PushRun
from storage.subscribers import Counts


def _subscribers(lang: str, counts: Counts) -> str:
    return figures(lang, "push.stats.subscribers", active=counts.active, **asdict(counts))


def _last_run(lang: str, run: PushRun | None, zone: ZoneInfo) -> str:
    if run is None:
        return t(lang, "push.stats.never")
    started = run.started_at.astimezone(zone)
    counts = run.counts
    lines = []
    if run.days != run.no_content or counts.total:
        took = (
            duration((run.finished_at - run.started_at).total_seconds())
            if run.finished_at
            else t(lang, "push.stats.running")
        )
        lines.append(
            t(
                lang,
                "push.stats.last",
                kind=t(lang, f"push.kind.{run.kind}"),
                days=", ".join(long_date(day, lang) for day in run.days),
                started=f"{started:%d/%m %H:%M}",
                sent=number(counts.sent, lang),
                failed=number(counts.failed, lang),
                blocked=number(counts.blocked, lang),
                in_doubt=number(counts.in_doubt, lang),
                skipped=number(counts.skipped, lang),
                duration=took,
            )
        )
    if run.no_content:
        days = ", ".join(long_date(day, lang) for day in run.no_content)
        lines.append(t(lang, "push.stats.no_content", days=days))
    return "\n".join(lines)


def stats_blocks(lang: str, counts: Counts, run: PushRun | None, zone: ZoneInfo) -> list[str]:
    return [t(lang, "push.stats.title"), _subscribers(lang, counts), _last_run(lang, run, zone)]


def stats(lang: str, counts: Counts, run: PushRun | None, zone: ZoneInfo) -> Reply:
    return Reply(("\n\n".join(stats_blocks(lang, counts, run, zone)),))
