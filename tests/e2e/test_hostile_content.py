"""Content written to break things: every message must still be one Telegram accepts."""

from __future__ import annotations

from pathlib import Path

from bot.fakeapi import ChatHandle, FakeTelegram
from bot.harness import Harness
from tests.e2e.conftest import load_into

LONG_PARAGRAPH = "La <b>ligne</b> de front & ses « dangers » *_[ 🌍⚔️. " * 20


def hostile_yaml(tmp_path: Path) -> Path:
    summary = "\n\n".join(f"  {i}. {LONG_PARAGRAPH}" for i in range(10))
    path = tmp_path / "hostile-2024-10-25.yaml"
    path.write_text(
        "date: 2024-10-25\n"
        'title: "<script>alert(1)</script> & Co"\n'
        f"summary: |\n{summary}\n"
        "snippets:\n"
        "  - text: \"<script>alert('x')</script> Koursk & *_[ ▶️ 10'000\"\n"
        '    source: "A&B <i>"\n'
        '    url: "https://example.org/?a=1&b=<2>"\n'
        '  - text: "</b> Koursk <a href=x> &amp; &lt;"\n',
        encoding="utf-8",
    )
    assert len(summary) > 10_000
    return path


async def test_hostile_briefing_is_sent_in_valid_parts_in_order(
    db_path: Path, tmp_path: Path, bot: Harness, anna: ChatHandle, telegram: FakeTelegram
) -> None:
    await load_into(db_path, hostile_yaml(tmp_path))
    turn = await bot.say(anna, "/today 25/10/2024")
    assert len(turn.sent) >= 3
    assert not telegram.errors
    text = "\n".join(m.text for m in turn.sent)
    assert "<script>alert(1)</script> & Co" in text
    assert text.index("0. La <b>ligne</b>") < text.index("9. La <b>ligne</b>")
    assert text.index("9. La <b>ligne</b>") < text.index("<script>alert('x')</script> Koursk")
    # Both Koursk snippets make one key story: its representative is shown, escaped.
    assert "A&B <i>" in text and "2 extraits" in text
    sent_ids = [m.message_id for m in turn.sent]
    assert sent_ids == sorted(sent_ids)


async def test_hostile_snippets_in_search_results(
    db_path: Path, tmp_path: Path, bot: Harness, anna: ChatHandle, telegram: FakeTelegram
) -> None:
    await load_into(db_path, hostile_yaml(tmp_path))
    [reply] = (await bot.say(anna, "/search koursk script")).sent
    assert reply.text.startswith("🔎 koursk script — 1–1 sur 1")
    assert reply.current.bold_texts() == ["koursk script", "script", "script", "Koursk"]
    assert not telegram.errors
