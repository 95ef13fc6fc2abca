"""Copying a whole deployment between databases (``tally db copy``): SQLite to PostgreSQL and
back. Rows keep their ids, publication numbers and order, so cursors, dedupe keys and links
mean the same afterwards; the copy is verified by counting every table on both sides.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from claims.errors import StorageError
from storage.sql.base import Row, SqlDatabase
from storage.sql.rows import CLAIM_COLUMNS

__all__ = ["TABLES", "Copied", "Table", "copy_database"]

BATCH = 5000


@dataclass(frozen=True, slots=True)
class Table:
    name: str
    columns: tuple[str, ...]
    key: tuple[str, ...] = ("id",)
    floats: frozenset[str] = field(default_factory=frozenset)
    """Columns of unix times: SQLite may hold them as integers, PostgreSQL wants floats."""


def _names(text: str) -> tuple[str, ...]:
    return tuple(name.strip().removeprefix("c.") for name in text.split(","))


# In the order foreign keys need: what a row points at is copied before it.
TABLES: tuple[Table, ...] = (
    Table("documents", _names("id, url, text_hash, outlet, title, published, added_at, body")),
    # claims follow the order they arrived in (the review queue's order), not their ids
    Table(
        "claims",
        _names(
            f"{CLAIM_COLUMNS}, effective_date, is_current, added_at, first_appearance, "
            "claimant_surname"
        ),
        key=(),
    ),
    Table(
        "appearances",
        _names(
            "id, claim_id, document_id, outlet, url, title, published, quote, span_start, "
            "span_end, added_at"
        ),
    ),
    Table("publications", _names("seq, claim_id, published_at, note"), key=("seq",)),
    Table("chat_settings", _names("chat, timezone"), key=("chat",)),
    Table(
        "subscriptions",
        _names(
            "id, chat, filter, schedule, cursor, last_slot, state, pause_reason, created_by, "
            "created_at"
        ),
    ),
    Table(
        "outbox",
        _names(
            "id, dedupe_key, target, platform, kind, subscription, body, state, attempts, "
            "due_at, lease_owner, error, created_at, sent_at"
        ),
        floats=frozenset({"due_at", "created_at", "sent_at"}),
    ),
    Table(
        "feeds",
        _names(
            "id, url, kind, outlet, etag, last_modified, failures, last_error, next_poll_at, "
            "polled_at, disabled, added_by, added_at"
        ),
        floats=frozenset({"next_poll_at", "polled_at"}),
    ),
    Table(
        "feed_entries",
        _names("feed_id, key, seen_at"),
        key=("feed_id", "key"),
        floats=frozenset({"seen_at"}),
    ),
    Table(
        "audit",
        _names("id, at, actor, action, claim_id, document_id, claimant, before, after"),
    ),
    Table("claimant_merges", _names("claimant_key, into_key"), key=("claimant_key",)),
)


@dataclass(frozen=True, slots=True)
class Copied:
    table: str
    source: int
    copied: int

    @property
    def complete(self) -> bool:
        return self.source == self.copied


async def _count(db: SqlDatabase, table: str) -> int:
    return int(await db.scalar(f"SELECT count(*) FROM {table}"))


def _converter(table: Table) -> Callable[[Row], tuple[Any, ...]]:
    spots = [i for i, c in enumerate(table.columns) if c in table.floats]

    def convert(row: Row) -> tuple[Any, ...]:
        values = list(row[: len(table.columns)])
        for i in spots:
            if values[i] is not None:
                values[i] = float(values[i])
        return tuple(values)

    return convert


async def _batches(db: SqlDatabase, table: Table) -> Any:
    """The table's rows in key order, a batch at a time (keyset paging, never OFFSET)."""
    key = table.key or (db.dialect.insert_order,)
    selected = ", ".join((*table.columns, *key))
    order = ", ".join(key)
    after: Sequence[Any] | None = None
    while True:
        where = ""
        params: list[Any] = []
        if after is not None:
            where = f"WHERE ({order}) > ({', '.join('?' * len(key))})"
            params = list(after)
        rows = await db.fetchall(
            f"SELECT {selected} FROM {table.name} {where} ORDER BY {order} LIMIT ?",
            [*params, BATCH],
        )
        if not rows:
            return
        yield rows
        after = tuple(rows[-1][len(table.columns) :])


async def copy_database(
    source: SqlDatabase,
    target: SqlDatabase,
    *,
    progress: Callable[[str, int], None] | None = None,
) -> list[Copied]:
    """Copy every table; refuses a target that already holds anything. Counts per table."""
    for table in TABLES:
        if await _count(target, table.name):
            raise StorageError(
                f"the target already holds {table.name}; copy only into an empty database"
            )
    result: list[Copied] = []
    for table in TABLES:
        convert = _converter(table)
        async for rows in _batches(source, table):
            await target.load(table.name, table.columns, [convert(r) for r in rows])
            if progress is not None:
                progress(table.name, len(rows))
        result.append(
            Copied(table.name, await _count(source, table.name), await _count(target, table.name))
        )
    return result
