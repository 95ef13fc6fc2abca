"""The Telegram adapter end to end: the real python-telegram-bot Application, our emulator."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import aiohttp
import pytest

from bot.adapters.telegram import TelegramAdapter
from bot.config import Settings
from bot.moderators import Moderators
from claims.errors import ChatMoved, PermanentFailure, RetryLater
from claims.vocab import Status
from handlers.commands import build_router, history
from handlers.context import Context
from handlers.types import ChatKind, ChatRef, Image, Incoming, Reply, Text
from storage import Storage
from tests.claims.factory import make_claim
from tests.conftest import CONFLICT
from tests.fakes.telegram_api import TelegramEmulator

ALICE, BOB = 1001, 1002
MODERATORS = Moderators.parse(f"telegram:{ALICE}")  # Alice moderates; Bob does not
GROUP = -100777


@dataclass
class Bot:
    api: TelegramEmulator
    adapter: TelegramAdapter
    seen: list[Incoming]
    storage: Storage


def _settings(api: TelegramEmulator, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "telegram_bot_token": api.token,
        "telegram_api_base_url": api.root,
        "telegram_poll_timeout": 1,
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


@contextlib.asynccontextmanager
async def running(api: TelegramEmulator, storage: Storage, **overrides: Any) -> AsyncIterator[Bot]:
    router = build_router()
    context = Context(storage, CONFLICT, commands=tuple(router), page_size=3)
    adapter = TelegramAdapter(_settings(api, **overrides), tuple(router))
    seen: list[Incoming] = []

    async def dispatch(incoming: Incoming) -> Reply:
        incoming = MODERATORS.mark(incoming)
        seen.append(incoming)
        return await router.dispatch(incoming, context)

    task = asyncio.create_task(adapter.run(dispatch))
    receiving = "setWebhook" if overrides.get("telegram_mode") == "webhook" else "getUpdates"
    await api.wait_for(lambda: any(m == receiving for m, _ in api.calls) or task.done())
    if task.done():
        task.result()
    if receiving == "setWebhook":
        await _listening(overrides["telegram_webhook_port"])
    try:
        yield Bot(api, adapter, seen, storage)
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


async def _listening(port: int) -> None:
    """Wait until the bot's webhook server accepts connections."""
    async with asyncio.timeout(10):
        while True:
            try:
                _, writer = await asyncio.open_connection("127.0.0.1", port)
            except OSError:
                await asyncio.sleep(0.05)
                continue
            writer.close()
            await writer.wait_closed()
            return


@pytest.fixture
async def bot(seeded: Storage) -> AsyncIterator[Bot]:
    async with TelegramEmulator() as api:
        api.private_chat(ALICE)
        api.group(GROUP, "Analysts", admins=(ALICE,), forum=True)
        async with running(api, seeded) as running_bot:
            yield running_bot


async def test_start_and_help_answer_in_a_private_chat(bot: Bot) -> None:
    await bot.api.send_text(ALICE, "/start", user_id=ALICE)
    [start] = await bot.api.wait_sent(1, chat_id=ALICE)
    assert "/estimates" in start.text
    await bot.api.send_text(ALICE, "/help estimates", user_id=ALICE)
    help_ = (await bot.api.wait_sent(2, chat_id=ALICE))[-1]
    assert "Usage: /estimates <metric>" in help_.text


async def test_commands_are_registered_from_the_routers_docstrings(bot: Bot) -> None:
    names = {c["command"]: c["description"] for c in bot.api.commands}
    assert {"start", "help", "estimates", "claim", "history", "sources", "latest"} <= set(names)
    assert names["estimates"].startswith("Every claimant's latest figure")


async def test_estimates_killed_in_a_private_chat(bot: Bot) -> None:
    await bot.api.send_text(ALICE, "/estimates killed", user_id=ALICE)
    sent = await bot.api.wait_sent(1, chat_id=ALICE)
    text = "\n".join(s.text for s in sent)
    assert "Russia · military" in text
    assert ">50,000" in text
    assert "Ukraine · military" in text
    assert "<b>&gt;50,000</b>" in sent[0].html


async def test_a_group_command_addressed_to_the_bot_by_name_is_answered_in_its_topic(
    bot: Bot,
) -> None:
    await bot.api.send_text(GROUP, "/estimates@OtherBot killed", user_id=BOB)
    await bot.api.send_text(GROUP, "what do you all think?", user_id=BOB)
    await bot.api.send_text(GROUP, "/estimates@TallyTestBot killed", user_id=BOB, thread_id=7)
    [answer, *_] = await bot.api.wait_sent(1, chat_id=GROUP)
    assert ">50,000" in answer.text
    assert answer.thread_id == 7
    assert len(bot.seen) == 1
    assert bot.seen[0].chat == ChatRef("telegram", str(GROUP), ChatKind.GROUP, "7")


async def test_group_admins_are_told_apart_from_members(bot: Bot) -> None:
    await bot.api.send_text(GROUP, "/start", user_id=ALICE)
    await bot.api.send_text(GROUP, "/start", user_id=BOB)
    await bot.api.wait_sent(2, chat_id=GROUP)
    by_user = {i.user.id: i.user.is_chat_admin for i in bot.seen}
    assert by_user == {str(ALICE): True, str(BOB): False}
    # the administrator list is cached, not fetched for every message
    assert sum(m == "getChatAdministrators" for m, _ in bot.api.calls) == 1


async def test_plain_text_in_a_private_chat_gets_a_hint(bot: Bot) -> None:
    await bot.api.send_text(ALICE, "how many were killed?", user_id=ALICE)
    [hint] = await bot.api.wait_sent(1, chat_id=ALICE)
    assert "/help" in hint.text


async def test_a_channel_post_command_is_answered_in_the_channel(bot: Bot) -> None:
    bot.api.channel(-100555, "News")
    await bot.api.send_text(-100555, "/sources")
    [answer] = await bot.api.wait_sent(1, chat_id=-100555)
    assert "The Globe and Mail" in answer.text


async def test_a_long_answer_is_split_into_messages_at_row_boundaries(bot: Bot) -> None:
    title = "Claimant number {n}, " + "holder of a long and winding title, " * 6
    claims = [make_claim(claimant=title.format(n=n), low=n, high=n) for n in range(1, 30)]
    await bot.storage.claims.add(claims)
    await bot.api.send_text(ALICE, "/history killed claimant number", user_id=ALICE)
    sent = await bot.api.wait_sent(2, chat_id=ALICE)
    await asyncio.sleep(0.3)
    sent = [s for s in bot.api.sent if s.chat_id == ALICE]
    assert len(sent) >= 2
    assert all(len(s.text) <= 4096 for s in sent)
    # every message begins with a whole row: its figure, in bold
    assert all(s.html.startswith(("<b>", "\n<b>")) for s in sent[1:])
    rows = sum(s.text.count("Claimant number") for s in sent)
    assert rows == history.PAGE


async def test_a_more_button_pages_the_answer_and_the_press_is_answered(bot: Bot) -> None:
    await bot.api.send_text(ALICE, "/estimates killed", user_id=ALICE)
    [first] = await bot.api.wait_sent(1, chat_id=ALICE)
    labels = [b["text"] for row in first.buttons for b in row]
    assert labels == ["More"]
    await bot.api.press(first, "More", ALICE)
    second = (await bot.api.wait_sent(2, chat_id=ALICE))[-1]
    assert "Page" in second.text or "Russia · military" in second.text
    assert second.text != first.text
    await bot.api.wait_for(lambda: len(bot.api.answered) == 1)


async def test_a_moderator_reviews_with_buttons(bot: Bot) -> None:
    pending = make_claim(low=4321, high=4321, claimant="Kyiv Desk", status=Status.PENDING)
    await bot.storage.claims.add([pending])
    bot.api.private_chat(BOB)
    await bot.api.send_text(BOB, "/review", user_id=BOB)
    [refused] = await bot.api.wait_sent(1, chat_id=BOB)
    assert "Only Tally's moderators" in refused.text
    await bot.api.send_text(ALICE, "/review", user_id=ALICE)
    [review] = await bot.api.wait_sent(1, chat_id=ALICE)
    assert "4,321" in review.text
    short = pending.short_id
    assert [[b["text"] for b in row] for row in review.buttons] == [
        [f"Approve {short}", f"Reject {short}", f"Side {short}", f"Edit {short}"]
    ]
    await bot.api.press(review, f"Approve {short}", ALICE)
    approved = (await bot.api.wait_sent(2, chat_id=ALICE))[-1]
    assert f"Published: {short}" in approved.text
    [stored] = await bot.storage.claims.get([pending.id])
    assert stored.status is Status.PUBLISHED


async def test_markup_in_a_document_is_shown_as_text(bot: Bot) -> None:
    claim = make_claim(
        claimant="<b>Bold</b> & <script>alert(1)</script>",
        outlet="A&B <i>News</i>",
        low=777,
        high=777,
    )
    await bot.storage.claims.add([claim])
    await bot.api.send_text(ALICE, f"/claim {claim.short_id}", user_id=ALICE)
    [answer] = await bot.api.wait_sent(1, chat_id=ALICE)
    assert "<b>Bold</b> & <script>alert(1)</script>" in answer.text
    assert "&lt;script&gt;" in answer.html
    assert "A&B <i>News</i>" in answer.text


async def test_retry_after_becomes_retry_later(bot: Bot) -> None:
    bot.api.fail_with_retry_after(7)
    with pytest.raises(RetryLater) as caught:
        await bot.adapter.send(ChatRef("telegram", str(ALICE)), Reply.text("hello"))
    assert caught.value.delay == 7


async def test_an_answer_waits_out_a_429_and_is_delivered(bot: Bot) -> None:
    bot.api.fail_with_retry_after(1)
    await bot.api.send_text(ALICE, "/start", user_id=ALICE)
    [answer] = await bot.api.wait_sent(1, chat_id=ALICE)
    assert "/estimates" in answer.text


@pytest.mark.parametrize(
    ("setup", "reason"),
    [
        (lambda api: api.blocked.add(ALICE), "bot was blocked by the user"),
        (lambda api: api.blocked.add(GROUP), "bot was kicked from the group chat"),
        (lambda api: None, "chat not found"),
    ],
)
async def test_unreachable_chats_are_permanent_failures(bot: Bot, setup: Any, reason: str) -> None:
    setup(bot.api)
    chat = {"bot was kicked from the group chat": GROUP, "chat not found": 4242}.get(reason, ALICE)
    with pytest.raises(PermanentFailure) as caught:
        await bot.adapter.send(ChatRef("telegram", str(chat)), Reply.text("hello"))
    assert reason in caught.value.reason.lower()


async def test_a_migrated_group_gives_the_new_supergroup_address(bot: Bot) -> None:
    bot.api.group(-555, "Old group", kind="group")
    bot.api.migrated[-555] = -100555
    with pytest.raises(ChatMoved) as caught:
        await bot.adapter.send(ChatRef("telegram", "-555", ChatKind.GROUP), Reply.text("hi"))
    assert caught.value.target == "telegram:group:-100555"


async def test_server_errors_are_retried_later(bot: Bot) -> None:
    bot.api.fail("sendMessage", 502, "Bad Gateway")
    with pytest.raises(RetryLater):
        await bot.adapter.send(ChatRef("telegram", str(ALICE)), Reply((Text("x"),)))


async def test_webhook_mode_takes_updates_by_post_and_refuses_a_wrong_secret(
    seeded: Storage, unused_tcp_port: int
) -> None:
    url = f"http://127.0.0.1:{unused_tcp_port}/hook"
    async with TelegramEmulator() as api:
        api.private_chat(ALICE)
        webhook = {
            "telegram_mode": "webhook",
            "telegram_webhook_listen": "127.0.0.1",
            "telegram_webhook_port": unused_tcp_port,
            "telegram_webhook_path": "hook",
            "telegram_webhook_url": url,
            "telegram_webhook_secret": "s3cret-token",
        }
        async with running(api, seeded, **webhook):
            assert api.webhook == {"url": url, "secret_token": "s3cret-token"}
            await api.send_text(ALICE, "/start", user_id=ALICE)
            [answer] = await api.wait_sent(1, chat_id=ALICE)
            assert "/estimates" in answer.text
            update = {"update_id": 99, "message": api.message(ALICE, "/start", user_id=ALICE)}
            async with aiohttp.ClientSession() as session:
                for header in ({"X-Telegram-Bot-Api-Secret-Token": "wrong"}, {}):
                    async with session.post(url, json=update, headers=header) as resp:
                        assert resp.status == 403
            await asyncio.sleep(0.2)
            assert len(api.sent) == 1


async def test_an_image_is_uploaded_as_a_photo_with_its_caption(bot: Bot) -> None:
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
    reply = Reply((Text("Deaths over time"), Image(png, caption="Killed <by> month")))
    await bot.adapter.send(ChatRef("telegram", str(ALICE)), reply)
    text, photo = await bot.api.wait_sent(2, chat_id=ALICE)
    assert (text.method, text.text) == ("sendMessage", "Deaths over time")
    assert (photo.method, photo.photo, photo.text) == ("sendPhoto", png, "Killed <by> month")
