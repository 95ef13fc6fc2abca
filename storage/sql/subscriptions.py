"""The subscription store: chats' standing orders and their per-chat settings."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime

from claims.filters import ClaimFilter
from claims.schedule import Schedule
from storage.events import Signal
from storage.protocols import Subscription, SubscriptionState
from storage.sql.base import Row, SqlDatabase

__all__ = ["INSTANT", "SqlSubscriptionStore"]

INSTANT = "instant"
_COLUMNS = "id, chat, filter, schedule, cursor, last_slot, state, pause_reason, created_by"


def _filter_text(f: ClaimFilter) -> str:
    return json.dumps(f.to_record(), sort_keys=True, separators=(",", ":"))


def subscription_from_row(row: Row) -> Subscription:
    sid, chat, filter_text, schedule, cursor, last_slot, state, reason, created_by = row
    return Subscription(
        id=int(sid),
        chat=chat,
        filter=ClaimFilter.from_record(json.loads(filter_text)),
        schedule=None if schedule == INSTANT else Schedule.parse(schedule),
        cursor=int(cursor),
        last_slot=datetime.fromisoformat(last_slot) if last_slot else None,
        state=SubscriptionState(state),
        pause_reason=reason,
        created_by=created_by,
    )


class SqlSubscriptionStore:
    def __init__(self, db: SqlDatabase) -> None:
        self._db = db
        self._dialect = db.dialect
        self.changed = Signal("subscriptions changed")

    async def add(
        self,
        chat: str,
        filter: ClaimFilter,
        schedule: Schedule | None,
        *,
        created_by: str = "",
        last_slot: datetime | None = None,
    ) -> tuple[Subscription, bool]:
        key = (chat, _filter_text(filter), INSTANT if schedule is None else str(schedule))
        async with self._db.transaction() as tx:
            new = await tx.execute(
                "INSERT INTO subscriptions (chat, filter, schedule, cursor, last_slot, "
                "created_by, created_at) SELECT ?, ?, ?, coalesce(max(seq), 0), ?, ?, ? "
                "FROM publications WHERE true ON CONFLICT (chat, filter, schedule) DO NOTHING",
                (
                    *key,
                    last_slot.isoformat() if last_slot else None,
                    created_by,
                    datetime.now(UTC).isoformat(),
                ),
            )
            row = await tx.fetchone(
                f"SELECT {_COLUMNS} FROM subscriptions "
                "WHERE chat = ? AND filter = ? AND schedule = ?",
                key,
            )
        assert row is not None
        if new:
            self.changed.emit()
        return subscription_from_row(row), new > 0

    async def get(self, subscription_id: int) -> Subscription | None:
        row = await self._db.fetchone(
            f"SELECT {_COLUMNS} FROM subscriptions WHERE id = ?", (subscription_id,)
        )
        return None if row is None else subscription_from_row(row)

    async def for_chat(self, chat: str) -> list[Subscription]:
        rows = await self._db.fetchall(
            f"SELECT {_COLUMNS} FROM subscriptions WHERE chat = ? ORDER BY id", (chat,)
        )
        return [subscription_from_row(r) for r in rows]

    async def all(self, *, active_only: bool = True) -> list[Subscription]:
        where = "WHERE state = 'active'" if active_only else ""
        rows = await self._db.fetchall(f"SELECT {_COLUMNS} FROM subscriptions {where} ORDER BY id")
        return [subscription_from_row(r) for r in rows]

    async def remove(self, chat: str, ids: Sequence[int] | None = None) -> int:
        async with self._db.transaction() as tx:
            if ids is None:
                removed = await tx.execute("DELETE FROM subscriptions WHERE chat = ?", (chat,))
            else:
                removed = await tx.execute(
                    "DELETE FROM subscriptions WHERE chat = ? "
                    f"AND {self._dialect.any_of('id', 'int')}",
                    (chat, self._dialect.values(ids)),
                )
        if removed:
            self.changed.emit()
        return removed

    async def pause(self, ids: Sequence[int], reason: str) -> None:
        async with self._db.transaction() as tx:
            await tx.execute(
                "UPDATE subscriptions SET state = 'paused', pause_reason = ? "
                f"WHERE {self._dialect.any_of('id', 'int')}",
                (reason, self._dialect.values(ids)),
            )
        self.changed.emit()

    async def pause_chat(self, chat: str, reason: str) -> int:
        async with self._db.transaction() as tx:
            paused = await tx.execute(
                "UPDATE subscriptions SET state = 'paused', pause_reason = ? "
                "WHERE chat = ? AND state = 'active'",
                (reason, chat),
            )
        if paused:
            self.changed.emit()
        return paused

    async def resume(self, chat: str, subscription_id: int, cursor: int | None) -> bool:
        async with self._db.transaction() as tx:
            resumed = await tx.execute(
                "UPDATE subscriptions SET state = 'active', pause_reason = '', "
                "cursor = coalesce(?, cursor) WHERE id = ? AND chat = ? AND state = 'paused'",
                (cursor, subscription_id, chat),
            )
        if resumed:
            self.changed.emit()
        return resumed > 0

    async def move_chat(self, old: str, new: str) -> int:
        async with self._db.transaction() as tx:
            # an identical subscription may already exist at the new address: keep that one
            await tx.execute(
                "DELETE FROM subscriptions WHERE chat = ? AND EXISTS (SELECT 1 FROM "
                "subscriptions n WHERE n.chat = ? AND n.filter = subscriptions.filter "
                "AND n.schedule = subscriptions.schedule)",
                (old, new),
            )
            moved = await tx.execute("UPDATE subscriptions SET chat = ? WHERE chat = ?", (new, old))
            await tx.execute(
                "INSERT INTO chat_settings (chat, timezone) SELECT ?, timezone FROM chat_settings "
                "WHERE chat = ? ON CONFLICT (chat) DO NOTHING",
                (new, old),
            )
        if moved:
            self.changed.emit()
        return moved

    async def timezone(self, chat: str) -> str | None:
        value = await self._db.scalar("SELECT timezone FROM chat_settings WHERE chat = ?", (chat,))
        return None if value is None else str(value)

    async def set_timezone(self, chat: str, zone: str) -> None:
        async with self._db.transaction() as tx:
            await tx.execute(
                "INSERT INTO chat_settings (chat, timezone) VALUES (?, ?) "
                "ON CONFLICT (chat) DO UPDATE SET timezone = excluded.timezone",
                (chat, zone),
            )
