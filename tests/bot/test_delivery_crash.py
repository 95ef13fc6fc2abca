"""A delivering process killed with SIGKILL mid-digest and restarted: every chat gets the digest,
and only a send in flight at the kill can arrive twice."""

from __future__ import annotations

import asyncio
import os
import signal
import sqlite3
import sys
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

from claims.filters import ClaimFilter
from claims.schedule import Schedule
from storage import open_storage
from tests.bot.delivery_kit import eventually
from tests.claims.factory import make_claim
from tests.fakes.telegram_api import TelegramEmulator

CHATS = 60


async def _prepare(db: Path) -> None:
    """Digest subscriptions whose slot passed a minute ago, and a figure to report."""
    now = datetime.now(UTC)
    schedule = Schedule((now - timedelta(minutes=1)).time().replace(second=0, microsecond=0))
    previous = schedule.latest(now) - timedelta(days=1)
    storage = await open_storage(f"sqlite:///{db}")
    try:
        for chat in range(1, CHATS + 1):
            await storage.subscriptions.add(
                f"telegram:private:{chat}", ClaimFilter(), schedule, last_slot=previous
            )
        await storage.claims.add([make_claim(low=77777, high=77777, claimant="Crash Test")])
    finally:
        await storage.close()


async def _start(api: TelegramEmulator, tmp_path: Path) -> asyncio.subprocess.Process:
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE", "LOG"))}
    environ.update(
        {
            "DATABASE_URL": f"sqlite:///{tmp_path / 'tally.db'}",
            "SEED_ON_EMPTY": "false",
            "TELEGRAM_BOT_TOKEN": api.token,
            "TELEGRAM_API_BASE_URL": api.root,
            "TELEGRAM_POLL_TIMEOUT": "1",
            "TELEGRAM_RATE_OVERALL": "20/1s",
            "OUTBOX_LEASE": "2",
            "LOG_LEVEL": "WARNING",
        }
    )
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run",
        stdin=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE,
        cwd=tmp_path, env=environ,
    )  # fmt: skip


def _in_flight(db: Path) -> set[int]:
    """Chats whose row was leased (being sent) when the process died."""
    conn = sqlite3.connect(db)
    try:
        rows = conn.execute("SELECT target FROM outbox WHERE state = 'sending'").fetchall()
    finally:
        conn.close()
    return {int(target.split(":")[2]) for (target,) in rows}


async def test_a_killed_worker_loses_nothing_and_doubles_only_what_was_in_flight(
    tmp_path: Path,
) -> None:
    db = tmp_path / "tally.db"
    await _prepare(db)
    async with TelegramEmulator() as api:
        for chat in range(1, CHATS + 1):
            api.private_chat(chat)

        def digests() -> Counter[int]:
            return Counter(s.chat_id for s in api.sent if s.text.startswith("Daily digest"))

        first = await _start(api, tmp_path)
        try:
            await eventually(lambda: sum(digests().values()) >= 15, within=30)
        finally:
            first.send_signal(signal.SIGKILL)
            await first.communicate()
        assert first.returncode == -signal.SIGKILL
        delivered_before = sum(digests().values())
        assert delivered_before < CHATS  # killed mid-way
        in_flight = _in_flight(db)

        second = await _start(api, tmp_path)
        try:
            await eventually(lambda: len(digests()) == CHATS, within=60)
            await asyncio.sleep(1.0)  # anything doubled would have arrived by now
        finally:
            second.send_signal(signal.SIGTERM)
            _, stderr = await second.communicate()
        assert second.returncode == 0, stderr.decode()

    counts = digests()
    assert set(counts) == set(range(1, CHATS + 1))
    doubled = {chat for chat, n in counts.items() if n > 1}
    assert doubled <= in_flight
    assert max(counts.values()) <= 2
    assert len(in_flight) <= 32  # OUTBOX_CONCURRENCY: the most a kill can leave in flight
