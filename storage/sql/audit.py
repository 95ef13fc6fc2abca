"""The record of moderation: one row per action, with the values before and after as JSON."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from storage.curation import AuditEntry
from storage.sql.base import Row, SqlDatabase, Tx

__all__ = ["SqlAuditStore", "insert_entry"]

_COLUMNS = "id, at, actor, action, claim_id, document_id, claimant, before, after"


def _entry(row: Row) -> AuditEntry:
    return AuditEntry(
        id=int(row[0]),
        at=datetime.fromisoformat(row[1]),
        actor=row[2],
        action=row[3],
        claim_id=row[4],
        document_id=None if row[5] is None else int(row[5]),
        claimant=row[6],
        before=json.loads(row[7] or "{}"),
        after=json.loads(row[8] or "{}"),
    )


async def insert_entry(tx: Tx, entry: AuditEntry) -> tuple[int, datetime]:
    """Record an action inside the transaction that does it: both or neither are stored."""
    at = entry.at or datetime.now(UTC)
    row = await tx.fetchone(
        "INSERT INTO audit (at, actor, action, claim_id, document_id, claimant, before, "
        "after) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        (
            at.isoformat(),
            entry.actor,
            entry.action,
            entry.claim_id,
            entry.document_id,
            entry.claimant,
            json.dumps(dict(entry.before), ensure_ascii=False, default=str),
            json.dumps(dict(entry.after), ensure_ascii=False, default=str),
        ),
    )
    assert row is not None
    return int(row[0]), at


class SqlAuditStore:
    def __init__(self, db: SqlDatabase) -> None:
        self._db = db

    async def record(self, entry: AuditEntry) -> AuditEntry:
        async with self._db.transaction() as tx:
            entry_id, at = await insert_entry(tx, entry)
        return AuditEntry(
            entry.actor,
            entry.action,
            entry.claim_id,
            entry.document_id,
            entry.claimant,
            entry.before,
            entry.after,
            at,
            entry_id,
        )

    async def entries(
        self,
        *,
        since: datetime | None = None,
        claim_id: str | None = None,
        limit: int = 20,
        oldest_first: bool = False,
    ) -> list[AuditEntry]:
        where = ["true"]
        params: list[Any] = []
        if since is not None:
            where.append("at >= ?")
            params.append(since.isoformat())
        if claim_id is not None:
            where.append("claim_id = ?")
            params.append(claim_id)
        order = "id" if oldest_first else "id DESC"
        rows = await self._db.fetchall(
            f"SELECT {_COLUMNS} FROM audit WHERE {' AND '.join(where)} ORDER BY {order} LIMIT ?",
            [*params, limit],
        )
        return [_entry(r) for r in rows]
