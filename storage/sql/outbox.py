"""The outbox: every outgoing message is a row before it is sent.

A worker leases a due row (state ``sending``, ``due_at`` moved to the lease's end), sends it and
marks it sent. A worker that dies leaves its row leased; when the lease runs out the row is due
again and another worker sends it. Only one row per chat is ever due at a time, so a chat's
messages arrive in order.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from storage.events import Signal
from storage.protocols import OutboxRow, OutboxState, Outgoing
from storage.sql.base import Row, SqlDatabase

__all__ = ["SqlOutboxStore"]

_COLUMNS = (
    "o.id, o.dedupe_key, o.target, o.platform, o.kind, o.body, o.subscription, o.state, "
    "o.attempts, o.due_at, o.error, o.created_at, o.sent_at"
)
_WAITING = "o.state IN ('queued', 'sending')"


def _row(r: Row) -> OutboxRow:
    return OutboxRow(
        id=int(r[0]),
        dedupe_key=r[1],
        target=r[2],
        platform=r[3],
        kind=r[4],
        body=r[5],
        subscription=None if r[6] is None else int(r[6]),
        state=OutboxState(r[7]),
        attempts=int(r[8]),
        due_at=float(r[9]),
        error=r[10],
        created_at=float(r[11]),
        sent_at=None if r[12] is None else float(r[12]),
    )


class SqlOutboxStore:
    def __init__(self, db: SqlDatabase) -> None:
        self._db = db
        self._dialect = db.dialect
        self.queued = Signal("messages queued")

    async def enqueue(
        self,
        messages: Sequence[Outgoing],
        *,
        now: float,
        cursors: Mapping[int, tuple[int, datetime | None]] | None = None,
    ) -> int:
        keys = list(dict.fromkeys(m.dedupe_key for m in messages))
        async with self._db.transaction() as tx:
            known = await tx.fetchone(
                f"SELECT count(*) FROM outbox WHERE {self._dialect.any_of('dedupe_key')}",
                (self._dialect.values(keys),),
            )
            await tx.executemany(
                "INSERT INTO outbox (dedupe_key, target, platform, kind, body, subscription, "
                "due_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (dedupe_key) DO NOTHING",
                [
                    (m.dedupe_key, m.target, m.platform, m.kind, m.body, m.subscription, now, now)
                    for m in messages
                ],
            )
            # the keys already there were skipped (rows are never deleted while they wait)
            added = len(keys) - int(known[0] if known else 0)
            await tx.executemany(
                "UPDATE subscriptions SET cursor = CASE WHEN cursor > ? THEN cursor ELSE ? END, "
                "last_slot = coalesce(?, last_slot) WHERE id = ?",
                [
                    (cursor, cursor, slot.isoformat() if slot else None, sid)
                    for sid, (cursor, slot) in (cursors or {}).items()
                ],
            )
        if added:
            self.queued.emit()
        return added

    async def due(self, platforms: Sequence[str], now: float, limit: int) -> list[OutboxRow]:
        if not platforms:
            return []
        marks = ", ".join("?" * len(platforms))
        index = self._dialect.indexed_by
        rows = await self._db.fetchall(
            f"SELECT {_COLUMNS} FROM outbox o {index('outbox_due')} "
            f"WHERE o.platform IN ({marks}) AND {_WAITING} AND o.due_at <= ? "
            f"AND NOT EXISTS (SELECT 1 FROM outbox p {index('outbox_target')} "
            "WHERE p.target = o.target AND p.id < o.id AND p.state IN ('queued', 'sending')) "
            "ORDER BY o.due_at, o.id LIMIT ?",
            (*platforms, now, limit),
        )
        return [_row(r) for r in rows]

    async def lease(
        self, row_ids: Sequence[int], owner: str, now: float, until: float
    ) -> list[int]:
        if not row_ids:
            return []
        async with self._db.transaction() as tx:
            rows = await tx.fetchall(
                "UPDATE outbox SET state = 'sending', due_at = ?, lease_owner = ?, "
                "attempts = attempts + 1 WHERE id IN (SELECT id FROM outbox "
                f"WHERE {self._dialect.any_of('id', 'int')} "
                "AND state IN ('queued', 'sending') AND due_at <= ?"
                f"{self._dialect.skip_locked}) RETURNING id",
                (until, owner, self._dialect.values(row_ids), now),
            )
        return [int(r[0]) for r in rows]

    async def sent(self, row_ids: Sequence[int], now: float) -> None:
        if not row_ids:
            return
        async with self._db.transaction() as tx:
            await tx.execute(
                "UPDATE outbox SET state = 'sent', sent_at = ?, error = '' "
                f"WHERE {self._dialect.any_of('id', 'int')} AND state != 'sent'",
                (now, self._dialect.values(row_ids)),
            )

    async def retry(self, row_id: int, due_at: float, error: str) -> None:
        async with self._db.transaction() as tx:
            await tx.execute(
                "UPDATE outbox SET state = 'queued', due_at = ?, error = ?, lease_owner = NULL "
                "WHERE id = ? AND state != 'sent'",
                (due_at, error, row_id),
            )

    async def fail(self, row_id: int, error: str) -> None:
        async with self._db.transaction() as tx:
            await tx.execute(
                "UPDATE outbox SET state = 'failed', error = ?, lease_owner = NULL "
                "WHERE id = ? AND state != 'sent'",
                (error, row_id),
            )

    async def fail_target(self, target: str, error: str) -> int:
        async with self._db.transaction() as tx:
            return await tx.execute(
                "UPDATE outbox SET state = 'failed', error = ? "
                "WHERE target = ? AND state = 'queued'",
                (error, target),
            )

    async def retarget(self, old: str, new: str) -> int:
        async with self._db.transaction() as tx:
            return await tx.execute(
                "UPDATE outbox SET target = ? WHERE target = ? AND state IN ('queued', 'sending')",
                (new, old),
            )

    async def prune(self, sent_before: float) -> int:
        async with self._db.transaction() as tx:
            return await tx.execute(
                "DELETE FROM outbox WHERE state IN ('sent', 'failed') "
                "AND coalesce(sent_at, created_at) < ?",
                (sent_before,),
            )

    async def counts(self) -> dict[OutboxState, int]:
        rows = await self._db.fetchall("SELECT state, count(*) FROM outbox GROUP BY state")
        found = {OutboxState(state): int(n) for state, n in rows}
        return {state: found.get(state, 0) for state in OutboxState}

    async def rows(self, state: OutboxState, limit: int) -> list[OutboxRow]:
        order = "o.sent_at DESC" if state is OutboxState.SENT else "o.id DESC"
        rows = await self._db.fetchall(
            f"SELECT {_COLUMNS} FROM outbox o WHERE o.state = ? ORDER BY {order} LIMIT ?",
            (state.value, limit),
        )
        return [_row(r) for r in rows]

    async def delivered(self, target: str) -> list[OutboxRow]:
        rows = await self._db.fetchall(
            f"SELECT {_COLUMNS} FROM outbox o WHERE o.target = ? AND o.state = 'sent' "
            "ORDER BY o.id",
            (target,),
        )
        return [_row(r) for r in rows]
