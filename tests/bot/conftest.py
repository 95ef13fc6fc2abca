"""Fixtures for the fetching tests: a real web site on 127.0.0.1 and a fetcher allowed to it."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.fetch import Fetcher, FetchPolicy
from tests.fakes.web import Site


@pytest.fixture
async def site() -> AsyncIterator[Site]:
    async with Site() as web:
        yield web


@pytest.fixture
async def fetcher() -> AsyncIterator[Fetcher]:
    """Two seconds a fetch, a megabyte a body, and only 127.0.0.1 (by name) is reached."""
    fetch = Fetcher(
        FetchPolicy(timeout=2.0, max_bytes=1_000_000, allow_hosts=frozenset({"127.0.0.1"}))
    )
    try:
        yield fetch
    finally:
        await fetch.close()
