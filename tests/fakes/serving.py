"""Serving an emulator's aiohttp application on 127.0.0.1 at a given or a free port."""

from __future__ import annotations

from aiohttp import web

__all__ = ["listen"]


async def listen(app: web.Application, port: int = 0) -> tuple[web.AppRunner, int]:
    """Start serving; returns the runner (clean it up to stop) and the port it listens on."""
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", port)
    await site.start()
    server = site._server
    assert server is not None
    assert hasattr(server, "sockets")
    return runner, int(server.sockets[0].getsockname()[1])
