"""What the benchmarks share to run a platform emulator in its own process."""

from __future__ import annotations

import asyncio
import contextlib
import socket

import httpx

__all__ = ["free_port", "wait_up"]


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
