"""The stores of one SQL database, together: what ``open_storage`` hands back for either backend."""

from __future__ import annotations

from storage.protocols import Leadership
from storage.sql.audit import SqlAuditStore
from storage.sql.base import SqlDatabase
from storage.sql.claims import SqlClaimStore
from storage.sql.curation import SqlCurationStore
from storage.sql.documents import SqlDocumentStore
from storage.sql.feeds import SqlFeedStore
from storage.sql.outbox import SqlOutboxStore
from storage.sql.subscriptions import SqlSubscriptionStore

__all__ = ["SqlStorage"]


class SqlStorage:
    def __init__(self, db: SqlDatabase) -> None:
        self.db = db
        self.claims = SqlClaimStore(db)
        self.documents = SqlDocumentStore(db)
        self.subscriptions = SqlSubscriptionStore(db)
        self.outbox = SqlOutboxStore(db)
        self.feeds = SqlFeedStore(db)
        self.audit = SqlAuditStore(db)
        self.curation = SqlCurationStore(db, self.claims.published)

    def leadership(self, name: str) -> Leadership:
        return self.db.leadership(name)

    async def close(self) -> None:
        await self.db.close()
