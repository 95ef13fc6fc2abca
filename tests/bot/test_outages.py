"""A running ``tally run`` rides out its database going away: a SQLite file another process
holds locked for ten seconds, and a PostgreSQL server stopped hard and started again. The
process keeps running, and every queued message is delivered once the database is back; the
alerts a lock held up are planned once it is released."""

from __future__ import annotations

import asyncio
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.outbox import outgoing
from bot.planner import DeliveryPlanner, PlannerConfig
from claims.filters import ClaimFilter
from handlers.types import Reply
from storage import Storage, open_storage
from storage.protocols import OutboxState
from storage.sql.storage import SqlStorage
from storage.sqlite.database import Database
from tests.bot.delivery_kit import eventually, eventually_true
from tests.claims.factory import make_claim
from tests.conftest import CONFLICT
from tests.fakes.telegram_api import TelegramEmulator
from tests.processes import Tally, tally_env

QUEUED = 20
PG_BIN = Path("/usr/lib/postgresql/15/bin")

# a neighbour process: takes the write lock, says so, keeps it for a while, then lets go
HOLD_LOCK = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN IMMEDIATE")
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
conn.execute("COMMIT")
"""


async def _enqueue(url: str, chats: range) -> None:
    storage = await open_storage(url)
    try:
        rows = [
            row
            for chat in chats
            for row in outgoing(
                f"outage:{chat}",
                f"telegram:private:{chat}",
                "notice",
                Reply.text(f"message for chat {chat}"),
                None,
            )
        ]
        await storage.outbox.enqueue(rows, now=time.time())
    finally:
        await storage.close()


def _env(api: TelegramEmulator, url: str) -> dict[str, str]:
    return tally_env(
        DATABASE_URL=url,
        TELEGRAM_BOT_TOKEN=api.token,
        TELEGRAM_API_BASE_URL=api.root,
        TELEGRAM_POLL_TIMEOUT="1",
        TELEGRAM_RATE_OVERALL="2/1s",  # slow enough that most rows wait through the outage
        OUTBOX_LEASE="5",
    )


def _delivered(api: TelegramEmulator) -> Counter[str]:
    return Counter(s.text for s in api.sent)


async def test_a_database_locked_by_another_process_for_ten_seconds_delays_delivery_only(
    tmp_path: Path,
) -> None:
    db = tmp_path / "tally.db"
    url = f"sqlite:///{db}"
    await _enqueue(url, range(1, QUEUED + 1))
    async with TelegramEmulator() as api:
        for chat in range(1, QUEUED + 1):
            api.private_chat(chat)
        bot = await Tally.start(tmp_path, _env(api, url), "run")
        try:
            await eventually(lambda: len(api.sent) >= 1, within=30)
            holder = await asyncio.create_subprocess_exec(
                sys.executable, "-c", HOLD_LOCK, str(db), "10", stdout=asyncio.subprocess.PIPE
            )
            assert holder.stdout is not None
            assert await holder.stdout.readline() == b"locked\n"
            during = len(api.sent)
            assert await holder.wait() == 0  # ten seconds later, the lock is released
            await eventually(lambda: len(api.sent) >= QUEUED, within=60)
            await asyncio.sleep(1.0)  # anything sent twice would have arrived by now
            assert bot.process.returncode is None, bot.log()
        finally:
            code = await bot.stop()
    assert code == 0, bot.log()
    assert during < QUEUED  # the lock came while rows were still queued
    delivered = _delivered(api)
    assert set(delivered) == {f"message for chat {c}" for c in range(1, QUEUED + 1)}
    assert max(delivered.values()) == 1


async def test_alerts_held_up_by_a_lock_are_planned_once_it_is_released(tmp_path: Path) -> None:
    db = tmp_path / "tally.db"
    storage = await open_storage(f"sqlite:///{db}")
    assert isinstance(storage, SqlStorage)
    assert isinstance(storage.db, Database)
    await storage.db.conn.execute("PRAGMA busy_timeout = 50")  # give up on the lock quickly
    await storage.subscriptions.add("telegram:private:1", ClaimFilter(), None)
    planner = DeliveryPlanner(storage, CONFLICT, PlannerConfig(alert_window=0.3, poll=0.2))
    running = asyncio.create_task(planner.run())
    neighbour = sqlite3.connect(db, isolation_level=None)
    try:
        await asyncio.sleep(0.5)  # the planner is waiting for news
        await storage.claims.add([make_claim(low=5300, high=5300)])
        neighbour.execute("BEGIN IMMEDIATE")  # before the alert window closes
        await asyncio.sleep(2.0)  # the planner meets the lock, and again after its back-off
        assert not await _alert_planned(storage)()
        neighbour.execute("ROLLBACK")
        await eventually_true(_alert_planned(storage), within=40)
        assert not running.done()
    finally:
        running.cancel()
        await asyncio.wait({running})
        neighbour.close()
        await storage.close()


def _alert_planned(storage: Storage) -> Callable[[], Awaitable[bool]]:
    async def planned() -> bool:
        return bool((await storage.outbox.counts()).get(OutboxState.QUEUED))

    return planned


class Cluster:
    """A PostgreSQL server of this test's own, on a Unix socket in a temporary folder, so that it
    can be stopped and started without disturbing the shared one."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.data = root / "data"
        self.port = random.randint(20000, 60000)  # names the socket file only
        self.url = f"postgresql://postgres@/postgres?host={root}&port={self.port}"
        # initdb and the server refuse to run as root
        self._as: dict[str, Any] = {"user": "postgres"} if os.geteuid() == 0 else {}

    def _pg(self, program: str, *args: str) -> None:
        subprocess.run([str(PG_BIN / program), *args], check=True, capture_output=True, **self._as)

    def init(self) -> None:
        self._pg("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "--no-sync")

    def start(self) -> None:
        options = f"-k {self.root} -p {self.port} -c listen_addresses='' -c fsync=off"
        log = str(self.root / "server.log")
        self._pg("pg_ctl", "-D", str(self.data), "-l", log, "-o", options, "-w", "start")

    def stop(self, mode: str = "immediate") -> None:
        self._pg("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop")


@pytest.fixture
def cluster() -> Iterator[Cluster]:
    if not (PG_BIN / "initdb").exists():
        pytest.skip(f"no PostgreSQL 15 programs in {PG_BIN} to start a server of our own")
    root = Path(tempfile.mkdtemp(prefix="tally-pg-"))  # short: a socket path has a limit
    if os.geteuid() == 0:
        shutil.chown(root, "postgres")
    server = Cluster(root)
    server.init()
    server.start()
    try:
        yield server
    finally:
        subprocess.run(
            [str(PG_BIN / "pg_ctl"), "-D", str(server.data), "-m", "immediate", "stop"],
            capture_output=True, check=False, **server._as,
        )  # fmt: skip
        shutil.rmtree(root, ignore_errors=True)


async def test_postgresql_restarted_under_a_running_bot_loses_nothing_queued(
    cluster: Cluster, tmp_path: Path
) -> None:
    await _enqueue(cluster.url, range(1, QUEUED + 1))
    async with TelegramEmulator() as api:
        for chat in range(1, QUEUED + 6):
            api.private_chat(chat)
        bot = await Tally.start(tmp_path, _env(api, cluster.url), "run")
        try:
            await eventually(lambda: len(api.sent) >= 1, within=30)
            await asyncio.to_thread(cluster.stop)
            await asyncio.sleep(3.0)  # every loop meets the outage: none polls less often
            during = len(api.sent)
            await asyncio.to_thread(cluster.start)
            # queued after the restart: found by a process that reconnected
            await _enqueue(cluster.url, range(QUEUED + 1, QUEUED + 6))
            await eventually(lambda: len(api.sent) >= QUEUED + 5, within=60)
            await asyncio.sleep(1.0)  # anything sent twice would have arrived by now
            assert bot.process.returncode is None, bot.log()
        finally:
            code = await bot.stop()
    assert code == 0, bot.log()
    assert during < QUEUED
    assert "the database is unavailable" in bot.log()
    delivered = _delivered(api)
    assert set(delivered) == {f"message for chat {c}" for c in range(1, QUEUED + 6)}
    assert max(delivered.values()) == 1
