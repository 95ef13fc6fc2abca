"""Alerts through the whole bot on Discord: the real discord.py client, our emulator."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

from bot.adapters.discord import DiscordAdapter
from bot.app import App, open_app, serve
from bot.roles import Role
from claims.filters import ClaimFilter
from storage.protocols import OutboxState
from tests.bot.delivery_kit import FakeClock, eventually, eventually_true, quick_settings
from tests.bot.test_discord import ALICE, GENERAL, world
from tests.claims.factory import make_claim
from tests.fakes.discord_api import DiscordEmulator


@contextlib.asynccontextmanager
async def bot_on(api: DiscordEmulator, tmp_path: Path) -> AsyncIterator[App]:
    settings = quick_settings(
        tmp_path,
        discord_bot_token=api.token,
        discord_api_base_url=api.root,
        discord_gateway_url=api.gateway,
    )
    clock = FakeClock(datetime(2026, 11, 22, 12, tzinfo=UTC))
    async with open_app(settings, clock=clock) as app:
        adapter = DiscordAdapter(settings, tuple(app.router), app.complete, ready_timeout=0.05)
        task = asyncio.create_task(serve(app, [adapter]))
        await eventually(lambda: adapter.client.is_ready() or task.done())
        if task.done():
            task.result()
        try:
            yield app
        finally:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task


def alerts(api: DiscordEmulator) -> list[str]:
    return [s.text for s in api.sent if s.via == "channel" and "New figures" in s.text]


async def test_a_channel_subscribes_with_a_slash_command_and_gets_alerts(tmp_path: Path) -> None:
    async with DiscordEmulator() as api:
        world(api)
        async with bot_on(api, tmp_path) as app:
            done = await api.slash(GENERAL, ALICE, "subscribe", filter="killed", when="instant")
            await api.answers(done)
            await app.storage.claims.add([make_claim(low=70000, high=70000, claimant="Kyiv")])
            await eventually(lambda: len(alerts(api)) == 1)
            assert "70,000  Kyiv" in alerts(api)[0]
            [message] = [s for s in api.sent if s.via == "channel"]
            assert message.allowed_mentions == {"parse": []}


async def test_a_channel_the_bot_lost_access_to_pauses_its_subscription(tmp_path: Path) -> None:
    async with DiscordEmulator() as api:
        world(api)
        async with bot_on(api, tmp_path) as app:
            done = await api.slash(GENERAL, ALICE, "subscribe", filter="killed", when="instant")
            await api.answers(done)
            api.fail(403, "Missing Access", code=50001, times=5)
            await app.storage.claims.add([make_claim(low=70000, high=70000)])

            async def paused() -> bool:
                subs = await app.storage.subscriptions.for_chat(f"discord:group:{GENERAL}")
                return bool(subs) and not subs[0].active

            await eventually_true(paused)
            [sub] = await app.storage.subscriptions.for_chat(f"discord:group:{GENERAL}")
            assert "Missing Access" in (sub.pause_reason or "")
            counts = await app.storage.outbox.counts()
            assert counts.get(OutboxState.QUEUED, 0) == 0
            listing = await api.slash(GENERAL, ALICE, "subscriptions")
            [shown] = await api.answers(listing)
            assert "paused" in shown.text


async def test_a_worker_process_sends_over_rest_without_a_gateway_session(tmp_path: Path) -> None:
    async with DiscordEmulator() as api:
        world(api)
        settings = quick_settings(
            tmp_path,
            discord_bot_token=api.token,
            discord_api_base_url=api.root,
            discord_gateway_url=api.gateway,
        )
        async with open_app(settings) as app:
            await app.storage.subscriptions.add(f"discord:group:{GENERAL}", ClaimFilter(), None)
            adapter = DiscordAdapter(settings, tuple(app.router), app.complete)
            worker = asyncio.create_task(serve(app, [adapter], roles={Role.WORKER}))
            leader = asyncio.create_task(serve(app, [], roles={Role.SCHEDULER}))
            try:
                await app.storage.claims.add([make_claim(low=80000, high=80000, claimant="Rest")])
                await eventually(lambda: len(alerts(api)) == 1, within=20)
            finally:
                for task in (worker, leader):
                    task.cancel()
                    with contextlib.suppress(asyncio.CancelledError):
                        await task
        assert "80,000  Rest" in alerts(api)[0]
        assert api.identified == []  # no gateway session: the gateway process answers users
        assert api.commands == {}  # and it syncs the slash commands, not a worker
