"""How fast ``/estimates killed`` answers as the database grows.

Fills a fresh SQLite database with N synthetic claims (about 200 claimants, each reporting a
few series over four and a half years, spread over metrics, parties and populations like real
coverage), reopens it as after a restart, then times ``/estimates killed`` through the router
with rendering included and terminal output excluded: asked again and again (what many chats
asking between two ingestions see), and asked right after a new figure was written (nothing
read before can be reused). Prints one table row per N.

    python -m bench.estimates                    # N = 1,000; 100,000; 1,000,000
    python -m bench.estimates --sizes 1000 --runs 200
"""

from __future__ import annotations

import argparse
import asyncio
import random
import resource
import statistics
import tempfile
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import TypeVar

from bot.render.plain import render_plain
from claims.conflict import Conflict
from claims.model import Claim
from claims.vocab import ClaimantSide, Kind, Metric, Party, Population, Qualifier
from handlers.commands import build_router
from handlers.context import Context
from handlers.router import Router
from handlers.types import ChatRef, Incoming, UserRef
from storage import open_storage

START = date(2022, 2, 24)
DAYS = 1650
CLAIMANTS = 200
BATCH = 5000
METRICS = [
    (Metric.KILLED, 30),
    (Metric.WOUNDED, 12),
    (Metric.CASUALTIES, 15),
    (Metric.CAPTURED, 8),
    (Metric.MISSING, 6),
    (Metric.FLED, 10),
    (Metric.DISPLACED, 8),
    (Metric.MOBILIZED, 6),
    (Metric.DEPLOYED, 5),
]
PARTIES = [
    (Party.RUSSIA, 45),
    (Party.UKRAINE, 45),
    (Party.BOTH, 4),
    (Party.USSR, 3),
    (Party.USA, 3),
]
QUALIFIERS = [Qualifier.EXACT, Qualifier.APPROX, Qualifier.AT_LEAST, Qualifier.AT_MOST]
CONFLICT = Conflict((Party.RUSSIA, Party.UKRAINE), START)
T = TypeVar("T")


def _pick(rng: random.Random, weighted: list[tuple[T, int]]) -> T:
    return rng.choices([v for v, _ in weighted], [w for _, w in weighted])[0]


def synthetic_claims(n: int, seed: int = 7) -> Iterator[list[Claim]]:
    """Batches of claims in date order, as they would arrive."""
    rng = random.Random(seed)
    series = []
    for i in range(CLAIMANTS):
        side = rng.choice(list(ClaimantSide))
        for _ in range(rng.randint(3, 7)):
            series.append(
                (
                    f"Claimant {i:03d}",
                    side,
                    _pick(rng, METRICS),
                    _pick(rng, PARTIES),
                    rng.choice(list(Population)),
                    rng.randint(100, 5000),
                )
            )
    per_day = n / DAYS
    made, day = 0, 0
    batch: list[Claim] = []
    while made < n:
        today = START + timedelta(days=day)
        for _ in range(int(per_day * (day + 1)) - int(per_day * day)):
            if made >= n:
                break
            claimant, side, metric, party, population, base = rng.choice(series)
            value = base + base * day // 30 + rng.randint(0, 50)
            qualifier = rng.choice(QUALIFIERS)
            low = None if qualifier is Qualifier.AT_MOST else value
            high = None if qualifier is Qualifier.AT_LEAST else value
            batch.append(
                Claim(
                    metric=metric,
                    party=party,
                    population=population,
                    low=low,
                    high=high,
                    qualifier=qualifier,
                    claimant=claimant,
                    claimant_side=side,
                    kind=Kind.ESTIMATED,
                    as_of=today,
                    outlet=f"Outlet {rng.randint(1, 40)}",
                    published=today,
                    quote=f"{claimant} said {value:,} were {metric.value}.",
                )
            )
            made += 1
            if len(batch) >= BATCH:
                yield batch
                batch = []
        day += 1
    if batch:
        yield batch


def percentiles(times: list[float]) -> tuple[float, float]:
    times = sorted(times)
    return statistics.median(times), times[min(len(times) - 1, int(len(times) * 0.99))]


async def fill_sqlite(path: Path, n: int) -> float:
    storage = await open_storage(f"sqlite:///{path}")
    try:
        started = time.perf_counter()
        for batch in synthetic_claims(n):
            await storage.claims.add(batch)
        return time.perf_counter() - started
    finally:
        await storage.close()


async def _ask(router: Router, ctx: Context, incoming: Incoming) -> float:
    started = time.perf_counter()
    reply = await router.dispatch(incoming, ctx)
    render_plain(reply)
    elapsed = (time.perf_counter() - started) * 1000
    assert not reply.error, reply
    return elapsed


async def time_asks(url: str, runs: int) -> tuple[list[float], list[float], int]:
    """Open the database as after a restart, then time asks (ms): repeated, and each right
    after a write; and how many current figures of killed there are."""
    storage = await open_storage(url)
    try:
        router = build_router()
        ctx = Context(storage, CONFLICT, commands=tuple(router))
        incoming = Incoming(ChatRef("bench", "1"), UserRef("1"), "estimates", ("killed",))
        for _ in range(20):
            await _ask(router, ctx, incoming)
        repeated = [await _ask(router, ctx, incoming) for _ in range(runs)]
        after_write = []
        for i in range(runs // 5):
            # a new figure (of another metric) lands, so nothing read before can be reused
            await storage.claims.add([_new_figure(i)])
            after_write.append(await _ask(router, ctx, incoming))
        current = len(await storage.claims.current(Metric.KILLED))
    finally:
        await storage.close()
    return repeated, after_write, current


async def measure(n: int, runs: int, folder: Path) -> dict[str, float]:
    """Fill, reopen as after a restart, then time asks: repeated, and each right after a write."""
    path = folder / f"bench-{n}.db"
    fill = await fill_sqlite(path, n)
    repeated, after_write, current = await time_asks(f"sqlite:///{path}", runs)
    size = sum(p.stat().st_size for p in folder.glob(f"bench-{n}.db*"))  # noqa: ASYNC240
    p50, p99 = percentiles(repeated)
    cold50, cold99 = percentiles(after_write)
    return {
        "n": n,
        "fill_s": fill,
        "current": current,
        "p50": p50,
        "p99": p99,
        "cold50": cold50,
        "cold99": cold99,
        "size_mb": size / 1e6,
        "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def _new_figure(i: int) -> Claim:
    return Claim(
        metric=Metric.WOUNDED,
        party=Party.RUSSIA,
        population=Population.MILITARY,
        low=10_000 + i,
        high=10_000 + i,
        qualifier=Qualifier.EXACT,
        claimant="Late claimant",
        claimant_side=ClaimantSide.UKRAINE,
        kind=Kind.CLAIMED,
        as_of=START + timedelta(days=DAYS + i),
        outlet="Outlet 1",
    )


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 100_000, 1_000_000])
    parser.add_argument("--runs", type=int, default=500)
    args = parser.parse_args()
    print(
        "| claims | fill (s) | current killed rows | p50 (ms) | p99 (ms) "
        "| after a write p50 (ms) | after a write p99 (ms) | db (MB) | peak RSS (MB) |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as folder:
        for n in args.sizes:
            r = await measure(n, args.runs, Path(folder))
            print(
                f"| {n:,} | {r['fill_s']:.1f} | {r['current']:,} | {r['p50']:.2f} | "
                f"{r['p99']:.2f} | {r['cold50']:.2f} | {r['cold99']:.2f} | "
                f"{r['size_mb']:.1f} | {r['rss_mb']:.0f} |",
                flush=True,
            )


if __name__ == "__main__":
    asyncio.run(main())
