"""The PostgreSQL backend: a connection pool per process, the same stores as SQLite, and the
parts several processes need to share one database (notifications and leadership)."""

from __future__ import annotations

from storage.postgres.database import PgDatabase
from storage.postgres.notify import Notifier
from storage.sql.claimants import rekey
from storage.sql.storage import SqlStorage

__all__ = ["PgStorage", "open_postgres"]


class PgStorage(SqlStorage):
    def __init__(self, db: PgDatabase) -> None:
        super().__init__(db)
        self.notifier = Notifier(
            db,
            {
                "published": self.claims.published,
                "subscriptions": self.subscriptions.changed,
                "queued": self.outbox.queued,
            },
        )

    async def close(self) -> None:
        await self.notifier.close()
        await super().close()


async def open_postgres(url: str) -> PgStorage:
    db = await PgDatabase.open(url)
    storage = PgStorage(db)
    try:
        await rekey(db)
        await storage.notifier.start()
    except BaseException:
        await db.close()
        raise
    return storage
