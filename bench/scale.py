"""Tally beyond one machine: SQLite against PostgreSQL, and outbox workers side by side.

(1) ``/estimates killed`` at N claims (1,000,000 by default) on SQLite and on PostgreSQL: the
SQLite file is filled as in bench/estimates.py, copied into a fresh PostgreSQL schema with
``tally db copy``'s code, and the same asks are timed on each (repeated, and right after a
write). (2) The outbox drained by 1, 2 and 4 ``tally run --role worker`` processes sharing one
PostgreSQL database, against the Telegram emulator in its own process with a high cap: M
messages to M chats, the time from enqueueing to the last one arriving, and how many arrived
twice (the bar is 0).

    python -m bench.scale                        # N = 1,000,000; M = 3,000
    python -m bench.scale --claims 100000 --messages 1000 --workers 1 2
    python -m bench.scale --claims 0             # the outbox part only (--messages 0: the first)

PostgreSQL comes from TALLY_BENCH_POSTGRES (default: the tests' ``tally_test`` database).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import asyncpg
import httpx

from bench.emulators import free_port, wait_up
from bench.estimates import fill_sqlite, percentiles, time_asks
from bench.telegram import TOKEN
from bot.outbox import outgoing
from handlers.types import Reply
from storage import open_storage
from storage.copy import copy_database
from storage.sql.storage import SqlStorage
from tests.postgres import POSTGRES_URL, schema_url
from tests.processes import Tally, tally_env

BENCH_POSTGRES = os.environ.get("TALLY_BENCH_POSTGRES", POSTGRES_URL)


@asynccontextmanager
async def fresh_schema() -> AsyncIterator[str]:
    schema = f"bench_{uuid.uuid4().hex[:10]}"
    conn = await asyncpg.connect(BENCH_POSTGRES)
    try:
        await conn.execute(f"CREATE SCHEMA {schema}")
        yield schema_url(BENCH_POSTGRES, schema)
    finally:
        await conn.execute(f"DROP SCHEMA {schema} CASCADE")
        await conn.close()


async def _copy(source: str, target: str) -> float:
    started = time.perf_counter()
    src, dst = await open_storage(source), await open_storage(target)
    try:
        assert isinstance(src, SqlStorage)
        assert isinstance(dst, SqlStorage)
        copied = await copy_database(src.db, dst.db)
        assert all(c.complete for c in copied), copied
    finally:
        await src.close()
        await dst.close()
    return time.perf_counter() - started


async def estimates(n: int, runs: int) -> None:
    print(f"\n/estimates killed at {n:,} claims, {runs} asks each (ms, rendering included)\n")
    print("| backend | p50 | p99 | after a write p50 | after a write p99 | current killed rows |")
    print("|---|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "scale.db"
        fill = await fill_sqlite(path, n)
        async with fresh_schema() as pg:
            copy = await _copy(f"sqlite:///{path}", pg)
            for name, url in (("SQLite", f"sqlite:///{path}"), ("PostgreSQL", pg)):
                repeated, after_write, current = await time_asks(url, runs)
                p50, p99 = percentiles(repeated)
                cold50, cold99 = percentiles(after_write)
                print(
                    f"| {name} | {p50:.2f} | {p99:.2f} | {cold50:.2f} | {cold99:.2f} "
                    f"| {current:,} |",
                    flush=True,
                )
    print(f"\nFilling SQLite took {fill:.0f} s; copying it to PostgreSQL {copy:.0f} s.")


async def _enqueue(url: str, m: int) -> None:
    storage = await open_storage(url)
    try:
        rows = [
            row
            for chat in range(1, m + 1)
            for row in outgoing(
                f"bench:{chat}", f"telegram:private:{chat}", "notice", Reply.text(f"n{chat}"), None
            )
        ]
        await storage.outbox.enqueue(rows, now=time.time())
    finally:
        await storage.close()


async def drain(workers: int, m: int, folder: Path) -> tuple[float, int, int]:
    """Seconds to deliver M messages with this many worker processes; arrived, and doubled."""
    port = free_port()
    emulator = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "tests.fakes.telegram_api", "--port", str(port),
        "--chats", str(m), "--overall", "100000", "--private", "1000",
        stdout=asyncio.subprocess.DEVNULL,
    )  # fmt: skip
    root = f"http://127.0.0.1:{port}"
    try:
        async with fresh_schema() as url, httpx.AsyncClient(base_url=root, timeout=60) as client:
            await wait_up(client, "/_emulator/sent")
            env = tally_env(
                DATABASE_URL=url,
                TELEGRAM_BOT_TOKEN=TOKEN,
                TELEGRAM_API_BASE_URL=root,
                TELEGRAM_RATE_OVERALL="100000/1s",
                TELEGRAM_RATE_PRIVATE="1000/1s",
            )
            await _enqueue(url, 0)  # the schema, before the workers race to create it
            started = [
                await Tally.start(folder, env, "run", "--role", "worker") for _ in range(workers)
            ]
            try:
                for process in started:
                    await process.wait_for_line("telegram: sending as @", within=60)
                began = time.perf_counter()
                await _enqueue(url, m)
                total = 0
                while total < m:
                    await asyncio.sleep(0.02)
                    total = (await client.get("/_emulator/sent")).json()["total"]
                seconds = time.perf_counter() - began
                await asyncio.sleep(1.0)  # anything sent twice would have arrived by now
                sent = (await client.get("/_emulator/sent")).json()["sent"]
            finally:
                for process in started:
                    await process.stop()
    finally:
        emulator.terminate()
        await emulator.wait()
    chats = Counter(int(s["chat_id"]) for s in sent)
    return seconds, len(sent), sum(n - 1 for n in chats.values())


async def outbox(m: int, counts: list[int]) -> None:
    print(f"\nOutbox drain on PostgreSQL: {m:,} messages to {m:,} chats, emulator cap 100,000/s\n")
    print("| worker processes | seconds | messages/s | delivered | duplicates |")
    print("|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as folder:
        for workers in counts:
            seconds, delivered, doubled = await drain(workers, m, Path(folder))
            print(
                f"| {workers} | {seconds:.2f} | {delivered / seconds:,.0f} | {delivered:,} "
                f"| {doubled} |",
                flush=True,
            )


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=300)
    parser.add_argument("--messages", type=int, default=3000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2, 4])
    args = parser.parse_args()
    if args.claims:
        await estimates(args.claims, args.runs)
    if args.messages:
        await outbox(args.messages, args.workers)


if __name__ == "__main__":
    asyncio.run(main())
