"""A real PostgreSQL for the tests: a fresh schema per test in the database ``TALLY_TEST_POSTGRES``
names (default: the local server's ``tally_test`` over its Unix socket).

Without a server the PostgreSQL half of the suite is skipped, and the run ends by saying so and
why; with ``TALLY_REQUIRE_POSTGRES=1`` (CI) it fails instead.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import uuid
from collections.abc import Iterator
from functools import cache
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import asyncpg
import pytest

__all__ = ["POSTGRES_URL", "postgres_schema", "postgres_skipped", "schema_url"]

POSTGRES_URL = os.environ.get(
    "TALLY_TEST_POSTGRES", "postgresql:///tally_test?host=/var/run/postgresql"
)
REQUIRED = os.environ.get("TALLY_REQUIRE_POSTGRES") == "1"


def schema_url(url: str, schema: str) -> str:
    """The URL with every connection's ``search_path`` set to ``schema``."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query) if k != "search_path"]
    query.append(("search_path", schema))
    return urlunsplit(parts._replace(query=urlencode(query)))


async def _run(sql: str) -> None:
    conn = await asyncpg.connect(POSTGRES_URL, timeout=5)
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


@cache
def postgres_skipped() -> str | None:
    """Why the PostgreSQL tests cannot run here, or None when they can."""
    try:
        asyncio.run(_run("SELECT 1"))
    except (OSError, asyncpg.PostgresError, TimeoutError) as exc:
        return f"no PostgreSQL at {POSTGRES_URL} ({type(exc).__name__}: {exc})"
    return None


@contextlib.contextmanager
def postgres_schema() -> Iterator[str]:
    """A URL to a new, empty schema, dropped afterwards."""
    reason = postgres_skipped()
    if reason is not None:
        if REQUIRED:
            pytest.fail(f"TALLY_REQUIRE_POSTGRES=1 but {reason}")
        pytest.skip(reason)
    schema = f"test_{uuid.uuid4().hex[:12]}"
    asyncio.run(_run(f"CREATE SCHEMA {schema}"))
    try:
        yield schema_url(POSTGRES_URL, schema)
    finally:
        asyncio.run(_run(f"DROP SCHEMA {schema} CASCADE"))
