"""Leadership among processes sharing a PostgreSQL database: a session advisory lock.

The lock lives on a connection of its own. When the holder dies, its connection closes and the
server releases the lock; another process's next ``acquire`` takes it. A holder that cannot
reach the server any more stops leading (``holding`` is False), and the lock it held is
released when the server drops that session.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

import asyncpg

from storage.faults import is_transient

__all__ = ["AdvisoryLeadership"]

log = logging.getLogger(__name__)

CHECK_TIMEOUT = 5.0


class AdvisoryLeadership:
    def __init__(self, url: str, name: str) -> None:
        self._url = url
        self._key = f"tally:leader:{name}:"
        self._conn: asyncpg.Connection | None = None
        self._held = False
        self._unreachable = False  # said once per outage, not at every try

    async def acquire(self) -> bool:
        if self._held:
            return await self.holding()
        try:
            if self._conn is None or self._conn.is_closed():
                self._conn = await asyncpg.connect(self._url)
            # the key names the schema, so deployments sharing a database elect separately
            self._held = bool(
                await self._conn.fetchval(
                    "SELECT pg_try_advisory_lock(hashtext($1 || current_schema()))", self._key
                )
            )
        except Exception as exc:
            if not is_transient(exc):
                raise
            if not self._unreachable:
                log.warning("leadership: cannot reach PostgreSQL: %s", exc)
            self._unreachable = True
            await self.release()
            return False
        if self._unreachable:
            log.info("leadership: PostgreSQL answers again")
            self._unreachable = False
        return self._held

    async def holding(self) -> bool:
        if not self._held or self._conn is None:
            return False
        try:
            async with asyncio.timeout(CHECK_TIMEOUT):
                await self._conn.fetchval("SELECT 1")
        except (OSError, TimeoutError, asyncpg.PostgresError, asyncpg.InterfaceError) as exc:
            log.warning("leadership: lost the connection holding the lock: %s", exc)
            await self.release()
            return False
        return True

    async def release(self) -> None:
        conn, self._conn, self._held = self._conn, None, False
        if conn is not None and not conn.is_closed():
            with contextlib.suppress(Exception):  # closing is all that is left to do
                await asyncio.wait_for(conn.close(), CHECK_TIMEOUT)
            if not conn.is_closed():
                conn.terminate()
