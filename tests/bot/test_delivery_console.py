"""Alerts and digests end to end in the terminal chat: real SQLite, real scheduler, real worker."""

from __future__ import annotations

import asyncio
import contextlib
import io
import os
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from bot.adapters.console import ConsoleAdapter
from bot.app import App, open_app, serve
from claims.vocab import Metric, Party, Qualifier
from tests.bot.delivery_kit import FakeClock, eventually, quick_settings
from tests.claims.factory import make_claim

KYIV = "Europe/Kyiv"


@dataclass
class Console:
    app: App
    out: io.StringIO
    _write: Any

    def type(self, line: str) -> None:
        self._write.write(line + "\n")
        self._write.flush()

    @property
    def text(self) -> str:
        return self.out.getvalue()

    async def wait_for(self, words: str, count: int = 1) -> None:
        await eventually(lambda: self.text.count(words) >= count)


@contextlib.asynccontextmanager
async def console_bot(tmp_path: Path, clock: FakeClock, **overrides: Any) -> AsyncIterator[Console]:
    read_fd, write_fd = os.pipe()
    stdin, writer = os.fdopen(read_fd), os.fdopen(write_fd, "w")
    out = io.StringIO()
    async with open_app(quick_settings(tmp_path, **overrides), clock=clock) as app:
        console = ConsoleAdapter(history=tmp_path / "h", stdin=stdin, stdout=out, interactive=False)
        task = asyncio.create_task(serve(app, [console]))
        try:
            yield Console(app, out, writer)
        finally:
            writer.close()  # the console reads to the end and the bot stops
            async with asyncio.timeout(10):
                await task
            stdin.close()


async def test_new_figures_in_a_short_window_come_as_one_alert(tmp_path: Path) -> None:
    clock = FakeClock(datetime(2026, 11, 22, 12, tzinfo=UTC))
    async with console_bot(tmp_path, clock, alert_window=0.5) as bot:
        bot.type("/subscribe killed russia instant")
        await bot.wait_for("Subscribed (#1)")
        claims = bot.app.storage.claims
        for low in (61000, 62000):
            await claims.add([make_claim(low=low, high=low, claimant=f"Source {low}")])
        await claims.add([make_claim(metric=Metric.WOUNDED, claimant="Not wanted")])
        await claims.add([make_claim(party=Party.UKRAINE, claimant="Not wanted either")])
        await bot.wait_for("New figures")
        await asyncio.sleep(0.8)  # a second alert would have come by now
        assert bot.text.count("New figures") == 1
        alert = bot.text.split("New figures")[1]
        assert "61,000 Source 61000" in alert
        assert "62,000 Source 62000" in alert
        assert "Not wanted" not in alert
        # the next figure opens a new window and a new alert
        later = make_claim(low=63000, high=63000, claimant="Source 61000", as_of=date(2022, 7, 1))
        await claims.add([later])
        await bot.wait_for("New figures", count=2)
        assert "up from 61,000 on 2022-06-01" in bot.text.split("New figures")[2]


async def test_a_digest_comes_at_its_local_time_and_only_with_news(tmp_path: Path) -> None:
    clock = FakeClock(datetime(2026, 11, 22, 6, tzinfo=UTC))  # 08:00 in Kyiv
    async with console_bot(tmp_path, clock) as bot:
        bot.type(f"/subscribe killed daily 09:00 {KYIV}")
        await bot.wait_for("Subscribed (#1)")
        sub = await bot.app.storage.subscriptions.get(1)
        assert sub is not None
        assert sub.schedule is not None
        # APScheduler holds the job, due at the next 09:00 in Kyiv
        await eventually(lambda: bot.app.scheduler.next_run(1) is not None)
        real_next = bot.app.scheduler.next_run(1)
        assert real_next is not None
        assert real_next == sub.schedule.next(datetime.now(UTC))
        assert real_next.astimezone(sub.schedule.tz).strftime("%H:%M") == "09:00"

        old = make_claim(low=5300, high=None, qualifier=Qualifier.AT_LEAST, claimant="Kyiv")
        await bot.app.storage.claims.add([old])
        clock.set_local("2026-11-22T08:59", KYIV)
        bot.app.scheduler.fire_now(1)  # early: yesterday's slot is done, nothing to plan
        await asyncio.sleep(0.5)
        assert "Daily digest" not in bot.text

        clock.set_local("2026-11-22T09:00:05", KYIV)
        bot.app.scheduler.fire_now(1)
        await bot.wait_for("Daily digest · 2026-11-22 09:00 EET")
        assert ">5,300 Kyiv" in bot.text

        bot.app.scheduler.fire_now(1)  # the same slot again: planned once
        await bot.app.planner.catch_up()
        await asyncio.sleep(0.5)
        assert bot.text.count("Daily digest") == 1

        clock.set_local("2026-11-23T09:00:05", KYIV)  # nothing new since: nothing sent
        bot.app.scheduler.fire_now(1)
        await _planned(bot.app, "2026-11-23T07:00:00+00:00")
        assert bot.text.count("Daily digest") == 1
        newer = make_claim(
            low=50000,
            high=None,
            qualifier=Qualifier.AT_LEAST,
            claimant="Kyiv",
            as_of=datetime(2022, 9, 1).date(),
        )
        await bot.app.storage.claims.add([newer])
        clock.set_local("2026-11-24T09:00:05", KYIV)
        bot.app.scheduler.fire_now(1)
        await bot.wait_for("Daily digest · 2026-11-24 09:00 EET")
        assert bot.text.count("Daily digest") == 2
        assert ">50,000 Kyiv" in bot.text
        assert "up from >5,300 on 2022-06-01" in bot.text
        digest = bot.text.split("Daily digest · 2026-11-24")[1]
        assert "Spread: " in digest  # where the claimant stands among the others


async def _planned(app: App, slot: str) -> None:
    """Wait until subscription #1 has planned the slot (sent or not)."""
    async with asyncio.timeout(10):
        while True:
            sub = await app.storage.subscriptions.get(1)
            if sub is not None and sub.last_slot is not None and sub.last_slot.isoformat() == slot:
                return
            await asyncio.sleep(0.02)
