"""Corrections and withdrawals reach subscribers: the real planner, outbox worker and console
(real SQLite). A subscriber who had a figure is sent its correction, then its withdrawal."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from tests.bot.delivery_kit import FakeClock
from tests.bot.test_delivery_console import console_bot
from tests.claims.factory import make_claim


async def test_a_subscriber_gets_the_correction_and_then_the_withdrawal(tmp_path: Path) -> None:
    clock = FakeClock(datetime(2026, 11, 22, 12, tzinfo=UTC))
    async with console_bot(tmp_path, clock, alert_window=0.2) as bot:
        bot.type("/subscribe killed russia instant")
        await bot.wait_for("Subscribed (#1)")
        claim = make_claim(low=61000, high=61000, claimant="Source One")
        await bot.app.storage.claims.add([claim])
        await bot.wait_for("New figures")
        bot.type(f"/edit {claim.short_id} figure ~62,000")
        await bot.wait_for("New figures", count=2)
        corrected = bot.text.split("New figures")[2]
        assert "~62,000 Source One" in corrected
        assert "corrected 2026-11-22: figure 61,000 → ~62,000" in corrected
        bot.type(f"/retract {claim.short_id} a double count")
        await bot.wait_for("New figures", count=3)
        withdrawn = bot.text.split("New figures")[3]
        assert "withdrawn by the moderators; /claim shows why" in withdrawn
