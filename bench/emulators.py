"""What the benchmarks share: an emulator in its own process, a bot on the seed claims."""

from __future__ import annotations

import asyncio
import contextlib
import socket
import tempfile
from collections.abc import AsyncIterator
from datetime import date
from pathlib import Path

import httpx

from bot.adapters.base import Dispatch
from claims.conflict import Conflict
from claims.vocab import Party
from handlers.commands import build_router
from handlers.context import Context
from handlers.router import Router
from handlers.types import Incoming, Reply
from storage import open_storage
from storage.seed import load_seed

__all__ = ["CONFLICT", "free_port", "seeded_dispatch", "wait_up"]

CONFLICT = Conflict((Party.RUSSIA, Party.UKRAINE), date(2022, 2, 24))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def wait_up(client: httpx.AsyncClient, path: str) -> None:
    """Wait until the emulator answers ``path`` (its control route)."""
    for _ in range(200):
        with contextlib.suppress(httpx.TransportError):
            await client.get(path)
            return
        await asyncio.sleep(0.05)
    raise RuntimeError("the emulator did not start")


@contextlib.asynccontextmanager
async def seeded_dispatch() -> AsyncIterator[tuple[Router, Dispatch]]:
    """The router and its dispatch over a fresh database holding the seed claims."""
    with tempfile.TemporaryDirectory() as folder:
        storage = await open_storage(f"sqlite:///{Path(folder) / 'bench.db'}")
        try:
            await load_seed(storage)
            router = build_router()
            context = Context(storage, CONFLICT, commands=tuple(router))

            async def dispatch(incoming: Incoming) -> Reply:
                return await router.dispatch(incoming, context)

            yield router, dispatch
        finally:
            await storage.close()
