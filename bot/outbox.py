"""The outbox worker: sends stored messages under each platform's rate limits, and retries.

Every alert, digest and notice is a row before it is sent (storage outbox). The worker leases
due rows just before sending them (no more than its pace allows in the next tenth of a second),
and marks delivered rows sent together every few milliseconds; a crash leaves only those rows
leased, and only they can be sent again once their lease runs out. What happens after a send:

- sent: the row is marked sent, kept for ``OUTBOX_KEEP_DAYS``, then pruned;
- ``RetryLater`` from a 429: the row waits ``retry_after`` and the chat is held as long;
- a timeout or server error (``RetryLater(backoff=True)`` or anything unexpected): exponential
  back-off with jitter, capped at ``OUTBOX_BACKOFF_CAP``, given up after ``OUTBOX_GIVE_UP_HOURS``;
- ``ChatMoved``: the chat's subscriptions and waiting rows follow it, and the row goes again;
- ``PermanentFailure``: the row fails and its subscription is paused with the reason. A chat
  that cannot be reached at all has every subscription paused and its waiting rows failed; one
  that can (a photo refused, say) gets a short notice saying what happened.

While the database is locked or out of reach (storage/faults.py), the worker waits and tries
again: rows delivered meanwhile are marked sent once it answers, and what a send's outcome
must record is recorded then. Nothing is lost; this worker takes no new rows before the ones
it delivered are marked, so a row goes twice only if the outage outlasts its lease and
another worker process takes it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import random
import time
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import partial

from bot.adapters.base import Adapter
from bot.pacing import PlatformPace, PlatformRates
from bot.render.parts import split_for
from claims.errors import ChatMoved, PermanentFailure, RetryLater
from handlers.types import ChatRef, Reply
from handlers.wire import decode_reply, encode_reply
from storage.faults import DatabaseUnavailable, keep_going, retrying
from storage.protocols import OutboxRow, Outgoing, Storage

__all__ = ["OutboxWorker", "WorkerConfig", "outgoing"]

log = logging.getLogger(__name__)

BATCH = 256
IDLE_POLL = 1.0  # seconds between looks at the queue when nothing woke the worker
PRUNE_EVERY = 3600.0
SENT_FLUSH = 0.02  # seconds delivered rows wait to be marked sent together


def _article(word: str) -> str:
    return f"an {word}" if word[:1] in "aeiou" else f"a {word}"


def outgoing(key: str, target: str, kind: str, reply: Reply, sub: int | None) -> list[Outgoing]:
    """A reply as outbox rows, one per message its platform will send, keyed ``key#1``..."""
    platform = ChatRef.parse(target).platform
    return [
        Outgoing(f"{key}#{n}", target, platform, kind, encode_reply(part), sub)
        for n, part in enumerate(split_for(platform, reply), start=1)
    ]


@dataclass(frozen=True, slots=True)
class WorkerConfig:
    rates: Mapping[str, PlatformRates]
    lease: float = 60.0
    concurrency: int = 32
    backoff_base: float = 5.0
    backoff_cap: float = 300.0
    give_up_after: float = 48 * 3600.0
    keep_for: float = 7 * 86400.0


class OutboxWorker:
    def __init__(
        self,
        storage: Storage,
        adapters: Mapping[str, Adapter],
        config: WorkerConfig,
        *,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._storage = storage
        self._adapters = dict(adapters)
        self._config = config
        self._clock = clock
        self.owner = uuid.uuid4().hex[:12]
        self._paces = {p: PlatformPace(r) for p, r in config.rates.items() if p in adapters}
        self._slots = asyncio.Semaphore(config.concurrency)
        self._wake = asyncio.Event()
        self._targets: set[str] = set()  # chats with a message in flight from this worker
        self._tasks: set[asyncio.Task[None]] = set()
        self._pruned_at = -math.inf
        self._sent: list[int] = []  # rows delivered, not yet marked
        self._flushing: asyncio.Task[None] | None = None

    async def run(self) -> None:
        """Send until cancelled; on cancellation, let the sends in flight finish briefly."""
        outbox = self._storage.outbox
        outbox.queued.connect(self._wake.set)
        log.info("outbox: delivering for %s", ", ".join(sorted(self._adapters)) or "nobody")
        try:
            await keep_going("outbox", self._step)
        finally:
            outbox.queued.disconnect(self._wake.set)
            if self._tasks:
                await asyncio.wait(self._tasks, timeout=5)
            try:
                await asyncio.shield(self._flush_sent())
            except DatabaseUnavailable as exc:  # their leases run out, and they go again
                log.warning(
                    "outbox: %d sent rows could not be marked sent: %s", len(self._sent), exc
                )

    async def _step(self) -> None:
        await self._prune()
        if not await self.round():
            await self._idle(IDLE_POLL)

    async def drain(self) -> None:
        """Send until nothing is due or in flight (for tests and one-shot runs)."""
        while True:
            started = await self.round()
            if self._tasks:
                await asyncio.wait(self._tasks, return_when=asyncio.FIRST_COMPLETED)
            elif not started and not await self._storage.outbox.due(
                list(self._adapters), self._clock(), 1
            ):
                await self._flush_sent()
                return

    async def round(self) -> bool:
        """Start sending what is due; False when nothing could be started (nor was taken by
        another worker just before us).

        Rows are leased together, as many as the free slots and the platform's pace allow in
        the next moment, then each is sent at its paced time.
        """
        await self._flush_sent()
        now = self._clock()
        rows = await self._storage.outbox.due(list(self._adapters), now, BATCH)
        free = self._config.concurrency - len(self._tasks)
        budget = {p: pace.lookahead() for p, pace in self._paces.items()}
        chosen: list[tuple[OutboxRow, ChatRef]] = []
        wait = IDLE_POLL
        for row in rows:
            if len(chosen) >= free:
                break
            if row.target in self._targets or budget.get(row.platform, 1) <= 0:
                continue
            try:
                target = ChatRef.parse(row.target)
            except ValueError:
                await self._storage.outbox.fail(row.id, "not a chat reference")
                continue
            if (pace := self._paces.get(row.platform)) is not None:
                ready = pace.chat_ready_at(target, now)
                if ready > now:
                    wait = min(wait, ready - now)
                    continue
                budget[row.platform] -= 1
            chosen.append((row, target))
        if not chosen:
            if rows:
                await self._idle(wait)
            return False
        until = now + self._config.lease
        leased = set(
            await self._storage.outbox.lease([r.id for r, _ in chosen], self.owner, now, until)
        )
        for row, target in chosen:
            if row.id not in leased:
                continue
            pace = self._paces.get(row.platform)
            if pace is not None:
                if (gap := pace.overall_ready_at(self._clock()) - self._clock()) > 0:
                    await asyncio.sleep(gap)
                pace.take(target, self._clock())
            await self._slots.acquire()
            self._targets.add(row.target)
            task = asyncio.create_task(self._send(row, target), name=f"outbox-{row.id}")
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)
        # rows another worker leased first: look again at once, past them, rather than idle
        return bool(leased) or len(leased) < len(chosen)

    async def _idle(self, seconds: float) -> None:
        # asyncio.timeout, not wait_for: in 3.11 wait_for can swallow a cancellation that
        # arrives as the event is set, and the worker would never stop
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(max(seconds, 0.001)):
                await self._wake.wait()
        self._wake.clear()

    async def _send(self, row: OutboxRow, target: ChatRef) -> None:
        try:
            await self._adapters[row.platform].send(target, decode_reply(row.body))
        except Exception as exc:
            await retrying(f"outbox row {row.id}", partial(self._not_sent, row, target, exc))
        else:
            self._sent.append(row.id)
            if self._flushing is None:
                self._flushing = asyncio.create_task(self._flush_soon())
        finally:
            self._targets.discard(row.target)
            self._slots.release()
            self._wake.set()

    async def _not_sent(self, row: OutboxRow, target: ChatRef, exc: Exception) -> None:
        """Record why a row was not delivered, and what happens to it next."""
        outbox = self._storage.outbox
        if isinstance(exc, RetryLater):
            await self._retry(row, target, exc.delay, str(exc), backoff=exc.backoff)
        elif isinstance(exc, ChatMoved):
            log.info("outbox: %s moved to %s", row.target, exc.target)
            await self._storage.subscriptions.move_chat(row.target, exc.target)
            await outbox.retarget(row.target, exc.target)
            await outbox.retry(row.id, self._clock(), str(exc))
        elif isinstance(exc, PermanentFailure):
            await self._permanent(row, exc)
        else:  # a bug or a network error the adapter did not map
            log.warning("outbox: sending row %d failed", row.id, exc_info=exc)
            await self._retry(row, target, 0.0, f"{type(exc).__name__}: {exc}", backoff=True)

    async def _flush_soon(self) -> None:
        # one transaction marks every row sent in the last moment, not one per message
        await asyncio.sleep(SENT_FLUSH)
        self._flushing = None
        with contextlib.suppress(DatabaseUnavailable):  # the worker's next round flushes them
            await self._flush_sent()
        self._wake.set()

    async def _flush_sent(self) -> None:
        done, self._sent = self._sent, []
        try:
            await self._storage.outbox.sent(done, self._clock())
        except BaseException:
            self._sent[:0] = done  # still delivered: marked at the next flush
            raise

    async def _retry(
        self, row: OutboxRow, target: ChatRef, delay: float, error: str, *, backoff: bool
    ) -> None:
        now = self._clock()
        if now - row.created_at > self._config.give_up_after:
            log.warning("outbox: giving up row %d after %d attempts", row.id, row.attempts)
            await self._storage.outbox.fail(row.id, f"gave up after {row.attempts} tries: {error}")
            return
        if backoff:
            base = self._config.backoff_base * 2 ** max(row.attempts - 1, 0)
            delay = min(self._config.backoff_cap, base)
            delay *= random.uniform(0.8, 1.2)  # noqa: S311 - spreading retries, not secrecy
        elif (pace := self._paces.get(row.platform)) is not None:
            pace.hold(target, now + delay)
        await self._storage.outbox.retry(row.id, now + delay, error)

    async def _permanent(self, row: OutboxRow, exc: PermanentFailure) -> None:
        storage = self._storage
        await storage.outbox.fail(row.id, exc.reason)
        if row.kind == "notice":
            return
        if not exc.reachable:
            reason = f"this chat cannot be reached: {exc.reason}"
            paused = await storage.subscriptions.pause_chat(row.target, reason)
            dropped = await storage.outbox.fail_target(row.target, exc.reason)
            log.info(
                "outbox: %s unreachable (%s); paused %d, failed %d waiting",
                row.target,
                exc.reason,
                paused,
                dropped,
            )
            return
        if row.subscription is None:
            return
        ids = [row.subscription]
        if row.kind == "alert":  # one alert serves all of the chat's instant subscriptions
            subs = await storage.subscriptions.for_chat(row.target)
            ids = [s.id for s in subs if s.instant and s.active] or ids
        await storage.subscriptions.pause(ids, exc.reason)
        listed = ", ".join(f"#{i}" for i in ids)
        notice = Reply.text(
            f"I could not deliver {_article(row.kind)} of subscription {listed} here: "
            f"{exc.reason}. It is paused; once that is fixed, /resume {ids[0]}."
        )
        await storage.outbox.enqueue(
            outgoing(f"notice:{row.id}", row.target, "notice", notice, None), now=self._clock()
        )

    async def _prune(self) -> None:
        now = self._clock()
        if now - self._pruned_at < PRUNE_EVERY:
            return
        pruned = await self._storage.outbox.prune(now - self._config.keep_for)
        self._pruned_at = now
        if pruned:
            log.info("outbox: pruned %d old rows", pruned)
        for pace in self._paces.values():
            pace.forget_idle(now)
