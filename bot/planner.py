"""The delivery planner: turns publications into outbox rows for the chats that asked.

Instant alerts: a claims-published signal (or, from another process, a moved publication head
seen on the next poll) opens a coalescing window; when it closes, each chat with matching
instant subscriptions gets one alert with everything new since its cursor. Digests: at each
slot (bot/scheduler.py fires them) a subscription gets what was published since its cursor,
or nothing when nothing matches.

Rows and the subscriptions' new cursors are written in one transaction, and each row's dedupe
key names what it carries (``digest:<id>:<slot>``, ``alert:<chat>:<first>-<last>``), so planning
again after a crash or a restart never sends anything twice.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections import OrderedDict, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from bot.outbox import outgoing
from claims.conflict import Conflict
from claims.filters import ClaimFilter
from claims.model import Claim
from claims.schedule import Schedule
from handlers.digest import change_reply
from handlers.types import Reply
from storage.faults import keep_going
from storage.protocols import Outgoing, Storage, Subscription

__all__ = ["DeliveryPlanner", "PlannerConfig"]

log = logging.getLogger(__name__)

_MEMO = 64


def _utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class PlannerConfig:
    alert_window: float = 10.0
    poll: float = 15.0
    misfire_grace: float = 3600.0


class DeliveryPlanner:
    def __init__(
        self,
        storage: Storage,
        conflict: Conflict,
        config: PlannerConfig = PlannerConfig(),
        *,
        clock: Callable[[], datetime] = _utcnow,
    ) -> None:
        self._storage = storage
        self._conflict = conflict
        self._config = config
        self._clock = clock
        self._published = asyncio.Event()
        self._seen: int | None = None  # the head alerts were last planned up to; None: behind
        self._lock = asyncio.Lock()  # one plan at a time in this process
        # many subscriptions share a filter and a cursor: read and build each answer once
        self._reads: OrderedDict[tuple[int, int], list[tuple[int, Claim]]] = OrderedDict()
        self._replies: OrderedDict[tuple[object, ...], Reply | None] = OrderedDict()

    # -- instant alerts

    async def run(self) -> None:
        """Plan alerts until cancelled: after each publication's window, and on each poll;
        while the database is unavailable, again once it answers."""
        claims = self._storage.claims
        claims.published.connect(self._published.set)
        try:
            await keep_going("planner", self._step)
        finally:
            claims.published.disconnect(self._published.set)

    async def _step(self) -> None:
        claims = self._storage.claims
        if self._seen is not None:  # up to date: wait for news
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(self._config.poll):
                    await self._published.wait()
            if not self._published.is_set() and await claims.publication_head() == self._seen:
                return
            await asyncio.sleep(self._config.alert_window)  # let a burst gather
            self._published.clear()
            self._seen = None
        head = await claims.publication_head()
        await self.flush_alerts()
        self._seen = head

    async def flush_alerts(self) -> int:
        """One alert per chat with what its instant subscriptions have not been told; rows added."""
        async with self._lock:
            head = await self._storage.claims.publication_head()
            subs = [
                s for s in await self._storage.subscriptions.all() if s.instant and s.cursor < head
            ]
            if not subs:
                return 0
            published = await self._published_between(min(s.cursor for s in subs), head)
            by_chat: dict[str, list[Subscription]] = defaultdict(list)
            for sub in subs:
                by_chat[sub.chat].append(sub)
            rows: list[Outgoing] = []
            cursors: dict[int, tuple[int, datetime | None]] = {}
            for chat, chat_subs in by_chat.items():
                matching: dict[str, tuple[int, Claim]] = {}
                for sub in chat_subs:
                    cursors[sub.id] = (head, None)
                    for seq, claim in published:
                        if seq > sub.cursor and sub.filter.matches(claim, self._conflict):
                            matching[claim.id] = (seq, claim)
                if not matching:
                    continue
                found = sorted(matching.values(), key=lambda item: item[0])
                reply = await change_reply(
                    self._storage,
                    self._conflict,
                    [c for _, c in found],
                    heading="New figures",
                    spreads=False,
                )
                if reply is not None:
                    key = f"alert:{chat}:{found[0][0]}-{found[-1][0]}"
                    rows += outgoing(key, chat, "alert", reply, chat_subs[0].id)
            added = await self._storage.outbox.enqueue(rows, now=time.time(), cursors=cursors)
            log.info("planner: %d alert rows for %d chats", added, len(by_chat))
            return added

    # -- digests

    async def run_digest(self, subscription_id: int) -> int:
        """Plan the digest for the subscription's latest slot, once; rows added."""
        async with self._lock:
            sub = await self._storage.subscriptions.get(subscription_id)
            if sub is None or not sub.active or sub.schedule is None:
                return 0
            slot = sub.schedule.latest(self._clock())
            if sub.last_slot is not None and sub.last_slot >= slot:
                return 0
            head = await self._storage.claims.publication_head()
            reply = await self._digest(sub, sub.schedule, slot, head)
            rows = []
            if reply is not None:
                key = f"digest:{sub.id}:{slot.isoformat()}"
                rows = outgoing(key, sub.chat, "digest", reply, sub.id)
            added = await self._storage.outbox.enqueue(
                rows, now=time.time(), cursors={sub.id: (head, slot)}
            )
            log.info("planner: digest #%d for %s: %d rows", sub.id, slot.isoformat(), added)
            return added

    async def catch_up(self) -> int:
        """Plan digests whose slot passed while nothing ran, if still within the grace time."""
        now = self._clock()
        grace = timedelta(seconds=self._config.misfire_grace)
        added = 0
        for sub in await self._storage.subscriptions.all():
            if sub.schedule is None:
                continue
            slot = sub.schedule.latest(now)
            missed = sub.last_slot is None or sub.last_slot < slot
            if missed and now - slot <= grace:
                added += await self.run_digest(sub.id)
        return added

    async def _digest(
        self, sub: Subscription, schedule: Schedule, slot: datetime, head: int
    ) -> Reply | None:
        key = (sub.filter, sub.cursor, head, str(schedule), slot)
        if key in self._replies:
            self._replies.move_to_end(key)
            return self._replies[key]
        published = await self._published_between(sub.cursor, head)
        matching = self._matching(published, sub.filter)
        title = "Weekly digest" if schedule.weekday is not None else "Daily digest"
        reply = await change_reply(
            self._storage,
            self._conflict,
            matching,
            heading=f"{title} · {schedule.local(slot)}",
            intro=f"{sub.filter.describe().capitalize()} published since the last digest.",
        )
        self._replies[key] = reply
        if len(self._replies) > _MEMO:
            self._replies.popitem(last=False)
        return reply

    def _matching(self, published: Sequence[tuple[int, Claim]], f: ClaimFilter) -> list[Claim]:
        return [c for _, c in published if f.matches(c, self._conflict)]

    async def _published_between(self, after: int, upto: int) -> list[tuple[int, Claim]]:
        key = (after, upto)
        if key not in self._reads:
            self._reads[key] = await self._storage.claims.published_between(after, upto)
            if len(self._reads) > _MEMO:
                self._reads.popitem(last=False)
        else:
            self._reads.move_to_end(key)
        return self._reads[key]
