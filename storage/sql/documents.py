"""Documents: each article or pasted text is stored once, by URL or by the hash of its text.

``insert_document`` runs inside a transaction that is already open, so ingestion can store a
document and its claims together (``ClaimStore.add(..., document=...)``) or neither.
"""

from __future__ import annotations

from datetime import UTC, datetime

from claims.model import Document
from storage.sql.base import SqlDatabase, Tx
from storage.sql.rows import iso

__all__ = ["SqlDocumentStore", "insert_document"]

_KNOWN = "SELECT id FROM documents WHERE text_hash = ? OR (url IS NOT NULL AND url = ?)"


async def insert_document(tx: Tx, document: Document) -> tuple[int, bool]:
    """Store a document unless its URL or text is known; its id and whether it is new."""
    row = await tx.fetchone(
        "INSERT INTO documents (url, text_hash, outlet, title, published, added_at, body) "
        "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING id",
        (
            document.url or None,
            document.text_hash,
            document.outlet,
            document.title,
            iso(document.published),
            datetime.now(UTC).isoformat(),
            document.text or None,  # kept for /reingest
        ),
    )
    if row is not None:
        return int(row[0]), True
    known = await tx.fetchone(_KNOWN, (document.text_hash, document.url or None))
    assert known is not None
    return int(known[0]), False


class SqlDocumentStore:
    def __init__(self, db: SqlDatabase) -> None:
        self._db = db

    async def add(self, document: Document) -> tuple[int, bool]:
        if (known := await self.known(document)) is not None:
            return known, False
        async with self._db.transaction() as tx:
            return await insert_document(tx, document)

    async def known(self, document: Document) -> int | None:
        row = await self._db.fetchone(_KNOWN, (document.text_hash, document.url or None))
        return None if row is None else int(row[0])

    async def count(self) -> int:
        return int(await self._db.scalar("SELECT count(*) FROM documents"))
