"""Digest jobs on APScheduler: the same local times as our schedules, rebuilt from the tables."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import pytest

from bot.planner import DeliveryPlanner
from bot.scheduler import DigestScheduler, cron_trigger
from claims.filters import ClaimFilter
from claims.schedule import Schedule
from storage import Storage
from tests.conftest import CONFLICT


@pytest.mark.parametrize(
    "schedule",
    [
        Schedule(time(9, 0), "Europe/Kyiv"),
        Schedule(time(3, 30), "Europe/Kyiv"),
        Schedule(time(8, 0), "America/New_York", weekday=0),
        Schedule(time(23, 45), "Australia/Sydney"),
    ],
    ids=str,
)
def test_apscheduler_fires_when_our_schedule_falls_due(schedule: Schedule) -> None:
    trigger = cron_trigger(schedule)
    # hour by hour across both of 2026's daylight-saving changes in each hemisphere
    for start in (datetime(2026, 3, 27, tzinfo=UTC), datetime(2026, 10, 23, tzinfo=UTC)):
        for hours in range(0, 24 * 12, 5):
            moment = start + timedelta(hours=hours)
            fired = trigger.get_next_fire_time(None, moment)
            # a skipped wall time never compares equal across zones (PEP 495): compare in UTC
            expected = schedule.next(moment - timedelta(microseconds=1))
            assert fired.astimezone(UTC) == expected, moment


async def test_jobs_are_rebuilt_from_the_subscriptions(storage: Storage) -> None:
    subs = storage.subscriptions
    daily, _ = await subs.add("test:private:1", ClaimFilter(), Schedule(time(9, 0), "UTC"))
    weekly, _ = await subs.add("test:private:2", ClaimFilter(), Schedule(time(8, 0), "UTC", 0))
    await subs.add("test:private:3", ClaimFilter(), None)  # instant: no job
    paused, _ = await subs.add("test:private:4", ClaimFilter(), Schedule(time(7, 0), "UTC"))
    await subs.pause([paused.id], "blocked")
    for _restart in range(2):
        scheduler = DigestScheduler(storage, DeliveryPlanner(storage, CONFLICT))
        scheduler.scheduler.start(paused=True)
        try:
            await scheduler.sync()
            jobs = {j.id: j for j in scheduler.scheduler.get_jobs()}
            assert set(jobs) == {f"digest:{daily.id}", f"digest:{weekly.id}"}
            assert jobs[f"digest:{weekly.id}"].name == "weekly mon 08:00 UTC"
            assert jobs[f"digest:{daily.id}"].coalesce
            assert jobs[f"digest:{daily.id}"].misfire_grace_time == 3600
        finally:
            scheduler.scheduler.shutdown(wait=False)
    await subs.remove("test:private:1")
    scheduler = DigestScheduler(storage, DeliveryPlanner(storage, CONFLICT))
    scheduler.scheduler.start(paused=True)
    try:
        await scheduler.sync()
        assert [j.id for j in scheduler.scheduler.get_jobs()] == [f"digest:{weekly.id}"]
    finally:
        scheduler.scheduler.shutdown(wait=False)
