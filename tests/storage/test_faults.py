"""Which database errors pass: a lock held elsewhere and a connection the server dropped are
``DatabaseUnavailable`` and tried again; a mistake in the call is not, and is raised at once."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import asyncpg
import pytest

from bot.render.plain import render_plain
from claims.filters import ClaimFilter
from handlers.commands import build_router
from handlers.context import Context
from handlers.router import UNAVAILABLE
from storage import open_storage
from storage.faults import Backoff, DatabaseUnavailable, is_transient, retrying
from storage.postgres.database import PgDatabase
from storage.sql.storage import SqlStorage
from storage.sqlite.database import Database
from tests.conftest import CONFLICT, Chat

QUICK = Backoff(first=0.01, cap=0.05)


async def _locked_sqlite(tmp_path: Path) -> tuple[SqlStorage, sqlite3.Connection]:
    """Tally's storage, and a neighbour connection holding the write lock on its file."""
    db = tmp_path / "tally.db"
    storage = await open_storage(f"sqlite:///{db}")
    assert isinstance(storage, SqlStorage)
    assert isinstance(storage.db, Database)
    await storage.db.conn.execute("PRAGMA busy_timeout = 50")  # give up on the lock quickly
    neighbour = sqlite3.connect(db, isolation_level=None)
    neighbour.execute("BEGIN IMMEDIATE")
    return storage, neighbour


async def test_a_sqlite_write_lock_held_elsewhere_is_unavailable_and_reads_go_on(
    tmp_path: Path,
) -> None:
    storage, neighbour = await _locked_sqlite(tmp_path)
    try:
        with pytest.raises(DatabaseUnavailable, match="database is locked"):
            await storage.subscriptions.add("test:private:1", ClaimFilter(), None)
        assert await storage.claims.count() == 0  # readers are not held up in WAL mode
    finally:
        neighbour.execute("ROLLBACK")
        neighbour.close()
        await storage.close()


async def test_a_command_while_the_database_is_locked_is_told_to_try_again(
    tmp_path: Path,
) -> None:
    storage, neighbour = await _locked_sqlite(tmp_path)
    router = build_router()
    chat = Chat(router, Context(storage, CONFLICT, commands=tuple(router)))
    try:
        reply = await chat.send("/subscribe killed")
        estimates = await chat.text("/estimates killed")
    finally:
        neighbour.execute("ROLLBACK")
        neighbour.close()
    try:
        assert reply.error
        assert render_plain(reply) == UNAVAILABLE
        assert estimates.startswith("Killed")  # what only reads is still answered
        assert (await chat.text("/subscribe killed")).startswith("Subscribed (#1)")
    finally:
        await storage.close()


async def test_retrying_waits_out_a_lock_released_meanwhile(tmp_path: Path) -> None:
    storage, neighbour = await _locked_sqlite(tmp_path)
    tries = 0

    async def subscribe() -> int:
        nonlocal tries
        tries += 1
        if tries == 3:  # the neighbour is done by the third try
            neighbour.execute("ROLLBACK")
        sub, _ = await storage.subscriptions.add("test:private:1", ClaimFilter(), None)
        return sub.id

    try:
        assert await retrying("test", subscribe, backoff=QUICK) == 1
        assert tries == 3
    finally:
        neighbour.close()
        await storage.close()


async def test_a_mistake_in_the_call_is_not_transient(tmp_path: Path) -> None:
    storage = await open_storage(f"sqlite:///{tmp_path / 'tally.db'}")
    assert isinstance(storage, SqlStorage)
    tries = 0

    async def wrong() -> object:
        nonlocal tries
        tries += 1
        return await storage.db.fetchall("SELECT x FROM nowhere")

    try:
        with pytest.raises(sqlite3.OperationalError, match="no such table"):
            await retrying("test", wrong, backoff=QUICK)
        assert tries == 1
    finally:
        await storage.close()


async def test_a_postgresql_connection_the_server_dropped_is_transient(postgres_url: str) -> None:
    conn = await asyncpg.connect(postgres_url)
    killer = await asyncpg.connect(postgres_url)
    try:
        await killer.execute("SELECT pg_terminate_backend($1)", conn.get_server_pid())
        with pytest.raises(Exception) as raised:
            await conn.fetchval("SELECT 1")
        assert is_transient(raised.value), repr(raised.value)
    finally:
        conn.terminate()
        await killer.close()


async def test_reads_go_on_after_the_server_drops_the_pool_s_connections(
    postgres_url: str,
) -> None:
    storage = await open_storage(postgres_url)
    assert isinstance(storage, SqlStorage)
    assert isinstance(storage.db, PgDatabase)
    killer = await asyncpg.connect(postgres_url)
    try:
        pid = await storage.db.pool.fetchval("SELECT pg_backend_pid()")  # its one connection
        await killer.execute("SELECT pg_terminate_backend($1)", pid)
        # the pool may meet the dropped connection (unavailable, then a new one) or not
        assert await retrying("test", storage.claims.count, backoff=QUICK) == 0
    finally:
        await killer.close()
        await storage.close()


async def test_a_value_postgresql_cannot_take_is_a_mistake_not_an_outage(
    postgres_url: str,
) -> None:
    storage = await open_storage(postgres_url)
    assert isinstance(storage, SqlStorage)
    try:
        with pytest.raises(asyncpg.DataError) as raised:
            await storage.db.fetchall("SELECT id FROM outbox WHERE id = ?", (2**70,))
        assert not is_transient(raised.value)
    finally:
        await storage.close()
