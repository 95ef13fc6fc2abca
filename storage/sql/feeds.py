"""Feeds a deployment polls, their conditional-GET validators and failures, and the entries
each has already had (so a restart never ingests an entry twice)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from storage.protocols import Feed, FeedKind
from storage.sql.base import SqlDatabase

__all__ = ["SqlFeedStore"]

_COLUMNS = (
    "id, url, kind, outlet, etag, last_modified, failures, last_error, next_poll_at, polled_at,"
    " disabled"
)


def _feed(row: Sequence[Any]) -> Feed:
    return Feed(
        id=int(row[0]),
        url=str(row[1]),
        kind=FeedKind(row[2]),
        outlet=str(row[3]),
        etag=str(row[4]),
        last_modified=str(row[5]),
        failures=int(row[6]),
        last_error=str(row[7]),
        next_poll_at=float(row[8]),
        polled_at=None if row[9] is None else float(row[9]),
        disabled=bool(row[10]),
    )


class SqlFeedStore:
    def __init__(self, db: SqlDatabase) -> None:
        self._db = db
        self._dialect = db.dialect

    async def add(self, url: str, kind: FeedKind, added_by: str, now: float) -> tuple[Feed, bool]:
        known = await self._by_url(url)
        if known is not None:
            return known, False
        async with self._db.transaction() as tx:
            row = await tx.fetchone(
                "INSERT INTO feeds (url, kind, next_poll_at, added_by, added_at) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (url) DO NOTHING RETURNING id",
                (url, kind.value, now, added_by, datetime.now(UTC).isoformat()),
            )
        feed = await (self.get(int(row[0])) if row else self._by_url(url))
        assert feed is not None
        return feed, row is not None

    async def _by_url(self, url: str) -> Feed | None:
        row = await self._db.fetchone(f"SELECT {_COLUMNS} FROM feeds WHERE url = ?", (url,))
        return None if row is None else _feed(row)

    async def all(self) -> list[Feed]:
        rows = await self._db.fetchall(f"SELECT {_COLUMNS} FROM feeds ORDER BY id")
        return [_feed(r) for r in rows]

    async def get(self, feed_id: int) -> Feed | None:
        row = await self._db.fetchone(f"SELECT {_COLUMNS} FROM feeds WHERE id = ?", (feed_id,))
        return None if row is None else _feed(row)

    async def remove(self, feed_id: int) -> bool:
        async with self._db.transaction() as tx:
            return await tx.execute("DELETE FROM feeds WHERE id = ?", (feed_id,)) > 0

    async def enable(self, feed_id: int, now: float) -> None:
        async with self._db.transaction() as tx:
            await tx.execute(
                "UPDATE feeds SET disabled = 0, failures = 0, last_error = '', next_poll_at = ?"
                " WHERE id = ?",
                (now, feed_id),
            )

    async def due(self, now: float) -> list[Feed]:
        rows = await self._db.fetchall(
            f"SELECT {_COLUMNS} FROM feeds WHERE disabled = 0 AND next_poll_at <= ? "
            "ORDER BY next_poll_at, id",
            (now,),
        )
        return [_feed(r) for r in rows]

    async def polled(
        self, feed_id: int, now: float, next_at: float, *, etag: str, last_modified: str
    ) -> None:
        async with self._db.transaction() as tx:
            await tx.execute(
                "UPDATE feeds SET failures = 0, last_error = '', polled_at = ?, next_poll_at = ?,"
                " etag = ?, last_modified = ? WHERE id = ?",
                (now, next_at, etag, last_modified, feed_id),
            )

    async def failed(self, feed_id: int, error: str, next_at: float, *, disable: bool) -> Feed:
        async with self._db.transaction() as tx:
            await tx.execute(
                "UPDATE feeds SET failures = failures + 1, last_error = ?, next_poll_at = ?,"
                " disabled = ? WHERE id = ?",
                (error, next_at, int(disable), feed_id),
            )
        feed = await self.get(feed_id)
        assert feed is not None
        return feed

    async def unseen(self, feed_id: int, keys: Sequence[str]) -> list[str]:
        if not keys:
            return []
        rows = await self._db.fetchall(
            f"SELECT key FROM feed_entries WHERE feed_id = ? AND {self._dialect.any_of('key')}",
            (feed_id, self._dialect.values(keys)),
        )
        known = {r[0] for r in rows}
        return [k for k in dict.fromkeys(keys) if k not in known]

    async def seen(self, feed_id: int, keys: Sequence[str], now: float) -> None:
        async with self._db.transaction() as tx:
            await tx.executemany(
                "INSERT INTO feed_entries (feed_id, key, seen_at) VALUES (?, ?, ?) "
                "ON CONFLICT DO NOTHING",
                [(feed_id, k, now) for k in keys],
            )
