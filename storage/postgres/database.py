"""The PostgreSQL connection pool: opened, migrated, and shared by the stores of one process.

Statements arrive with ``?`` placeholders (storage/sql/base.py) and are numbered ``$1, $2 …``
here, once per statement text. A database this Tally must not touch (tables but no Tally
schema, or a newer schema) is refused before anything is written. A server that restarts or
drops connections raises ``DatabaseUnavailable`` (storage/faults.py) from the call that met it;
the pool opens fresh connections for the next.
"""

from __future__ import annotations

import logging
import re
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from functools import lru_cache
from typing import Any

import asyncpg

from claims.errors import StorageError
from storage.faults import unavailable_raised
from storage.postgres.leadership import AdvisoryLeadership
from storage.postgres.migrations import MIGRATIONS
from storage.sql.base import POSTGRES, Row, Token

__all__ = ["SCHEMA_VERSION", "PgDatabase", "numbered"]

log = logging.getLogger(__name__)

SCHEMA_VERSION = len(MIGRATIONS)
POOL_SIZE = 10
_PLACEHOLDER = re.compile(r"'[^']*'|\?")
_SERIAL_COLUMNS = ("id", "seq")


@lru_cache(maxsize=1024)
def numbered(sql: str) -> str:
    """``?`` placeholders as ``$1, $2 …``; question marks inside string literals stay."""
    count = 0

    def number(match: re.Match[str]) -> str:
        nonlocal count
        if match.group() != "?":
            return match.group()
        count += 1
        return f"${count}"

    return _PLACEHOLDER.sub(number, sql)


def _changed(status: str) -> int:
    """Rows a command changed, from its status (``UPDATE 3``, ``INSERT 0 1``)."""
    last = status.rsplit(" ", 1)[-1]
    return int(last) if last.isdigit() else 0


class PgTx:
    """One pooled connection inside a transaction."""

    def __init__(self, conn: asyncpg.Connection) -> None:
        self.conn = conn

    async def fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        return list(await self.conn.fetch(numbered(sql), *params))

    async def fetchone(self, sql: str, params: Sequence[Any] = ()) -> Row | None:
        row: Row | None = await self.conn.fetchrow(numbered(sql), *params)
        return row

    async def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        return _changed(await self.conn.execute(numbered(sql), *params))

    async def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if rows:
            await self.conn.executemany(numbered(sql), rows)


class PgDatabase:
    dialect = POSTGRES

    def __init__(self, pool: asyncpg.Pool, url: str) -> None:
        self.pool = pool
        self.url = url
        self._open = 0  # write transactions of ours in progress
        self._writes = 0  # write transactions of ours that have ended, committed or not
        self.changes = 0
        """Claim changes other processes announced (storage/postgres/notify.py)."""
        self.listening = False
        """Whether those announcements arrive; without them nothing read is kept."""

    @classmethod
    async def open(cls, url: str) -> PgDatabase:
        try:
            # no floor of idle connections: asyncpg would keep reopening it through an outage,
            # with a traceback each time; connections are opened when a call needs one
            pool = await asyncpg.create_pool(url, min_size=0, max_size=POOL_SIZE)
            try:
                await pool.execute("SELECT 1")  # so a wrong URL is said at start-up
            except BaseException:
                await pool.close()
                raise
        except (OSError, asyncpg.PostgresError, ValueError) as exc:
            raise StorageError(
                f"DATABASE_URL {_redacted(url)}: cannot connect to PostgreSQL ({exc})"
            ) from exc
        db = cls(pool, url)
        try:
            await db._migrate()
        except BaseException:
            await pool.close()
            raise
        return db

    async def _migrate(self) -> None:
        """Apply the missing migrations in one transaction, one process at a time."""
        async with self.pool.acquire() as conn, conn.transaction():
            await conn.execute(
                "SELECT pg_advisory_xact_lock(hashtext('tally:migrate:' || current_schema()))"
            )
            known = await conn.fetchval("SELECT to_regclass('tally_schema') IS NOT NULL")
            if known:
                version = int(await conn.fetchval("SELECT version FROM tally_schema"))
            else:
                tables = await conn.fetchval(
                    "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()"
                )
                if tables:
                    raise StorageError(
                        f"{_redacted(self.url)} holds tables but is not a Tally database; "
                        "it was left untouched."
                    )
                await conn.execute("CREATE TABLE tally_schema (version INTEGER NOT NULL)")
                await conn.execute("INSERT INTO tally_schema VALUES (0)")
                version = 0
            if version > SCHEMA_VERSION:
                raise StorageError(
                    f"{_redacted(self.url)} has schema version {version}, newer than this Tally "
                    f"understands ({SCHEMA_VERSION}); it was left untouched. Upgrade Tally."
                )
            for number in range(version, SCHEMA_VERSION):
                await conn.execute(MIGRATIONS[number])
                await conn.execute("UPDATE tally_schema SET version = $1", number + 1)
                log.info("postgresql: schema version %d applied", number + 1)

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[PgTx]:
        with unavailable_raised():
            async with self.pool.acquire() as conn:
                self._open += 1
                try:
                    async with conn.transaction():
                        yield PgTx(conn)
                finally:
                    self._open -= 1
                    self._writes += 1

    @property
    def writing(self) -> bool:
        return self._open > 0

    async def state(self) -> Token:
        """Changes announced by any process (a NOTIFY sent at their commit) and our own writes.

        An announcement reaches this process a moment after the commit; until it does, a cached
        answer may miss that commit's change, never longer.
        """
        if not self.listening or self.writing:
            return None
        return (self.changes, self._writes)

    async def fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        with unavailable_raised():
            return list(await self.pool.fetch(numbered(sql), *params))

    async def fetchone(self, sql: str, params: Sequence[Any] = ()) -> Row | None:
        with unavailable_raised():
            row: Row | None = await self.pool.fetchrow(numbered(sql), *params)
        return row

    async def scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        with unavailable_raised():
            return await self.pool.fetchval(numbered(sql), *params)

    def leadership(self, name: str) -> AdvisoryLeadership:
        return AdvisoryLeadership(self.url, name)

    async def load(self, table: str, columns: Sequence[str], rows: Sequence[Row]) -> None:
        with unavailable_raised():
            await self._load(table, columns, rows)

    async def _load(self, table: str, columns: Sequence[str], rows: Sequence[Row]) -> None:
        async with self.pool.acquire() as conn, conn.transaction():
            await conn.copy_records_to_table(table, records=rows, columns=list(columns))
            for column in _SERIAL_COLUMNS:
                if column not in columns:
                    continue
                sequence = await conn.fetchval(
                    "SELECT pg_get_serial_sequence($1, $2)", table, column
                )
                if sequence is not None:  # an identity goes on from the highest id copied
                    await conn.execute(
                        f"SELECT setval($1, coalesce(max({column}), 0) + 1, false) FROM {table}",
                        sequence,
                    )

    async def close(self) -> None:
        await self.pool.close()


def _redacted(url: str) -> str:
    """The URL without its password, for messages and logs."""
    return re.sub(r"(://[^:/@]*:)[^@]*@", r"\1***@", url)
