"""Admin content changes, each committed with its audit row in one transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, tzinfo

from storage import audit, content_edits, delivered
from storage.audit import Action
from storage.content_edits import Added, Clash
from storage.db import Database
from storage.follow_matching import last_snippet_id, record_alerts
from storage.models import NewSnippet
from storage.timefmt import now_text


@dataclass(frozen=True)
class Admin:
    """Who acts, as the audit log names them."""

    id: int
    name: str | None

    def action(self, name: str, subject: str, **counts: int) -> Action:
        return Action(self.id, self.name, name, subject, counts)

    def failure(self, name: str, subject: str, detail: str) -> Action:
        return Action(self.id, self.name, name, subject, outcome="failed", detail=detail)


@dataclass(frozen=True)
class Changed:
    """A day's content changed; `delivered_to` chats already hold it (their copies get edited)."""

    day: date
    delivered_to: int


async def add_snippet(
    db: Database, admin: Admin, day: date, snippet: NewSnippet, tz: tzinfo
) -> Added:
    async with db.transaction() as conn:
        before = await last_snippet_id(conn)
        added = await content_edits.add_snippet(conn, day, snippet, tz)
        if not added.duplicate:
            await record_alerts(conn, before, now_text())
        subject = f"#{added.snippet_id} {day}"
        if added.duplicate:
            action = admin.action("add", subject, added=0, duplicates=1)
        else:
            action = admin.action("add", subject, added=1)
        await audit.record_in(conn, action)
    return added


async def delete_snippet(db: Database, admin: Admin, snippet_id: int) -> Changed | None:
    """Delete the snippet; None when there is no such snippet."""
    async with db.transaction() as conn:
        removed = await content_edits.delete_snippet(conn, snippet_id)
        if removed is None:
            await audit.record_in(conn, admin.failure("delete", f"#{snippet_id}", "unknown id"))
            return None
        subject = f"#{snippet_id} {removed.day}"
        await audit.record_in(conn, admin.action("delete", subject, deleted=1))
    return Changed(removed.day, await delivered.count(db, removed.day))


async def correct_snippet(
    db: Database, admin: Admin, snippet_id: int, text: str, tz: tzinfo
) -> Changed | Clash | None:
    """Rewrite the snippet's text; a Clash when another snippet has it, None for an unknown id."""
    async with db.transaction() as conn:
        result = await content_edits.correct_snippet(conn, snippet_id, text, tz)
        subject = f"#{snippet_id}"
        if result is None:
            await audit.record_in(conn, admin.failure("correct", subject, "unknown id"))
            return None
        if isinstance(result, Clash):
            reason = f"same text as #{result.other_id}"
            await audit.record_in(conn, admin.failure("correct", subject, reason))
            return result
        await audit.record_in(conn, admin.action("correct", f"{subject} {result.day}", corrected=1))
    return Changed(result.day, await delivered.count(db, result.day))


async def set_summary(db: Database, admin: Admin, day: date, summary: str) -> Changed:
    async with db.transaction() as conn:
        await content_edits.set_summary(conn, day, summary)
        await audit.record_in(conn, admin.action("summary", str(day), characters=len(summary)))
    return Changed(day, await delivered.count(db, day))
