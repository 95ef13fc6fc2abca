"""Leadership on one machine: an exclusive ``flock`` on a file beside the database.

The kernel drops the lock when the holding process exits, however it exits, so another process
sharing the SQLite file can take over.
"""

from __future__ import annotations

import asyncio
import fcntl
import os
from pathlib import Path

__all__ = ["FileLeadership"]


class FileLeadership:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    def _try(self) -> bool:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return False
        self._fd = fd
        return True

    async def acquire(self) -> bool:
        if self._fd is not None:
            return True
        return await asyncio.to_thread(self._try)

    async def holding(self) -> bool:
        return self._fd is not None

    async def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is not None:
            os.close(fd)
