"""Shared fixtures: a real SQLite file and a PostgreSQL schema per test, the seed claims, and a
chat to push commands to; and the Hypothesis profile every property test runs under."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from hypothesis import settings

from bot.fetch import Fetcher, FetchPolicy
from bot.ingest import Ingestor
from bot.render.plain import render_plain
from claims.conflict import Conflict
from claims.vocab import Party
from handlers.commands import build_router
from handlers.context import Context
from handlers.parse import parse_command
from handlers.router import Router
from handlers.types import ChatKind, ChatRef, Incoming, Reply, UserRef
from storage import Storage, open_storage
from storage.seed import load_seed
from tests.postgres import postgres_schema, postgres_skipped

# The same examples on every run and every machine, a bounded number of them, no timing rule:
# CI stays reproducible and fast. HYPOTHESIS_PROFILE=dev searches further, at random.
settings.register_profile(
    "ci", derandomize=True, max_examples=200, deadline=None, database=None, print_blob=True
)
settings.register_profile("dev", max_examples=2000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

CONFLICT = Conflict((Party.RUSSIA, Party.UKRAINE), date(2022, 2, 24), "test war")
PRIVATE = ChatRef("test", "1", ChatKind.PRIVATE)
USER = UserRef("42", "Tester")


@pytest.fixture(params=["sqlite", "postgresql"])
def storage_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database of each backend; every backend must pass the same tests."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'tally.db'}"
    else:
        with postgres_schema() as url:
            yield url


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL schema, for tests about PostgreSQL alone."""
    with postgres_schema() as url:
        yield url


@pytest.fixture
async def storage(storage_url: str) -> AsyncIterator[Storage]:
    store = await open_storage(storage_url)
    try:
        yield store
    finally:
        await store.close()


@pytest.fixture
async def seeded(storage: Storage) -> Storage:
    await load_seed(storage)
    return storage


@dataclass
class Chat:
    """Push a command, look at the reply."""

    router: Router
    context: Context

    async def send(self, text: str, user: UserRef = USER, chat: ChatRef = PRIVATE) -> Reply:
        parsed = parse_command(text)
        command, args = parsed if parsed else ("", tuple(text.split()))
        return await self.router.dispatch(Incoming(chat, user, command, args), self.context)

    async def text(self, text: str) -> str:
        return render_plain(await self.send(text))


@pytest.fixture
def chat(seeded: Storage) -> Chat:
    router = build_router()
    return Chat(router, Context(seeded, CONFLICT, commands=tuple(router)))


@pytest.fixture
def empty_chat(storage: Storage) -> Chat:
    router = build_router()
    return Chat(router, Context(storage, CONFLICT, commands=tuple(router)))


@asynccontextmanager
async def ingesting_chat(storage: Storage, today: date) -> AsyncIterator[Chat]:
    """A chat whose /ingest reads text and links (two seconds a fetch), dated ``today``."""
    fetcher = Fetcher(FetchPolicy(timeout=2.0))
    router = build_router()
    ingestor = Ingestor(storage, fetcher, today=lambda: today)
    try:
        yield Chat(router, Context(storage, CONFLICT, commands=tuple(router), ingestion=ingestor))
    finally:
        await fetcher.close()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Say loudly when the PostgreSQL half of the suite did not run, and why."""
    reason = postgres_skipped()
    if reason is None:
        return
    terminalreporter.section("PostgreSQL half SKIPPED", sep="!", yellow=True, bold=True)
    terminalreporter.write_line(f"Every PostgreSQL test was skipped: {reason}.")
    terminalreporter.write_line(
        "Run `make postgres` (as root) or point TALLY_TEST_POSTGRES at a server, then test "
        "again. CI sets TALLY_REQUIRE_POSTGRES=1, so there it fails instead of skipping."
    )
