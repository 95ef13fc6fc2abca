"""The SQLite backend: one aiosqlite connection per process, shared by every store."""

from __future__ import annotations

from pathlib import Path

from storage.sql.claimants import rekey
from storage.sql.storage import SqlStorage
from storage.sqlite.database import Database

__all__ = ["open_sqlite"]


async def open_sqlite(path: Path) -> SqlStorage:
    db = await Database.open(path)
    try:
        await rekey(db)
    except BaseException:
        await db.close()
        raise
    return SqlStorage(db)
