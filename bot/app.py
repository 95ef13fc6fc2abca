"""The composition root: builds storage, router and context, and runs the adapters.

Every adapter, the outbox worker and the leader (which runs the delivery planner, the digest
scheduler and the feed poller while this process leads) run in one ``asyncio.TaskGroup``; no
library's own run loop takes over. The process's roles (bot/roles.py) choose which of them run.
An adapter whose ``run`` returns (the console, when the user quits) ends the whole bot.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator, Callable, Collection, Sequence
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from functools import cached_property
from typing import TYPE_CHECKING

from bot.config import Settings
from bot.leader import Leader
from bot.roles import ANSWERS, Role
from handlers.commands import build_router
from handlers.context import Context
from handlers.ingestion import IngestReport
from handlers.router import Router
from handlers.types import ChatKind, ChatRef, Incoming, Reply
from storage import Storage, open_storage
from storage.seed import seed_if_empty

# The HTTP client, the HTML and feed readers, the digest scheduler and the platform SDKs load
# when the bot first needs them: `tally ask` answers one command without any of them.
if TYPE_CHECKING:
    from bot.adapters.base import Adapter
    from bot.feeds import FeedPoller
    from bot.fetch import Fetcher
    from bot.ingest import Ingestor
    from bot.outbox import OutboxWorker
    from bot.planner import DeliveryPlanner
    from bot.scheduler import DigestScheduler

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
        self.moderators = settings.moderator_list
        self._clock = clock
        self.context = Context(
            storage=storage,
            conflict=settings.conflict,
            clock=clock,
            commands=tuple(router),
            page_size=settings.page_size,
            default_timezone=settings.default_timezone,
            subscription_limit=settings.subscriptions_per_chat,
            ingestion=_IngestionOnDemand(self),
        )
        self.leader = Leader(storage.leadership("scheduler"), self._lead)

    @cached_property
    def fetcher(self) -> Fetcher:
        from bot.fetch import Fetcher, FetchPolicy

        s = self.settings
        hosts = frozenset(h.strip() for h in s.fetch_allow_hosts.split(",") if h.strip())
        return Fetcher(
            FetchPolicy(
                timeout=s.fetch_timeout,
                max_bytes=s.fetch_max_bytes,
                allow_private=s.fetch_allow_private,
                allow_hosts=hosts,
            )
        )

    @cached_property
    def ingestor(self) -> Ingestor:
        from bot.ingest import Ingestor

        return Ingestor(
            self.storage,
            self.fetcher,
            auto_publish=self.settings.auto_publish,
            war_start=self.settings.conflict_start,
        )

    @cached_property
    def feeds(self) -> FeedPoller:
        from bot.feeds import FeedPoller

        return FeedPoller(
            self.storage,
            self.fetcher,
            self.ingestor,
            interval=self.settings.feed_poll_minutes * 60,
            max_failures=self.settings.feed_max_failures,
            notify=self.notify_moderators,
        )

    @cached_property
    def planner(self) -> DeliveryPlanner:
        from bot.planner import DeliveryPlanner, PlannerConfig

        s = self.settings
        return DeliveryPlanner(
            self.storage,
            s.conflict,
            PlannerConfig(
                alert_window=s.alert_window,
                poll=s.delivery_poll,
                misfire_grace=s.digest_misfire_grace,
            ),
            clock=self._clock,
        )

    @cached_property
    def scheduler(self) -> DigestScheduler:
        from bot.scheduler import DigestScheduler

        return DigestScheduler(
            self.storage, self.planner, misfire_grace=self.settings.digest_misfire_grace
        )

    async def close(self) -> None:
        """Close the HTTP client, when one was opened."""
        if "fetcher" in self.__dict__:
            await self.fetcher.close()

    async def _lead(self) -> None:
        """The leader's work: alerts, digests and feeds, until cancelled."""
        async with asyncio.TaskGroup() as group:
            group.create_task(self.planner.run(), name="planner")
            group.create_task(self.scheduler.run(), name="scheduler")
            group.create_task(self.feeds.run(), name="feeds")

    async def dispatch(self, incoming: Incoming) -> Reply:
        return await self.router.dispatch(self.moderators.mark(incoming), self.context)

    async def notify_moderators(self, text: str) -> None:
        """Tell the moderators something needs them: in their private chats on Telegram (a
        user's private chat has the user's id) and on the console, through the outbox."""
        from bot.outbox import outgoing

        log.warning("moderators: %s", text)
        targets = [
            ChatRef("telegram", uid, ChatKind.PRIVATE) for uid in self.moderators.on("telegram")
        ]
        if self.moderators.allows("console", "*"):
            targets.append(ChatRef("console", "local", ChatKind.PRIVATE))
        key = f"moderators:{int(time.time())}:{hash(text) & 0xFFFFFFFF:x}"
        rows = [
            row
            for target in targets
            for row in outgoing(f"{key}:{target}", str(target), "notice", Reply.text(text), None)
        ]
        await self.storage.outbox.enqueue(rows, now=time.time())

    async def complete(self, command: str, param: str, typed: str) -> list[str]:
        return await self.router.complete(command, param, typed, self.context)

    def worker(self, adapters: Sequence[Adapter]) -> OutboxWorker:
        from bot.outbox import OutboxWorker, WorkerConfig

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
        app = App(settings, storage, build_router(), clock=clock)
        try:
            yield app
        finally:
            await app.close()
    finally:
        await storage.close()


class _IngestionOnDemand:
    """The app's ingestor as handlers see it, built when a command first ingests."""

    def __init__(self, app: App) -> None:
        self._app = app

    async def ingest_url(self, url: str, *, by: str) -> IngestReport:
        return await self._app.ingestor.ingest_url(url, by=by)

    async def ingest_text(self, text: str, *, by: str) -> IngestReport:
        return await self._app.ingestor.ingest_text(text, by=by)

    async def ingest_document(
        self, text: str, *, outlet: str, url: str = "", title: str = "", published: str = ""
    ) -> IngestReport:
        return await self._app.ingestor.ingest_document(
            text, outlet=outlet, url=url, title=title, published=published
        )


class _Finished(Exception):
    """An adapter's run returned: time for every other task to stop."""


async def serve(
    app: App,
    adapters: Sequence[Adapter],
    *,
    roles: Collection[Role] = frozenset(Role),
) -> None:
    """Run what the roles ask for: the adapters that answer (Telegram for ``web``, Discord for
    ``gateway``, the console always), the outbox (``worker``, sending through every adapter
    given) and the leader's planning and polling (``scheduler``)."""
    only_send = {n for n, role in ANSWERS.items() if role not in roles}

    async def run(adapter: Adapter) -> None:
        if adapter.name in only_send:
            await adapter.hold()
            return
        await adapter.run(app.dispatch)
        log.info("%s adapter finished; stopping", adapter.name)
        raise _Finished

    try:
        async with asyncio.TaskGroup() as group:
            for adapter in adapters:
                group.create_task(run(adapter), name=adapter.name)
            if Role.WORKER in roles:
                group.create_task(app.worker(adapters).run(), name="outbox")
            if Role.SCHEDULER in roles:
                group.create_task(app.leader.run(), name="leader")
    except* _Finished:
        pass
