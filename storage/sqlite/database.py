"""The SQLite connection: opened safely, migrated, and shared by the stores.

A file that is not a SQLite database, not a Tally database, or from a newer Tally is refused
before anything writes to it: the check runs on a read-only connection first. A database this
process cannot write (a read-only file, or a read-only folder where SQLite cannot create its
``-wal`` and ``-shm`` files) is refused at once, with what would work, rather than at the first
write.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import aiosqlite

from claims.errors import StorageError
from storage.faults import DatabaseUnavailable, is_transient, retrying, unavailable_raised
from storage.sql.base import SQLITE, Row
from storage.sqlite.leadership import FileLeadership
from storage.sqlite.migrations import MIGRATIONS

__all__ = ["SCHEMA_VERSION", "Database", "SqliteTx"]

SCHEMA_VERSION = len(MIGRATIONS)
BUSY_TIMEOUT_MS = 5000
# 16 MiB of page cache (the default is 2): writes to a large file touch many index pages
CACHE_KIB = 16384


def _existing_uri(path: Path) -> str | None:
    """A read-only URI for a file with content, None for a missing or empty one."""
    if path.exists() and path.stat().st_size > 0:
        return path.resolve().as_uri() + "?mode=ro"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StorageError(
            f"cannot create the folder {path.parent} for {path.name} ({exc.strerror}); create it "
            "writable by the user running Tally, or point DATABASE_URL at another place."
        ) from exc
    return None


def _refusal(path: Path, exc: sqlite3.Error) -> StorageError:
    """What to tell the operator about a file SQLite would not open or write, in one line."""
    code = getattr(exc, "sqlite_errorcode", 0)
    if code == sqlite3.SQLITE_READONLY_DIRECTORY:
        text = (
            f"{path.parent} is read-only for this user, so SQLite cannot create {path.name}-wal "
            f"and {path.name}-shm beside {path.name}; make the folder writable by the user "
            "running Tally, or point DATABASE_URL at a file in a writable folder."
        )
    elif code == sqlite3.SQLITE_READONLY:
        text = (
            f"{path} is read-only for this user and Tally writes to its database; make the "
            "file writable by the user running Tally, or point DATABASE_URL at a writable copy."
        )
    elif code & 0xFF == sqlite3.SQLITE_CANTOPEN:
        text = (
            f"{path} cannot be opened or created ({exc}); make sure it is a file in a folder "
            "the user running Tally can write to, or point DATABASE_URL at another place."
        )
    elif code & 0xFF in (sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_CORRUPT):
        text = (
            f"{path} cannot be read as a SQLite database ({exc}); it was left untouched. "
            "Move it aside or point DATABASE_URL at another file."
        )
    else:
        text = f"{path} cannot be used ({exc}); point DATABASE_URL at another file."
    return StorageError(text)


async def _check_existing(path: Path, uri: str) -> None:
    """Refuse a file this version must not touch; opens it read-only."""
    try:
        async with aiosqlite.connect(uri, uri=True) as conn:
            async with conn.execute("PRAGMA user_version") as cur:
                row = await cur.fetchone()
            version = int(row[0]) if row else 0
            async with conn.execute("SELECT count(*) FROM sqlite_master") as cur:
                row = await cur.fetchone()
            tables = int(row[0]) if row else 0
    except sqlite3.DatabaseError as exc:
        if is_transient(exc):  # a writer elsewhere holds it: the file is fine
            return
        raise _refusal(path, exc) from exc
    if version > SCHEMA_VERSION:
        raise StorageError(
            f"{path} has schema version {version}, newer than this Tally understands "
            f"({SCHEMA_VERSION}); it was left untouched. Upgrade Tally to use it."
        )
    if version == 0 and tables:
        raise StorageError(
            f"{path} is a SQLite database but not a Tally one; it was left untouched."
        )


class SqliteTx:
    """The shared connection inside ``BEGIN IMMEDIATE``."""

    def __init__(self, conn: aiosqlite.Connection) -> None:
        self.conn = conn

    async def fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        return list(await self.conn.execute_fetchall(sql, tuple(params)))

    async def fetchone(self, sql: str, params: Sequence[Any] = ()) -> Row | None:
        rows = await self.fetchall(sql, params)
        return rows[0] if rows else None

    async def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        async with self.conn.execute(sql, tuple(params)) as cur:
            return cur.rowcount

    async def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if rows:
            await self.conn.executemany(sql, rows)


class Database:
    """One connection, its pragmas, and a lock so write transactions never interleave."""

    dialect = SQLITE

    def __init__(self, conn: aiosqlite.Connection, path: Path) -> None:
        self.conn = conn
        self.path = path
        self._write = asyncio.Lock()
        self._writes = 0  # write transactions of ours that have ended, committed or not

    @classmethod
    async def open(cls, path: Path) -> Database:
        uri = await asyncio.to_thread(_existing_uri, path)
        if uri is not None:
            await _check_existing(path, uri)
        try:
            conn = await aiosqlite.connect(path, isolation_level=None)
        except sqlite3.Error as exc:
            raise _refusal(path, exc) from exc
        db = cls(conn, path)
        try:
            await conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            await conn.execute("PRAGMA journal_mode = WAL")
            await conn.execute("PRAGMA foreign_keys = ON")
            await conn.execute("PRAGMA synchronous = NORMAL")
            await conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
            await db._migrate()
            await retrying(f"opening {path}", db._check_writable)
        except sqlite3.Error as exc:
            await conn.close()
            if is_transient(exc):
                raise DatabaseUnavailable(f"the database {path} is unavailable ({exc})") from exc
            raise _refusal(path, exc) from exc
        except BaseException:
            await conn.close()
            raise
        return db

    async def _check_writable(self) -> None:
        """Write nothing, but as a writer would: a read-only file or folder says so here."""
        with unavailable_raised():
            await self.conn.execute("BEGIN IMMEDIATE")
            try:
                await self.conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            finally:
                await self.conn.rollback()

    async def _migrate(self) -> None:
        """Apply each missing migration in its own transaction, with its version number."""
        version = int(await self.scalar("PRAGMA user_version") or 0)
        for number in range(version, SCHEMA_VERSION):
            async with self._write:
                try:
                    await self.conn.executescript(
                        f"BEGIN IMMEDIATE;\n{MIGRATIONS[number]}\n"
                        f"PRAGMA user_version = {number + 1};\nCOMMIT;"
                    )
                except BaseException:
                    if self.conn.in_transaction:
                        await self.conn.rollback()
                    raise

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[SqliteTx]:
        """A write transaction: committed on success, rolled back on any error."""
        async with self._write:
            with unavailable_raised():
                await self.conn.execute("BEGIN IMMEDIATE")
                try:
                    yield SqliteTx(self.conn)
                except BaseException:
                    await self.conn.rollback()
                    raise
                else:
                    await self.conn.commit()
                finally:
                    self._writes += 1

    @property
    def writing(self) -> bool:
        return self._write.locked()

    async def state(self) -> tuple[int, int] | None:
        """A token that changes whenever the data may have, or None while a write of ours is open.

        ``PRAGMA data_version`` moves when another connection (another process) commits; the
        count of our own write transactions covers this one.
        """
        if self.writing:
            return None
        version = int(await self.scalar("PRAGMA data_version"))
        return None if self.writing else (version, self._writes)

    async def fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        # one trip to the connection's thread, not three (execute, fetch, close)
        with unavailable_raised():
            return list(await self.conn.execute_fetchall(sql, tuple(params)))

    async def fetchone(self, sql: str, params: Sequence[Any] = ()) -> Row | None:
        rows = await self.fetchall(sql, params)
        return rows[0] if rows else None

    async def scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        row = await self.fetchone(sql, params)
        return None if row is None else row[0]

    def leadership(self, name: str) -> FileLeadership:
        return FileLeadership(self.path.with_name(f"{self.path.name}.{name}.lock"))

    async def load(self, table: str, columns: Sequence[str], rows: Sequence[Row]) -> None:
        marks = ", ".join("?" * len(columns))
        async with self.transaction() as tx:
            await tx.executemany(
                f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows
            )

    async def close(self) -> None:
        await self.conn.close()
