"""The composition root: builds storage, router and context, and runs the adapters.

Every adapter, the delivery planner, the digest scheduler and the outbox worker run in one
``asyncio.TaskGroup``; no library's own run loop takes over. An adapter whose ``run`` returns
(the console, when the user quits) ends the whole bot.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from datetime import UTC, datetime

from bot.adapters.base import Adapter
from bot.config import Settings
from bot.outbox import OutboxWorker, WorkerConfig
from bot.planner import DeliveryPlanner, PlannerConfig
from bot.scheduler import DigestScheduler
from handlers.commands import build_router
from handlers.context import Context
from handlers.router import Router
from handlers.types import Incoming, Reply
from storage import Storage, open_storage
from storage.seed import seed_if_empty

__all__ = ["App", "open_app", "serve"]

log = logging.getLogger(__name__)


def _utcnow() -> datetime:
    return datetime.now(UTC)


class App:
    def __init__(
        self,
        settings: Settings,
        storage: Storage,
        router: Router,
        *,
        clock: Callable[[], datetime] = _utcnow,
    ) -> None:
        self.settings = settings
        self.storage = storage
        self.router = router
        self.context = Context(
            storage=storage,
            conflict=settings.conflict,
            clock=clock,
            commands=tuple(router),
            page_size=settings.page_size,
            default_timezone=settings.default_timezone,
            subscription_limit=settings.subscriptions_per_chat,
        )
        self.planner = DeliveryPlanner(
            storage,
            settings.conflict,
            PlannerConfig(
                alert_window=settings.alert_window,
                poll=settings.delivery_poll,
                misfire_grace=settings.digest_misfire_grace,
            ),
            clock=clock,
        )
        self.scheduler = DigestScheduler(
            storage, self.planner, misfire_grace=settings.digest_misfire_grace
        )

    async def dispatch(self, incoming: Incoming) -> Reply:
        return await self.router.dispatch(incoming, self.context)

    async def complete(self, command: str, param: str, typed: str) -> list[str]:
        return await self.router.complete(command, param, typed, self.context)

    def worker(self, adapters: Sequence[Adapter]) -> OutboxWorker:
        s = self.settings
        config = WorkerConfig(
            rates=s.rates(),
            lease=s.outbox_lease,
            concurrency=s.outbox_concurrency,
            backoff_base=s.outbox_backoff_base,
            backoff_cap=s.outbox_backoff_cap,
            give_up_after=s.outbox_give_up_hours * 3600,
            keep_for=s.outbox_keep_days * 86400,
        )
        return OutboxWorker(self.storage, {a.name: a for a in adapters}, config)


@asynccontextmanager
async def open_app(
    settings: Settings, *, clock: Callable[[], datetime] = _utcnow
) -> AsyncIterator[App]:
    storage = await open_storage(settings.database_url)
    try:
        if settings.seed_on_empty and (added := await seed_if_empty(storage)):
            log.info("loaded %d seed claims into an empty database", added)
        yield App(settings, storage, build_router(), clock=clock)
    finally:
        await storage.close()


class _Finished(Exception):
    """An adapter's run returned: time for every other task to stop."""


async def serve(app: App, adapters: Sequence[Adapter], *, deliver: bool = True) -> None:
    """Run the adapters and, with ``deliver``, the planner, the scheduler and the outbox."""

    async def run(adapter: Adapter) -> None:
        await adapter.run(app.dispatch)
        log.info("%s adapter finished; stopping", adapter.name)
        raise _Finished

    try:
        async with asyncio.TaskGroup() as group:
            for adapter in adapters:
                group.create_task(run(adapter), name=adapter.name)
            if deliver:
                group.create_task(app.planner.run(), name="planner")
                group.create_task(app.scheduler.run(), name="scheduler")
                group.create_task(app.worker(adapters).run(), name="outbox")
    except* _Finished:
        pass
