"""Fixtures shared by every test: real SQLite files in tmp_path, the seed day's location."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from storage.db import Database, open_database

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "seeds"
SEED_FILE = SEEDS / "briefing-2024-10-24.txt"


@pytest.fixture
def seed_file() -> Path:
    if not SEED_FILE.exists():
        pytest.skip(f"the shared seed day is absent ({SEED_FILE}); it sits beside the repo")
    return SEED_FILE


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = await open_database(tmp_path / "briefbot.db")
    yield database
    await database.close()
