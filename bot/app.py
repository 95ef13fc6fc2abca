"""The composition root: builds storage, router and context, and runs the adapters.

Every adapter runs in one ``asyncio.TaskGroup``; no library's own run loop takes over. An
adapter whose ``run`` returns (the console, when the user quits) ends the whole bot.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager

from bot.adapters.base import Adapter
from bot.config import Settings
from handlers.commands import build_router
from handlers.context import Context
from handlers.router import Router
from handlers.types import Incoming, Reply
from storage import Storage, open_storage
from storage.seed import seed_if_empty

__all__ = ["App", "open_app", "serve"]

log = logging.getLogger(__name__)


class App:
    def __init__(self, settings: Settings, storage: Storage, router: Router) -> None:
        self.settings = settings
        self.storage = storage
        self.router = router
        self.context = Context(
            storage=storage,
            conflict=settings.conflict,
            commands=tuple(router),
            page_size=settings.page_size,
        )

    async def dispatch(self, incoming: Incoming) -> Reply:
        return await self.router.dispatch(incoming, self.context)


@asynccontextmanager
async def open_app(settings: Settings) -> AsyncIterator[App]:
    storage = await open_storage(settings.database_url)
    try:
        if settings.seed_on_empty and (added := await seed_if_empty(storage)):
            log.info("loaded %d seed claims into an empty database", added)
        yield App(settings, storage, build_router())
    finally:
        await storage.close()


class _Finished(Exception):
    """An adapter's run returned: time for every other task to stop."""


async def serve(app: App, adapters: Sequence[Adapter]) -> None:
    async def run(adapter: Adapter) -> None:
        await adapter.run(app.dispatch)
        log.info("%s adapter finished; stopping", adapter.name)
        raise _Finished

    try:
        async with asyncio.TaskGroup() as group:
            for adapter in adapters:
                group.create_task(run(adapter), name=adapter.name)
    except* _Finished:
        pass
