"""How many Discord interactions Tally handles, and how fast each is answered, end to end.

The Discord emulator runs in its own process; this process runs the real discord.py client
(gateway and REST) on the seed database. Every interaction is ``/estimates metric:killed`` in a
server channel; the time from the emulator dispatching INTERACTION_CREATE to the callback that
acknowledges it, and to the first visible answer, is read on the emulator's clock. Two runs:
one interaction at a time (latency), and a burst of N dispatched at once (throughput). An
answer later than Discord's 3-second window would be refused and is counted.

    python -m bench.discord            # burst of 1,000
    python -m bench.discord --burst 1000 --sequential 200
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import statistics
import sys
import time
from typing import Any

import httpx
from pydantic import SecretStr

from bench.emulators import free_port, seeded_dispatch, wait_up
from bot.adapters.discord import DiscordAdapter
from bot.config import Settings

TOKEN = "TEST.discord.token"
SLASH = {"channel_id": 7001, "user_id": 5001, "name": "estimates", "options": {"metric": "killed"}}


async def _stats(client: httpx.AsyncClient) -> dict[str, Any]:
    return dict((await client.get("/_emulator/stats")).json())


async def _answered(client: httpx.AsyncClient, ids: list[int]) -> dict[str, Any]:
    while True:
        stats = await _stats(client)
        rows = stats["interactions"]
        if all(rows[str(i)]["answered"] is not None for i in ids):
            return stats
        await asyncio.sleep(0.002)


async def _fire(client: httpx.AsyncClient, count: int) -> list[int]:
    body = {**SLASH, "count": count}
    return list((await client.post("/_emulator/slash", json=body)).json()["ids"])


Row = tuple[str, int, float, list[float], list[float], int, int]


async def _run(client: httpx.AsyncClient, count: int, together: bool) -> Row:
    late_before = int((await _stats(client))["late"])
    started = time.perf_counter()
    ids: list[int] = []
    if together:
        ids = await _fire(client, count)
        stats = await _answered(client, ids)
    else:
        for _ in range(count):
            one = await _fire(client, 1)
            stats = await _answered(client, one)
            ids += one
    elapsed = time.perf_counter() - started
    rows = [stats["interactions"][str(i)] for i in ids]
    acked = [(r["acknowledged"] - r["created"]) * 1000 for r in rows]
    answered = [(r["answered"] - r["created"]) * 1000 for r in rows]
    deferred = sum(1 for r in rows if r["deferred"])
    late = int(stats["late"]) - late_before
    name = "burst" if together else "one at a time"
    return name, count, elapsed, acked, answered, deferred, late


def _p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * q))]


async def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--burst", type=int, default=1000)
    parser.add_argument("--sequential", type=int, default=200)
    args = parser.parse_args()
    port = free_port()
    emulator = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "tests.fakes.discord_api", "--port", str(port),
        stdout=asyncio.subprocess.DEVNULL,
    )  # fmt: skip
    root = f"http://127.0.0.1:{port}"
    rows: list[Row] = []
    async with seeded_dispatch() as (router, dispatch):
        settings = Settings(
            _env_file=None,  # type: ignore[call-arg]
            discord_bot_token=SecretStr(TOKEN),
            discord_api_base_url=root,
            discord_gateway_url=f"ws://127.0.0.1:{port}/gateway",
        )
        adapter = DiscordAdapter(settings, tuple(router), ready_timeout=0.1)
        task: asyncio.Task[None] | None = None
        try:
            async with httpx.AsyncClient(base_url=root, timeout=60) as client:
                await wait_up(client, "/_emulator/stats")
                task = asyncio.create_task(adapter.run(dispatch))
                await adapter.connected.wait()
                await _run(client, 20, together=False)  # warm up
                rows.append(await _run(client, args.sequential, together=False))
                rows.append(await _run(client, args.burst, together=True))
        finally:
            if task is not None:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
            emulator.terminate()
            await emulator.wait()
    print(
        "| run | interactions | seconds | interactions/s | acknowledged p50 (ms) | p99 (ms) "
        "| answered p50 (ms) | p99 (ms) | deferred | past 3 s |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, count, seconds, acked, answered, deferred, late in rows:
        print(
            f"| {name} | {count} | {seconds:.2f} | {count / seconds:.0f} "
            f"| {statistics.median(acked):.1f} | {_p(acked, 0.99):.1f} "
            f"| {statistics.median(answered):.1f} | {_p(answered, 0.99):.1f} "
            f"| {deferred} | {late} |"
        )


if __name__ == "__main__":
    asyncio.run(main())
