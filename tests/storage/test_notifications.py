"""Signals between processes on PostgreSQL: what one process commits wakes the others."""

from __future__ import annotations

import asyncio
import time

from bot.outbox import outgoing
from claims.filters import ClaimFilter
from claims.vocab import Status
from handlers.types import Reply
from storage import open_storage
from tests.bot.delivery_kit import eventually
from tests.claims.factory import make_claim


async def test_publishing_subscribing_and_queueing_reach_another_process(
    postgres_url: str,
) -> None:
    here, there = await open_storage(postgres_url), await open_storage(postgres_url)
    heard: list[str] = []
    there.claims.published.connect(lambda: heard.append("published"))
    there.subscriptions.changed.connect(lambda: heard.append("subscriptions"))
    there.outbox.queued.connect(lambda: heard.append("queued"))
    own: list[str] = []
    here.claims.published.connect(lambda: own.append("published"))
    try:
        await here.claims.add([make_claim(low=5, high=5, claimant="Notify")])
        await eventually(lambda: heard == ["published"])
        await here.subscriptions.add("telegram:private:1", ClaimFilter(), None)
        await eventually(lambda: heard[-1:] == ["subscriptions"])
        await here.outbox.enqueue(
            outgoing("n:1", "telegram:private:1", "notice", Reply.text("hi"), None),
            now=time.time(),
        )
        await eventually(lambda: heard[-1:] == ["queued"])
        await asyncio.sleep(0.2)
        assert heard == ["published", "subscriptions", "queued"]
        assert own == ["published"]  # a process hears its own signal once, not echoed back
    finally:
        await here.close()
        await there.close()


async def test_pending_claims_wake_nobody(postgres_url: str) -> None:
    here, there = await open_storage(postgres_url), await open_storage(postgres_url)
    heard: list[str] = []
    there.claims.published.connect(lambda: heard.append("published"))
    try:
        await here.claims.add([make_claim(low=6, high=6, status=Status.PENDING)])
        await asyncio.sleep(0.3)
        assert heard == []
    finally:
        await here.close()
        await there.close()
