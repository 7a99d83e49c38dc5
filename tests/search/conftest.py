"""A database holding the seed day and the relevance fixture, built once per test module."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.importers import parse_file
from storage import briefings
from storage.db import Database, open_database
from tests.conftest import SEED_FILE

PARIS = ZoneInfo("Europe/Paris")
FIXTURES = Path(__file__).parent / "fixtures"


async def _build(path: Path, files: list[Path]) -> None:
    db = await open_database(path)
    try:
        for file in files:
            await briefings.save_all(db, parse_file(file, tz=PARIS), tz=PARIS)
    finally:
        await db.close()


@pytest.fixture(scope="module")
def corpus_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not SEED_FILE.exists():
        pytest.skip(f"the shared seed day is absent ({SEED_FILE}); it sits beside the repo")
    path = tmp_path_factory.mktemp("corpus") / "briefbot.db"
    asyncio.run(_build(path, [SEED_FILE, FIXTURES / "relevance.yaml"]))
    return path


@pytest.fixture
async def corpus(corpus_path: Path) -> AsyncIterator[Database]:
    db = await open_database(corpus_path)
    yield db
    await db.close()
