"""Leadership: the work only one process may do at a time (planning digests and alerts, polling
feeds) runs while this process holds the lock (storage ``Leadership``), and stops if it loses it.

Every process with the scheduler role campaigns: it tries the lock every ``poll`` seconds. The
leader checks every ``check`` seconds that its hold is alive. When the leader dies, its lock is
released by the database (PostgreSQL) or the kernel (SQLite), and a follower takes over within
``poll`` seconds. Nothing is lost in between: what the planner writes is keyed and idempotent,
and a new leader's first sync catches up on digest slots that passed while nobody led.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import Any

from storage.protocols import Leadership

__all__ = ["Leader"]

log = logging.getLogger(__name__)


class Leader:
    def __init__(
        self,
        leadership: Leadership,
        work: Callable[[], Coroutine[Any, Any, None]],
        *,
        poll: float = 1.0,
        check: float = 2.0,
    ) -> None:
        self._leadership = leadership
        self._work = work
        self._poll = poll
        self._check = check
        self.leading = asyncio.Event()

    async def run(self) -> None:
        """Campaign, lead while the lock is ours, and campaign again; until cancelled."""
        following = False
        try:
            while True:
                if not await self._leadership.acquire():
                    if not following:
                        log.info("leader: another process leads; following")
                        following = True
                    await asyncio.sleep(self._poll)
                    continue
                following = False
                await self._lead()
        finally:
            await self._leadership.release()

    async def _lead(self) -> None:
        log.info("leader: this process now plans deliveries and polls feeds")
        self.leading.set()
        task = asyncio.create_task(self._work(), name="leader-work")
        try:
            while not task.done():
                await asyncio.wait({task}, timeout=self._check)
                if not task.done() and not await self._leadership.holding():
                    log.warning("leader: lost the leadership; stopping the leader's work")
                    break
            if task.done():
                task.result()  # the work never ends by itself: an error is raised here
        finally:
            self.leading.clear()
            task.cancel()
            await asyncio.wait({task})  # unlike awaiting it, never swallows our own cancellation
