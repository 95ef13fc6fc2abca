"""What the SQL stores need from a database, so one set of stores serves SQLite and PostgreSQL.

Statements are written once, with ``?`` placeholders (PostgreSQL's ``Database`` numbers them),
in the SQL both databases share. The few places where the two differ are the ``Dialect``:
passing a list of values, forcing an index, the order rows were inserted in, and keeping
publication numbers in commit order.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from typing import Any, Literal, Protocol

from storage.protocols import Leadership

__all__ = ["POSTGRES", "SQLITE", "Dialect", "Row", "SqlDatabase", "Token", "Tx"]

Row = Sequence[Any]
Token = tuple[int, int] | None
ListKind = Literal["text", "int"]


class Tx(Protocol):
    """A write transaction in progress."""

    async def fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[Row]: ...

    async def fetchone(self, sql: str, params: Sequence[Any] = ()) -> Row | None: ...

    async def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Run one statement; the number of rows it changed."""
        ...

    async def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None: ...


class SqlDatabase(Protocol):
    dialect: Dialect

    def transaction(self) -> AbstractAsyncContextManager[Tx]:
        """Committed on success, rolled back on any error."""
        ...

    @property
    def writing(self) -> bool:
        """A write transaction of this process is open."""
        ...

    async def state(self) -> Token:
        """A token that changes whenever the data may have; None when that cannot be known."""
        ...

    async def fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[Row]: ...

    async def fetchone(self, sql: str, params: Sequence[Any] = ()) -> Row | None: ...

    async def scalar(self, sql: str, params: Sequence[Any] = ()) -> Any: ...

    def leadership(self, name: str) -> Leadership: ...

    async def load(self, table: str, columns: Sequence[str], rows: Sequence[Row]) -> None:
        """Insert rows as they are, ids included, as fast as the database allows (db copy)."""
        ...

    async def close(self) -> None: ...


@dataclass(frozen=True, slots=True)
class Dialect:
    name: str
    insert_order: str
    """A column that orders a table's rows as they were inserted."""
    publication_lock: str | None
    """A statement that makes publications commit in the order of their numbers."""
    change_notice: str | None = None
    """A statement that tells other processes, at commit, that claims changed (their caches)."""
    skip_locked: str = ""
    """Appended to a locking read: rows another transaction is taking are left to it."""

    def any_of(self, column: str, kind: ListKind = "text") -> str:
        """``column`` is one of a list passed as one parameter (``values``)."""
        if self.name == "sqlite":
            return f"{column} IN (SELECT value FROM json_each(?))"
        return f"{column} = ANY(?::{'bigint' if kind == 'int' else 'text'}[])"

    def values(self, items: Iterable[Any]) -> Any:
        listed = list(items)
        return json.dumps(listed) if self.name == "sqlite" else listed

    def indexed_by(self, index: str) -> str:
        # SQLite's planner can pick a worse index on a large table; PostgreSQL's keeps statistics
        return f"INDEXED BY {index}" if self.name == "sqlite" else ""


SQLITE = Dialect("sqlite", insert_order="rowid", publication_lock=None)
# A publication's number is taken inside its transaction; two transactions committing out of
# order would let a reader see number 11 before 10, and move a cursor past 10 for good.
POSTGRES = Dialect(
    "postgresql",
    insert_order="row_seq",
    publication_lock="SELECT pg_advisory_xact_lock(hashtext('tally:publications:' || "
    "current_schema()))",
    change_notice="SELECT pg_notify('tally_claims', current_schema())",
    skip_locked=" FOR UPDATE SKIP LOCKED",
)
