"""Alerts through the whole bot on Telegram: the real Application, our Bot API emulator."""

from __future__ import annotations

import asyncio
import contextlib
from collections import Counter
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bot.adapters.telegram import TelegramAdapter
from bot.app import App, open_app, serve
from claims.filters import ClaimFilter
from storage.protocols import OutboxState
from tests.bot.delivery_kit import FakeClock, eventually, eventually_true, quick_settings
from tests.claims.factory import make_claim
from tests.fakes.telegram_api import Limits, TelegramEmulator

ADMIN, MEMBER = 1001, 1002
GROUP = -100555


@contextlib.asynccontextmanager
async def bot_on(api: TelegramEmulator, tmp_path: Path, **overrides: Any) -> AsyncIterator[App]:
    settings = quick_settings(
        tmp_path,
        telegram_bot_token=api.token,
        telegram_api_base_url=api.root,
        telegram_poll_timeout=1,
        **overrides,
    )
    clock = FakeClock(datetime(2026, 11, 22, 12, tzinfo=UTC))
    async with open_app(settings, clock=clock) as app:
        adapter = TelegramAdapter(settings, tuple(app.router))
        task = asyncio.create_task(serve(app, [adapter]))
        await api.wait_for(lambda: any(m == "getUpdates" for m, _ in api.calls) or task.done())
        try:
            yield app
        finally:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task


def alerts(api: TelegramEmulator) -> Counter[int]:
    return Counter(s.chat_id for s in api.sent if s.text.startswith("New figures"))


async def publish(app: App, low: int = 70000, **fields: Any) -> None:
    fields.setdefault("claimant", f"Claimant {low}")
    await app.storage.claims.add([make_claim(low=low, high=low, **fields)])


async def test_group_admins_subscribe_and_the_group_gets_alerts(tmp_path: Path) -> None:
    async with TelegramEmulator() as api:
        api.group(GROUP, admins=(ADMIN,))
        async with bot_on(api, tmp_path) as app:
            await api.send_text(GROUP, "/subscribe killed instant", user_id=MEMBER)
            [refusal] = await api.wait_sent(1, chat_id=GROUP)
            assert "Only this chat's administrators can change its subscriptions" in refusal.text
            await api.send_text(GROUP, "/subscribe killed instant", user_id=ADMIN)
            await api.wait_sent(2, chat_id=GROUP)
            await publish(app, 70000)
            await eventually(lambda: alerts(api)[GROUP] == 1)
            alert = next(s for s in api.sent if s.text.startswith("New figures"))
            assert "<b>70,000</b>  Claimant 70000" in alert.html


async def test_a_429_storm_still_delivers_every_alert_once(tmp_path: Path) -> None:
    chats = list(range(1, 41))
    async with TelegramEmulator() as api:
        api.limits = Limits(overall=30, private=1, group=20)
        for chat in chats:
            api.private_chat(chat)
        async with bot_on(api, tmp_path) as app:
            for chat in chats:
                await app.storage.subscriptions.add(f"telegram:private:{chat}", ClaimFilter(), None)
            api.fail_with_retry_after(1, times=25)
            await publish(app)
            await eventually(lambda: len(alerts(api)) == len(chats), within=30)
            await asyncio.sleep(0.5)
            assert set(alerts(api).values()) == {1}
            assert api.failures[0].times == 0  # every injected 429 was answered
            counts = await app.storage.outbox.counts()
            assert counts[OutboxState.SENT] == len(chats)
            assert counts[OutboxState.QUEUED] == counts[OutboxState.FAILED] == 0


async def test_server_errors_are_retried_with_growing_waits(tmp_path: Path) -> None:
    async with TelegramEmulator() as api:
        api.private_chat(ADMIN)
        async with bot_on(api, tmp_path, outbox_backoff_base=0.2) as app:
            await app.storage.subscriptions.add(f"telegram:private:{ADMIN}", ClaimFilter(), None)
            api.fail("sendMessage", 502, "Bad Gateway", times=3)
            await publish(app)
            await eventually(lambda: alerts(api)[ADMIN] == 1, within=20)
            assert [m for m, _ in api.calls].count("sendMessage") == 4
            target = f"telegram:private:{ADMIN}"

            async def marked_sent() -> bool:
                return bool(await app.storage.outbox.delivered(target))

            await eventually_true(marked_sent)  # rows are marked sent a moment after delivery
            [row] = await app.storage.outbox.delivered(target)
            assert row.attempts == 4


async def test_a_blocked_bot_pauses_the_subscription_with_the_reason(tmp_path: Path) -> None:
    async with TelegramEmulator() as api:
        api.private_chat(ADMIN)
        async with bot_on(api, tmp_path) as app:
            await api.send_text(ADMIN, "/subscribe killed instant", user_id=ADMIN)
            await api.wait_sent(1, chat_id=ADMIN)
            api.blocked.add(ADMIN)
            await publish(app)
            await eventually_true(lambda: _paused(app))
            api.blocked.discard(ADMIN)  # the user unblocks the bot and asks
            await api.send_text(ADMIN, "/subscriptions", user_id=ADMIN)
            listing = (await api.wait_sent(2, chat_id=ADMIN))[-1]
            assert (
                "paused: this chat cannot be reached: Forbidden: bot was blocked by the user"
                in (listing.text)
            )
            assert "/resume 1" in listing.text
            assert alerts(api)[ADMIN] == 0


async def _paused(app: App, sub_id: int = 1) -> bool:
    sub = await app.storage.subscriptions.get(sub_id)
    return sub is not None and not sub.active


async def test_a_refused_message_pauses_its_subscription_and_says_so(tmp_path: Path) -> None:
    async with TelegramEmulator() as api:
        api.group(GROUP, admins=(ADMIN,))
        async with bot_on(api, tmp_path) as app:
            await app.storage.subscriptions.add(f"telegram:group:{GROUP}", ClaimFilter(), None)
            refusal = "Bad Request: not enough rights to send text messages to the chat"
            api.fail("sendMessage", 400, refusal, chat_id=GROUP)
            await publish(app)
            await eventually_true(lambda: _paused(app))
            [notice] = await api.wait_sent(1, chat_id=GROUP)
            told = "I could not deliver an alert of subscription #1 here: Not enough rights to send"
            assert told in notice.text
            assert "/resume 1" in notice.text
            sub = await app.storage.subscriptions.get(1)
            assert sub is not None
            assert sub.pause_reason == "Not enough rights to send text messages to the chat"


async def test_a_group_that_became_a_supergroup_keeps_its_subscriptions(tmp_path: Path) -> None:
    old, new = -555, -100999
    async with TelegramEmulator() as api:
        api.group(new, admins=(ADMIN,))
        api.migrated[old] = new
        async with bot_on(api, tmp_path) as app:
            await app.storage.subscriptions.add(f"telegram:group:{old}", ClaimFilter(), None)
            await publish(app)
            await eventually(lambda: alerts(api)[new] == 1)
            [sub] = await app.storage.subscriptions.all()
            assert sub.chat == f"telegram:group:{new}"
