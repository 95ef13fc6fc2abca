"""Choosing a backend from a database URL (``sqlite:///tally.db``, ``postgresql://…``)."""

from __future__ import annotations

from pathlib import Path

from claims.errors import StorageError
from storage.protocols import Storage

__all__ = ["open_storage", "sqlite_path"]


def sqlite_path(url: str) -> Path:
    """The file a ``sqlite:///relative`` or ``sqlite:////absolute`` URL names."""
    prefix = "sqlite:///"
    if not url.startswith(prefix) or len(url) == len(prefix):
        raise StorageError(f"DATABASE_URL {url!r} is not a sqlite:///PATH URL")
    return Path(url[len(prefix) :])


async def open_storage(url: str) -> Storage:
    if url.startswith("sqlite:"):
        from storage.sqlite import open_sqlite

        return await open_sqlite(sqlite_path(url))
    if url.startswith(("postgresql:", "postgres:")):
        from storage.postgres import open_postgres

        return await open_postgres(url)
    scheme = url.split(":", 1)[0]
    raise StorageError(
        f"DATABASE_URL scheme {scheme!r} is not supported; use sqlite:///PATH or "
        "postgresql://USER@HOST/DATABASE"
    )
