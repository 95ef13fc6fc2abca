"""Signals between processes: each store signal raised here is a NOTIFY, and each NOTIFY from
another process raises the signal here (LISTEN on a connection of its own). Claim changes are
also announced from inside their transactions, and counted (``PgDatabase.changes``) so that
each process's read cache knows when to forget.

Notifications are a shortcut, not the truth: a process that misses one (its listening
connection dropped) still finds the change at its next poll, and after reconnecting it raises
every signal once, in case something happened meanwhile.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import uuid
from collections.abc import Coroutine, Mapping
from typing import Any

import asyncpg

from storage.events import Signal
from storage.faults import retrying, unavailable_raised
from storage.postgres.database import PgDatabase

__all__ = ["CHANNEL", "CLAIMS_CHANNEL", "Notifier"]

log = logging.getLogger(__name__)

CHANNEL = "tally"
CLAIMS_CHANNEL = "tally_claims"  # sent inside claim transactions, so it arrives at their commit


class Notifier:
    def __init__(self, db: PgDatabase, signals: Mapping[str, Signal]) -> None:
        self._db = db
        self._signals = dict(signals)
        self._origin = uuid.uuid4().hex[:12]
        self._schema = ""
        self._conn: asyncpg.Connection | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        self._closing = False

    async def start(self) -> None:
        await self._listen()
        for name, signal in self._signals.items():
            signal.relay = lambda name=name: self._spawn(self._notify(name))

    async def _listen(self) -> None:
        with unavailable_raised():
            conn = await asyncpg.connect(self._db.url)
            try:
                self._schema = str(await conn.fetchval("SELECT current_schema()"))
                await conn.add_listener(CHANNEL, self._on_notification)
                await conn.add_listener(CLAIMS_CHANNEL, self._on_claims)
            except BaseException:
                conn.terminate()
                raise
        conn.add_termination_listener(self._on_lost)
        self._conn = conn
        self._db.changes += 1  # whatever changed before we listened
        self._db.listening = True

    def _spawn(self, work: Coroutine[Any, Any, None]) -> None:
        task = asyncio.ensure_future(work)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _notify(self, name: str) -> None:
        try:
            await self._db.pool.execute(
                "SELECT pg_notify($1, $2)", CHANNEL, f"{self._schema}:{name}:{self._origin}"
            )
        except Exception as exc:  # a shortcut missed: the others find the change at their poll
            log.warning("postgresql: could not notify %s: %s", name, exc)

    def _on_notification(self, _conn: object, _pid: int, _channel: str, payload: str) -> None:
        schema, _, rest = payload.partition(":")
        name, _, origin = rest.partition(":")
        if schema != self._schema or origin == self._origin:
            return
        signal = self._signals.get(name)
        if signal is not None:
            signal.receive()

    def _on_claims(self, _conn: object, _pid: int, _channel: str, payload: str) -> None:
        if payload == self._schema:
            self._db.changes += 1

    def _on_lost(self, _conn: object) -> None:
        self._db.listening = False
        if not self._closing:
            log.warning("postgresql: the notification connection closed; reconnecting")
            self._spawn(self._reconnect())

    async def _reconnect(self) -> None:
        await retrying("postgresql notifications", self._listen)
        for signal in self._signals.values():
            signal.receive()  # whatever happened while we were not listening

    async def close(self) -> None:
        self._closing = True
        self._db.listening = False
        for signal in self._signals.values():
            signal.relay = None
        for task in list(self._tasks):
            task.cancel()
        with contextlib.suppress(Exception):
            if self._conn is not None:
                await self._conn.close()
