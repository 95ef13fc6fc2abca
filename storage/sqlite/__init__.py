"""The SQLite backend: one aiosqlite connection per process, shared by every store."""

from __future__ import annotations

from pathlib import Path

from storage.sqlite.claims import SqliteClaimStore
from storage.sqlite.database import Database
from storage.sqlite.documents import SqliteDocumentStore
from storage.sqlite.feeds import SqliteFeedStore
from storage.sqlite.outbox import SqliteOutboxStore
from storage.sqlite.subscriptions import SqliteSubscriptionStore

__all__ = ["SqliteStorage", "open_sqlite"]


class SqliteStorage:
    def __init__(self, db: Database) -> None:
        self.db = db
        self.claims = SqliteClaimStore(db)
        self.documents = SqliteDocumentStore(db)
        self.subscriptions = SqliteSubscriptionStore(db)
        self.outbox = SqliteOutboxStore(db)
        self.feeds = SqliteFeedStore(db)

    async def close(self) -> None:
        await self.db.close()


async def open_sqlite(path: Path) -> SqliteStorage:
    return SqliteStorage(await Database.open(path))
