"""How many Telegram updates Tally handles, and how fast each is answered, end to end.

The Bot API emulator runs in its own process; this process runs the real python-telegram-bot
``Application`` (long polling) on the seed database. Every update is ``/estimates killed`` from
its own private chat; the time from the update's arrival at the emulator to the reply's
``sendMessage`` is read from the emulator's clock. Two runs: one update at a time (latency), and
a burst of N updates pushed at once (throughput).

    python -m bench.telegram            # burst of 500
    python -m bench.telegram --burst 2000 --sequential 200
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import statistics
import sys
import time

import httpx
from pydantic import SecretStr

from bench.emulators import free_port, seeded_dispatch, wait_up
from bot.adapters.telegram import TelegramAdapter
from bot.config import Settings

TOKEN = "123456:TEST-token"


async def _sent_since(client: httpx.AsyncClient, since: int) -> list[dict[str, float]]:
    body = (await client.get("/_emulator/sent", params={"since": since})).json()
    return list(body["sent"])


async def _run(
    client: httpx.AsyncClient, chats: range, together: bool
) -> tuple[float, list[float]]:
    """Push one update per chat; returns the elapsed seconds and each update's latency (ms)."""
    start_total = int((await client.get("/_emulator/sent")).json()["total"])
    arrived: dict[int, float] = {}
    first_reply: dict[int, float] = {}

    async def push(chat: int) -> None:
        body = {"chat_id": chat, "text": "/estimates killed", "user_id": chat}
        arrived[chat] = (await client.post("/_emulator/update", json=body)).json()["at"]

    seen = start_total

    async def replied(wanted: set[int]) -> None:
        """Poll the emulator until every wanted chat has had its first reply."""
        nonlocal seen
        while not wanted <= first_reply.keys():
            rows = await _sent_since(client, seen)
            seen += len(rows)
            for row in rows:
                first_reply.setdefault(int(row["chat_id"]), row["at"])
            await asyncio.sleep(0.002)

    started = time.perf_counter()
    if together:
        await asyncio.gather(*(push(c) for c in chats))
        await replied(set(chats))
    else:
        for chat in chats:
            await push(chat)
            await replied({chat})
    elapsed = time.perf_counter() - started
    return elapsed, [(first_reply[c] - arrived[c]) * 1000 for c in chats]


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--burst", type=int, default=500)
    parser.add_argument("--sequential", type=int, default=200)
    args = parser.parse_args()
    port = free_port()
    emulator = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "tests.fakes.telegram_api", "--port", str(port),
        stdout=asyncio.subprocess.DEVNULL,
    )  # fmt: skip
    root = f"http://127.0.0.1:{port}"
    async with seeded_dispatch() as (router, dispatch):
        settings = Settings(
            _env_file=None,  # type: ignore[call-arg]
            telegram_bot_token=SecretStr(TOKEN),
            telegram_api_base_url=root,
            telegram_poll_timeout=10,
        )
        adapter = TelegramAdapter(settings, tuple(router))
        task: asyncio.Task[None] | None = None
        try:
            async with httpx.AsyncClient(base_url=root, timeout=30) as client:
                await wait_up(client, "/_emulator/sent")
                task = asyncio.create_task(adapter.run(dispatch))
                await asyncio.sleep(1.0)
                await _run(client, range(9000, 9020), together=False)  # warm up
                rows = []
                n = args.sequential
                elapsed, lat = await _run(client, range(1, n + 1), together=False)
                rows.append(("one at a time", n, elapsed, lat))
                n = args.burst
                elapsed, lat = await _run(client, range(1001, 1001 + n), together=True)
                rows.append(("burst", n, elapsed, lat))
        finally:
            if task is not None:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
            emulator.terminate()
            await emulator.wait()
    print("| run | updates | seconds | updates/s | arrival to reply p50 (ms) | p99 (ms) |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, count, seconds, latencies in rows:
        latencies.sort()
        p50 = statistics.median(latencies)
        p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
        print(
            f"| {name} | {count} | {seconds:.2f} | {count / seconds:.0f} | {p50:.1f} | {p99:.1f} |"
        )


if __name__ == "__main__":
    asyncio.run(main())
