"""Results of recent reads, kept only while the database has not changed.

Many chats ask the same thing between two ingestions, so ``/estimates`` keeps its brief list
of current figures and the claims it showed. Before every use the cache asks the database for
its state token (``SqlDatabase.state``): any commit of ours empties it, and so does another
process's (SQLite: at once, by the file's data version; PostgreSQL: when the commit's
notification arrives, a moment later). A read that overlapped a write is used but not kept.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Generic, TypeVar

from storage.sql.base import SqlDatabase, Token

__all__ = ["ReadCache"]

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class ReadCache(Generic[K, V]):
    def __init__(self, db: SqlDatabase, limit: int) -> None:
        self._db = db
        self._limit = limit
        self._state: Token = None
        self._entries: dict[K, V] = {}

    async def token(self) -> Token:
        """Check the database; a changed state empties the cache. Pass the token to ``put``."""
        state = await self._db.state()
        if state is None or state != self._state:
            self._entries.clear()
            self._state = state
        return state

    def get(self, key: K) -> V | None:
        return self._entries.get(key)

    def put(self, token: Token, key: K, value: V) -> None:
        """Keep a value read under ``token``, unless the database has moved on since."""
        if token is None or token != self._state or self._db.writing:
            return
        if len(self._entries) >= self._limit:
            del self._entries[next(iter(self._entries))]
        self._entries[key] = value
