"""Database faults that pass: which errors mean "try again in a moment", and how to wait them out.

A SQLite file another process holds locked, a PostgreSQL server restarting or out of reach: the
call was right, the database is not there for it yet. The database modules raise every such
driver error as ``DatabaseUnavailable``, so the layers above never see a driver's exception
types; ``retrying`` and ``keep_going`` are the one way the runtime's loops (outbox, planner,
digests, feeds, notifications) ride out an outage: log, back off with jitter, try again, and say
when the database answers again. Anything else is not theirs to hide and is raised at once.
"""

from __future__ import annotations

import asyncio
import logging
import random
import sqlite3
import sys
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import NoReturn, TypeVar

from claims.errors import StorageError

__all__ = [
    "BACKOFF",
    "Backoff",
    "DatabaseUnavailable",
    "is_transient",
    "keep_going",
    "retrying",
    "unavailable_raised",
]

log = logging.getLogger(__name__)

T = TypeVar("T")

_SQLITE_BUSY = 5  # another connection holds the lock longer than the busy timeout
_SQLITE_LOCKED = 6  # a lock inside this connection's shared cache


class DatabaseUnavailable(StorageError):
    """The database is locked or out of reach for now; the same call may work in a moment."""


def is_transient(exc: BaseException) -> bool:
    """Whether an error raised by database code means the database is unavailable for now,
    rather than that the call was wrong. Only database code asks: an ``OSError`` there is a
    connection that failed."""
    if isinstance(exc, (DatabaseUnavailable, OSError)):
        return True
    if isinstance(exc, sqlite3.OperationalError):
        return (getattr(exc, "sqlite_errorcode", 0) & 0xFF) in (_SQLITE_BUSY, _SQLITE_LOCKED)
    return _postgresql_transient(exc)


def _postgresql_transient(exc: BaseException) -> bool:
    # asyncpg is looked up, not imported: a process on SQLite never loads it, and an error
    # of asyncpg's cannot exist before it is loaded
    asyncpg = sys.modules.get("asyncpg")
    if asyncpg is None:
        return False
    passing = (
        asyncpg.PostgresConnectionError,  # class 08: the connection failed or does not exist
        asyncpg.exceptions.OperatorInterventionError,  # 57: shutting down, starting up
        asyncpg.exceptions.TooManyConnectionsError,
        asyncpg.exceptions.TransactionRollbackError,  # 40: serialization failure, deadlock
    )
    # asyncpg's own InterfaceError says "connection is closed", "pool is closing"; its
    # subclasses are mistakes in the call (DataError: a value out of a column's range). An
    # InternalClientError is a connection whose server said goodbye while it sat in the pool.
    return isinstance(exc, passing) or type(exc) in (
        asyncpg.InterfaceError,
        asyncpg.InternalClientError,
    )


@contextmanager
def unavailable_raised() -> Iterator[None]:
    """Inside: a transient driver error leaves as ``DatabaseUnavailable``; others unchanged."""
    try:
        yield
    except DatabaseUnavailable:
        raise
    except Exception as exc:
        if is_transient(exc):
            raise DatabaseUnavailable(
                f"the database is unavailable ({type(exc).__name__}: {exc})"
            ) from exc
        raise


@dataclass(frozen=True, slots=True)
class Backoff:
    """Waits between tries: ``first`` seconds, doubled each time up to ``cap``, each spread by
    ``jitter`` either way so that processes sharing a database do not come back in step."""

    first: float = 0.5
    cap: float = 30.0
    jitter: float = 0.2

    def delay(self, failures: int) -> float:
        base = min(self.cap, self.first * 2.0 ** max(failures - 1, 0))
        return base * random.uniform(1 - self.jitter, 1 + self.jitter)  # noqa: S311 - spread


BACKOFF = Backoff()


class _Outage:
    """One loop's view of an outage: logs its start, each wait, and its end."""

    def __init__(self, what: str, backoff: Backoff) -> None:
        self.what = what
        self.backoff = backoff
        self.failures = 0

    async def wait(self, exc: BaseException) -> None:
        self.failures += 1
        delay = self.backoff.delay(self.failures)
        log.warning("%s: %s; trying again in %.1f s", self.what, exc, delay)
        await asyncio.sleep(delay)

    def over(self) -> None:
        if self.failures:
            log.info("%s: the database answers again (after %d tries)", self.what, self.failures)
            self.failures = 0


async def retrying(
    what: str, attempt: Callable[[], Awaitable[T]], *, backoff: Backoff = BACKOFF
) -> T:
    """``attempt()``'s result, calling it again after a back-off for as long as the database is
    unavailable; any other error is raised at once."""
    outage = _Outage(what, backoff)
    while True:
        try:
            result = await attempt()
        except DatabaseUnavailable as exc:
            await outage.wait(exc)
            continue
        outage.over()
        return result


async def keep_going(
    what: str, step: Callable[[], Awaitable[object]], *, backoff: Backoff = BACKOFF
) -> NoReturn:
    """Run a loop's ``step`` over and over until cancelled; a step that finds the database
    unavailable is tried again after a back-off, one that fails otherwise ends the loop."""
    outage = _Outage(what, backoff)
    while True:
        try:
            await step()
        except DatabaseUnavailable as exc:
            await outage.wait(exc)
            continue
        outage.over()
