"""One digest to N subscribers through the outbox, against an emulator that enforces the limits.

The Bot API emulator runs in its own process with Telegram's flood limits (scaled: ``--scale``
multiplies the overall cap, 30/s by default) and answers 429 past them. This process plans a
digest for N private-chat subscriptions (the planner's real path), then drains the outbox with
the real worker and the real python-telegram-bot ``Bot``, paced at the same scaled cap. Each N
runs in a fresh process, so the peak memory is that run's.

    python -m bench.fanout                      # N = 1,000 and 10,000 at 300 messages/s
    python -m bench.fanout --sizes 500 --scale 5
"""

from __future__ import annotations

import argparse
import asyncio
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
from pydantic import SecretStr

from bench.emulators import free_port, wait_up
from bench.telegram import TOKEN
from bot.adapters.telegram import TelegramAdapter
from bot.config import Settings
from bot.outbox import OutboxWorker, WorkerConfig
from bot.planner import DeliveryPlanner
from claims.filters import ClaimFilter
from claims.schedule import Schedule
from claims.vocab import Qualifier
from handlers.commands import build_router
from storage import open_storage
from storage.seed import load_seed
from tests.claims.factory import make_claim

TELEGRAM_CAP = 30


async def _subscribe(db: Path, n: int, schedule: Schedule, now: datetime) -> None:
    storage = await open_storage(f"sqlite:///{db}")
    try:
        await load_seed(storage)
        previous = schedule.latest(now) - timedelta(days=1)
        for chat in range(1, n + 1):
            await storage.subscriptions.add(
                f"telegram:private:{chat}", ClaimFilter(), schedule, last_slot=previous
            )
        news = make_claim(low=60000, high=None, qualifier=Qualifier.AT_LEAST, claimant="Ukraine")
        await storage.claims.add([news])
    finally:
        await storage.close()


async def one(n: int, scale: float) -> dict[str, float]:
    cap = round(TELEGRAM_CAP * scale)
    port = free_port()
    emulator = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "tests.fakes.telegram_api", "--port", str(port),
        "--chats", str(n), "--overall", str(cap),
        stdout=asyncio.subprocess.DEVNULL,
    )  # fmt: skip
    root = f"http://127.0.0.1:{port}"
    now = datetime.now(UTC)
    schedule = Schedule((now - timedelta(minutes=1)).time().replace(second=0, microsecond=0))
    try:
        with tempfile.TemporaryDirectory() as folder:
            db = Path(folder) / "fanout.db"
            await _subscribe(db, n, schedule, now)
            settings = Settings(
                _env_file=None,  # type: ignore[call-arg]
                database_url=f"sqlite:///{db}",
                telegram_bot_token=SecretStr(TOKEN),
                telegram_api_base_url=root,
                telegram_rate_overall=f"{cap}/1s",
            )
            storage = await open_storage(settings.database_url)
            try:
                planner = DeliveryPlanner(storage, settings.conflict)
                started = time.perf_counter()
                for sub in await storage.subscriptions.all():
                    await planner.run_digest(sub.id)
                planned = time.perf_counter() - started
                adapter = TelegramAdapter(settings, tuple(build_router()))
                worker = OutboxWorker(
                    storage, {"telegram": adapter}, WorkerConfig(rates=settings.rates())
                )
                async with httpx.AsyncClient(base_url=root, timeout=60) as client:
                    await wait_up(client, "/_emulator/sent")
                    async with adapter.application:
                        started = time.perf_counter()
                        await worker.drain()
                        drained = time.perf_counter() - started
                    body = (await client.get("/_emulator/sent")).json()
            finally:
                await storage.close()
    finally:
        emulator.terminate()
        await emulator.wait()
    sent = body["sent"]
    per_chat = Counter(int(row["chat_id"]) for row in sent)
    times = sorted(float(row["at"]) for row in sent)
    span = times[-1] - times[0] if len(times) > 1 else 0.0
    rate = (len(times) - 1) / span if span else 0.0
    return {
        "n": n,
        "cap": cap,
        "planned_s": planned,
        "drained_s": drained,
        "rate": rate,
        "too_many": body["too_many"],
        "lost": n - len(per_chat),
        "duplicates": sum(per_chat.values()) - len(per_chat),
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000])
    parser.add_argument("--scale", type=float, default=10.0, help="times Telegram's 30/s")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(asyncio.run(one(args.one, args.scale))))
        return
    print(
        f"Overall cap {TELEGRAM_CAP}/s scaled x{args.scale:g} = "
        f"{round(TELEGRAM_CAP * args.scale)}/s (emulator and worker); 1/s per private chat."
    )
    print(
        "| subscribers | planned (s) | drained (s) | messages/s | of cap | 429s | lost "
        "| duplicates | peak RSS (MB) |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for n in args.sizes:
        out = subprocess.run(
            [sys.executable, "-m", "bench.fanout", "--one", str(n), "--scale", str(args.scale)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        r = json.loads(out.strip().splitlines()[-1])
        print(
            f"| {n:,} | {r['planned_s']:.1f} | {r['drained_s']:.1f} | {r['rate']:.1f} "
            f"| {r['rate'] / r['cap']:.3f} | {r['too_many']} | {r['lost']} | {r['duplicates']} "
            f"| {r['peak_rss_mb']:.0f} |"
        )


if __name__ == "__main__":
    main()
