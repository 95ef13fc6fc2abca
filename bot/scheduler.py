"""Digest schedules on APScheduler 3.11: one cron job per digest subscription.

Our tables are the truth, the scheduler only an alarm clock: jobs live in memory, are rebuilt
from the subscriptions at start-up and whenever they change (``replace_existing=True``), and
each fire asks the planner for the subscription's latest slot, which it plans once whatever
fires it. ``coalesce`` folds runs missed while the loop was busy into one, and runs late by
less than the grace time still happen; a restart's ``catch_up`` covers the time the process
was down. So a restart neither loses nor doubles a digest. While the database is unavailable,
a sync or a fire waits and tries again (storage/faults.py).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import UTC, datetime
from functools import partial

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.cron import CronTrigger

from bot.planner import DeliveryPlanner
from claims.schedule import WEEKDAYS, Schedule
from storage.faults import retrying
from storage.protocols import Storage

__all__ = ["DigestScheduler", "cron_trigger"]

log = logging.getLogger(__name__)


def cron_trigger(schedule: Schedule) -> CronTrigger:
    """The APScheduler trigger that fires at a schedule's local time in its zone."""
    weekday = "*" if schedule.weekday is None else WEEKDAYS[schedule.weekday]
    return CronTrigger(
        day_of_week=weekday,
        hour=schedule.at.hour,
        minute=schedule.at.minute,
        timezone=schedule.tz,
    )


class DigestScheduler:
    def __init__(
        self,
        storage: Storage,
        planner: DeliveryPlanner,
        *,
        misfire_grace: int = 3600,
        resync: float = 60.0,
    ) -> None:
        self._storage = storage
        self._planner = planner
        self._grace = misfire_grace
        self._resync = resync
        self._changed = asyncio.Event()
        self.scheduler = AsyncIOScheduler(timezone=UTC)

    async def run(self) -> None:
        """Keep the jobs in step with the subscriptions until cancelled."""
        self.scheduler.start()
        self._storage.subscriptions.changed.connect(self._changed.set)
        try:
            while True:
                self._changed.clear()
                await retrying("digest schedules", self.sync)
                # subscriptions added by another process show up at the next resync
                with contextlib.suppress(TimeoutError):
                    async with asyncio.timeout(self._resync):
                        await self._changed.wait()
        finally:
            self._storage.subscriptions.changed.disconnect(self._changed.set)
            self.scheduler.shutdown(wait=False)
            # a process that leads again later rebuilds its jobs from the subscriptions
            self.scheduler.remove_all_jobs()

    async def sync(self) -> None:
        """One job per active digest subscription; then plan any slot missed meanwhile."""
        wanted = {
            f"digest:{s.id}": s
            for s in await self._storage.subscriptions.all()
            if s.schedule is not None
        }
        for job in self.scheduler.get_jobs():
            if job.id not in wanted:
                job.remove()
        for job_id, sub in wanted.items():
            assert sub.schedule is not None
            job = self.scheduler.get_job(job_id)
            if job is not None and job.name == str(sub.schedule):
                continue  # unchanged: replacing it would recompute (and could skip) its next run
            self.scheduler.add_job(
                self._fire,
                cron_trigger(sub.schedule),
                args=[sub.id],
                id=job_id,
                name=str(sub.schedule),
                replace_existing=True,
                coalesce=True,
                misfire_grace_time=self._grace,
                max_instances=1,
            )
        await self._planner.catch_up()

    def next_run(self, subscription_id: int) -> datetime | None:
        job = self.scheduler.get_job(f"digest:{subscription_id}")
        return None if job is None else job.next_run_time

    def fire_now(self, subscription_id: int) -> None:
        """Move a job's next run to now (APScheduler then runs it): for tests and operators."""
        job = self.scheduler.get_job(f"digest:{subscription_id}")
        if job is None:
            raise KeyError(subscription_id)
        job.modify(next_run_time=datetime.now(UTC))
        self.scheduler.wakeup()

    async def _fire(self, subscription_id: int) -> None:
        try:
            await retrying(
                f"digest #{subscription_id}", partial(self._planner.run_digest, subscription_id)
            )
        except Exception:
            log.exception("digest #%d could not be planned", subscription_id)
