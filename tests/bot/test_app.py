"""The composition root runs every adapter in one TaskGroup; a finished adapter stops them all."""

from __future__ import annotations

import asyncio
from pathlib import Path

from bot.adapters.base import Capabilities, Dispatch
from bot.app import open_app, serve
from bot.config import Settings
from handlers.types import ChatRef, Incoming, Reply
from tests.conftest import PRIVATE, USER


class Forever:
    name = "forever"
    capabilities = Capabilities()

    def __init__(self) -> None:
        self.cancelled = False

    async def run(self, dispatch: Dispatch) -> None:
        try:
            await asyncio.Event().wait()
        except asyncio.CancelledError:
            self.cancelled = True
            raise

    async def hold(self) -> None:
        await self.run(self._never)

    async def _never(self, incoming: Incoming) -> Reply:
        raise AssertionError("a held adapter receives nothing")

    async def send(self, target: ChatRef, reply: Reply) -> None:
        return None


class AskOnce:
    name = "once"
    capabilities = Capabilities()

    def __init__(self) -> None:
        self.reply: Reply | None = None

    async def run(self, dispatch: Dispatch) -> None:
        await asyncio.sleep(0)
        self.reply = await dispatch(Incoming(PRIVATE, USER, "estimates", ("killed",)))

    async def hold(self) -> None:
        await asyncio.Event().wait()

    async def send(self, target: ChatRef, reply: Reply) -> None:
        return None


async def test_a_finished_adapter_stops_the_others(tmp_path: Path) -> None:
    settings = Settings(_env_file=None, database_url=f"sqlite:///{tmp_path / 't.db'}")  # type: ignore[call-arg]
    forever, once = Forever(), AskOnce()
    async with open_app(settings) as app:
        await asyncio.wait_for(serve(app, [forever, once]), timeout=10)
    assert forever.cancelled
    assert once.reply is not None
    assert not once.reply.error
