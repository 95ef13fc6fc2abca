"""What the delivery tests share: settings for a quick bot, a clock the test moves, waiting."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bot.config import Settings

__all__ = ["FakeClock", "eventually", "eventually_true", "quick_settings"]


class FakeClock:
    """The bot's idea of now, moved by the test (no sleeping for real hours)."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)

    def set_local(self, text: str, zone: str) -> None:
        from zoneinfo import ZoneInfo

        local = datetime.fromisoformat(text).replace(tzinfo=ZoneInfo(zone))
        self.now = local.astimezone(UTC)


def quick_settings(tmp_path: Path, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "database_url": f"sqlite:///{tmp_path / 'tally.db'}",
        "alert_window": 0.3,
        "delivery_poll": 0.2,
        "console_history": tmp_path / "history",
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


async def eventually(check: Callable[[], bool], within: float = 10.0) -> None:
    async with asyncio.timeout(within):
        while not check():
            await asyncio.sleep(0.02)


async def eventually_true(check: Callable[[], Awaitable[bool]], within: float = 10.0) -> None:
    async with asyncio.timeout(within):
        while not await check():
            await asyncio.sleep(0.02)
