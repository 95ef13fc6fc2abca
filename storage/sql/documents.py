"""Documents: each article or pasted text is stored once, by URL or by the hash of its text."""

from __future__ import annotations

from datetime import UTC, datetime

from claims.model import Document
from storage.sql.base import SqlDatabase
from storage.sql.rows import iso

__all__ = ["SqlDocumentStore"]


class SqlDocumentStore:
    def __init__(self, db: SqlDatabase) -> None:
        self._db = db

    async def add(self, document: Document) -> tuple[int, bool]:
        known = await self._db.fetchone(
            "SELECT id FROM documents WHERE text_hash = ? OR (url IS NOT NULL AND url = ?)",
            (document.text_hash, document.url or None),
        )
        if known is not None:
            return int(known[0]), False
        async with self._db.transaction() as tx:
            row = await tx.fetchone(
                "INSERT INTO documents (url, text_hash, outlet, title, published, added_at) "
                "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                (
                    document.url or None,
                    document.text_hash,
                    document.outlet,
                    document.title,
                    iso(document.published),
                    datetime.now(UTC).isoformat(),
                ),
            )
        assert row is not None
        return int(row[0]), True

    async def count(self) -> int:
        return int(await self._db.scalar("SELECT count(*) FROM documents"))
