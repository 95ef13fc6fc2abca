"""The Discord adapter end to end: the real discord.py client, our emulator."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest

from bot.adapters.discord import DiscordAdapter
from bot.config import Settings
from bot.moderators import Moderators
from claims.errors import PermanentFailure, RetryLater
from claims.vocab import Status
from handlers.commands import build_router
from handlers.context import Context
from handlers.types import ChatKind, ChatRef, Entry, Heading, Incoming, Reply, Text
from storage import Storage
from tests.claims.factory import make_claim
from tests.conftest import CONFLICT
from tests.fakes.discord_api import DiscordEmulator

ALICE, BOB = 3001, 3002  # Alice moderates the server; Bob does not
GUILD, GENERAL, THREAD, MODS = 4000, 4001, 4002, 4009
ALICE_DM = 4100
MODERATORS = Moderators.parse(f"discord:{ALICE}")


@dataclass
class Bot:
    api: DiscordEmulator
    adapter: DiscordAdapter
    seen: list[Incoming]
    storage: Storage


def _settings(api: DiscordEmulator, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "discord_bot_token": api.token,
        "discord_api_base_url": api.root,
        "discord_gateway_url": api.gateway,
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


def world(api: DiscordEmulator) -> None:
    api.user(ALICE, "Alice")
    api.user(BOB, "Bob")
    api.guild(GUILD, "Analysts", admin_role=MODS)
    api.text_channel(GUILD, GENERAL)
    api.thread(GUILD, GENERAL, THREAD)
    api.member(GUILD, ALICE, MODS)
    api.member(GUILD, BOB)
    api.dm(ALICE_DM, ALICE)


Slow = Callable[[Incoming], Awaitable[None]]


@contextlib.asynccontextmanager
async def running(
    api: DiscordEmulator, storage: Storage, *, slow: Slow | None = None, **overrides: Any
) -> AsyncIterator[Bot]:
    router = build_router()
    context = Context(storage, CONFLICT, commands=tuple(router), page_size=3)
    seen: list[Incoming] = []

    async def dispatch(incoming: Incoming) -> Reply:
        incoming = MODERATORS.mark(incoming)
        seen.append(incoming)
        if slow is not None:
            await slow(incoming)
        return await router.dispatch(incoming, context)

    async def complete(command: str, param: str, typed: str) -> list[str]:
        return await router.complete(command, param, typed, context)

    adapter = DiscordAdapter(
        _settings(api, **overrides), tuple(router), complete, ready_timeout=0.05
    )
    task = asyncio.create_task(adapter.run(dispatch))
    async with asyncio.timeout(10):
        while not (adapter.client.is_ready() or task.done()):
            await asyncio.sleep(0.02)
    if task.done():
        task.result()
    try:
        yield Bot(api, adapter, seen, storage)
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


@pytest.fixture
async def bot(seeded: Storage) -> AsyncIterator[Bot]:
    async with DiscordEmulator() as api:
        world(api)
        async with running(api, seeded) as running_bot:
            yield running_bot


async def test_slash_commands_are_synced_on_start_from_the_registry(bot: Bot) -> None:
    synced = {c["name"]: c for c in bot.api.commands[None]}
    assert {"start", "help", "estimates", "claim", "history", "subscribe"} <= set(synced)
    estimates = synced["estimates"]
    assert estimates["description"].startswith("Every claimant's latest figure")
    options = {o["name"]: o for o in estimates["options"]}
    assert options["metric"]["required"] is True
    assert options["metric"]["autocomplete"] is True
    assert options["party"]["autocomplete"] is True  # parties are open: too many for choices
    assert options["all"]["type"] == 5  # a yes/no option


async def test_estimates_killed_in_a_guild_channel(bot: Bot) -> None:
    interaction = await bot.api.slash(GENERAL, BOB, "estimates", metric="killed")
    [answer] = await bot.api.answers(interaction)
    assert answer.via == "callback"
    assert not answer.ephemeral
    assert "Russia · military" in answer.text
    assert any(f["name"].startswith(">50,000") for e in answer.embeds for f in e["fields"])
    assert "Claim ids:" in answer.embeds[0]["footer"]["text"]
    assert answer.allowed_mentions == {"parse": []}
    assert bot.seen[0].chat == ChatRef("discord", str(GENERAL), ChatKind.GROUP)
    assert bot.seen[0].args == ("killed",)


async def test_estimates_in_a_dm_and_in_a_thread(bot: Bot) -> None:
    in_dm = await bot.api.slash(ALICE_DM, ALICE, "estimates", metric="killed", party="russia")
    [dm_answer] = await bot.api.answers(in_dm)
    assert "Russia · military" in dm_answer.text
    assert "Ukraine · military" not in dm_answer.text
    in_thread = await bot.api.slash(THREAD, BOB, "estimates", metric="wounded")
    await bot.api.answers(in_thread)
    dm, thread = bot.seen
    assert dm.chat == ChatRef("discord", str(ALICE_DM), ChatKind.PRIVATE)
    assert dm.user.is_chat_admin  # one's own DM
    assert dm.args == ("killed", "russia")
    assert thread.chat == ChatRef("discord", str(THREAD), ChatKind.GROUP)


async def test_typed_options_become_the_commands_words(bot: Bot) -> None:
    interaction = await bot.api.slash(
        GENERAL, BOB, "estimates", metric="killed", since="2022-06-01", all=True
    )
    await bot.api.answers(interaction)
    assert bot.seen[0].args == ("killed", "since", "2022-06-01", "all")


async def test_autocomplete_offers_metrics_from_their_words_and_claimants_by_name(
    bot: Bot,
) -> None:
    wounded = await bot.api.autocomplete(GENERAL, BOB, "estimates", "metric", "wou")
    assert wounded[0] == {"name": "wounded", "value": "wounded"}
    dead = await bot.api.autocomplete(GENERAL, BOB, "history", "metric", "dead")
    assert [c["value"] for c in dead] == ["killed"]
    everything = await bot.api.autocomplete(GENERAL, BOB, "estimates", "metric", "")
    assert len(everything) == 9
    claimants = await bot.api.autocomplete(
        GENERAL, BOB, "history", "claimant", "nato", metric="killed"
    )
    assert claimants
    assert all("nato" in c["value"].lower() for c in claimants)
    assert bot.seen == []  # suggestions are not commands


async def test_bad_input_is_answered_to_the_asker_alone_with_a_suggestion(bot: Bot) -> None:
    interaction = await bot.api.slash(GENERAL, BOB, "estimates", metric="kiled")
    [answer] = await bot.api.answers(interaction)
    assert answer.ephemeral
    assert "did you mean killed?" in answer.text


async def test_a_long_answer_is_paged_and_more_pages_come_with_a_button(bot: Bot) -> None:
    interaction = await bot.api.slash(GENERAL, BOB, "estimates", metric="killed")
    [first] = await bot.api.answers(interaction)
    [more] = first.buttons()
    assert more["label"] == "More"
    assert more["custom_id"] == "tally:/estimates killed page 2"
    pressed = await bot.api.press(first, "More", BOB)
    [second] = await bot.api.answers(pressed)
    assert bot.seen[-1].command == "estimates"
    assert bot.seen[-1].args == ("killed", "page", "2")
    assert second.text != first.text


async def test_a_moderator_reviews_with_buttons(bot: Bot) -> None:
    pending = [
        make_claim(low=n, high=n, claimant=f"Desk {n}", status=Status.PENDING)
        for n in (4321, 5432, 6543, 7654, 8765, 9876)
    ]
    await bot.storage.claims.add(pending)
    refused = await bot.api.slash(GENERAL, BOB, "review")
    [answer] = await bot.api.answers(refused)
    assert answer.ephemeral
    interaction = await bot.api.slash(GENERAL, ALICE, "review")
    [review] = await bot.api.answers(interaction)
    labels = [b["label"] for b in review.buttons()]
    assert len(labels) == 21  # approve, reject, side and edit for each of five, and More
    assert labels[-1] == "More"
    short = pending[0].short_id
    pressed = await bot.api.press(review, f"Approve {short}", ALICE)
    [approved] = await bot.api.answers(pressed)
    assert f"Published: {short}" in approved.text
    [stored] = await bot.storage.claims.get([pending[0].id])
    assert stored.status is Status.PUBLISHED


async def test_a_reply_longer_than_a_message_goes_out_as_several_within_the_limits(
    bot: Bot,
) -> None:
    rows = tuple(
        Entry(f"{i:,}", f"Claimant number {i} " + "x" * 120, ("ukraine", "claimed"), ref=f"c{i}")
        for i in range(1, 121)
    )
    reply = Reply((Heading("Many"), *rows, Text("the end", muted=True)))
    await bot.adapter.send(ChatRef("discord", str(GENERAL), ChatKind.GROUP), reply)
    sent = await bot.api.in_channel(GENERAL)
    assert len(sent) > 1
    assert bot.api.refused == []  # every message within Discord's limits
    names = [f["name"] for s in sent for e in s.embeds for f in e["fields"]]
    assert [n.split()[0] for n in names] == [f"{i:,}" for i in range(1, 121)]
    assert all(len(s.embeds) <= 10 for s in sent)


async def test_mentions_and_markdown_from_a_document_ping_nobody(bot: Bot) -> None:
    await bot.storage.claims.add(
        [
            make_claim(
                low=99999,
                high=99999,
                claimant="@everyone <@&4009> **Shouty** [click](http://evil.example)",
                as_of=date(2026, 11, 1),
                published=date(2026, 11, 2),
            )
        ]
    )
    interaction = await bot.api.slash(GENERAL, BOB, "estimates", metric="killed")
    [answer] = await bot.api.answers(interaction)
    assert answer.allowed_mentions == {"parse": []}
    assert "@everyone" not in answer.text  # broken with a zero-width space
    assert "@\u200beveryone" in answer.text
    # where markdown renders (footers show plain text), the rest is escaped
    rendered = "\n".join(f["name"] for e in answer.embeds for f in e["fields"])
    assert "\\<@&4009>" in rendered
    assert "\\*\\*Shouty\\*\\*" in rendered
    assert "\\[click](" in rendered  # no masked link


async def test_only_members_who_manage_the_channel_change_its_subscriptions(bot: Bot) -> None:
    refused = await bot.api.slash(GENERAL, BOB, "subscribe", filter="killed", when="instant")
    [refusal] = await bot.api.answers(refused)
    assert refusal.ephemeral
    assert "administrators" in refusal.text
    done = await bot.api.slash(GENERAL, ALICE, "subscribe", filter="killed", when="instant")
    [ok] = await bot.api.answers(done)
    assert not ok.ephemeral
    [subscription] = await bot.storage.subscriptions.for_chat(f"discord:group:{GENERAL}")
    assert subscription.schedule is None
    assert [i.user.is_chat_admin for i in bot.seen] == [False, True]


async def test_typed_commands_in_a_dm_and_mentions_in_a_server(bot: Bot) -> None:
    await bot.api.say(ALICE_DM, ALICE, "estimates killed")
    [dm] = await bot.api.in_channel(ALICE_DM)
    assert "Russia · military" in dm.text
    await bot.api.say(GENERAL, BOB, "what do you all think?")
    await bot.api.say(GENERAL, BOB, f"<@{bot.api.application_id}> /estimates wounded")
    [answer] = await bot.api.in_channel(GENERAL)
    assert answer.allowed_mentions == {"parse": []}
    assert [(i.command, i.args) for i in bot.seen] == [
        ("estimates", ("killed",)),
        ("estimates", ("wounded",)),
    ]
    assert bot.seen[1].user.is_chat_admin is False


async def test_slow_work_is_deferred_inside_the_three_second_window(seeded: Storage) -> None:
    async def slowly(incoming: Incoming) -> None:
        await asyncio.sleep(0.6)

    async with DiscordEmulator() as api:
        world(api)
        async with running(api, seeded, slow=slowly, discord_defer_after=0.1) as bot:
            interaction = await bot.api.slash(GENERAL, BOB, "estimates", metric="killed")
            [answer] = await bot.api.answers(interaction)
            assert api.interactions[interaction].acknowledged == 5  # deferred, thinking
            assert answer.via == "edit"
            assert "Russia · military" in answer.text
            failed = await bot.api.slash(GENERAL, BOB, "estimates", metric="kiled")
            [error] = await bot.api.answers(failed)
            assert error.via == "followup"
            assert error.ephemeral
            assert api.interactions[failed].deleted  # the public "thinking" message is gone
            assert api.refused == []


CHANNEL = ChatRef("discord", str(GENERAL), ChatKind.GROUP)


async def test_a_long_rate_limit_is_retry_later_with_its_wait(bot: Bot) -> None:
    bot.api.rate_limit(60.0)
    with pytest.raises(RetryLater) as caught:
        await bot.adapter.send(CHANNEL, Reply.text("alert"))
    assert caught.value.delay == 60.0
    assert not caught.value.backoff


async def test_a_short_rate_limit_is_waited_out_by_the_client(bot: Bot) -> None:
    bot.api.rate_limit(0.2)
    await bot.adapter.send(CHANNEL, Reply.text("alert"))
    [sent] = await bot.api.in_channel(GENERAL)
    assert "alert" in sent.text
    assert [status for status, _ in bot.api.refused] == [429]


@pytest.mark.parametrize(
    ("status", "message", "code"),
    [(403, "Missing Access", 50001), (404, "Unknown Channel", 10003)],
)
async def test_a_channel_the_bot_cannot_reach_is_a_permanent_failure(
    bot: Bot, status: int, message: str, code: int
) -> None:
    bot.api.fail(status, message, code=code)
    with pytest.raises(PermanentFailure) as caught:
        await bot.adapter.send(CHANNEL, Reply.text("alert"))
    assert message in caught.value.reason
    assert not caught.value.reachable


async def test_a_channel_that_does_not_exist_is_a_permanent_failure(bot: Bot) -> None:
    with pytest.raises(PermanentFailure) as caught:
        await bot.adapter.send(ChatRef("discord", "123", ChatKind.GROUP), Reply.text("alert"))
    assert "Unknown Channel" in caught.value.reason


async def test_server_errors_and_timeouts_are_retried_later_with_backoff(
    seeded: Storage,
) -> None:
    async with DiscordEmulator() as api:
        world(api)
        async with running(api, seeded, discord_send_timeout=0.3) as bot:
            api.fail(503, "Service Unavailable")
            with pytest.raises(RetryLater) as server:
                await bot.adapter.send(CHANNEL, Reply.text("alert"))
            assert server.value.backoff
            api.delay = 1.0
            with pytest.raises(RetryLater) as slow:
                await bot.adapter.send(CHANNEL, Reply.text("alert"))
            assert slow.value.backoff
            assert "in time" in slow.value.reason


async def test_with_a_dev_guild_commands_are_synced_to_that_server_only(seeded: Storage) -> None:
    async with DiscordEmulator() as api:
        world(api)
        async with running(api, seeded, discord_dev_guild_id=GUILD):
            assert None not in api.commands
            assert "estimates" in {c["name"] for c in api.commands[GUILD]}
            interaction = await api.slash(GENERAL, BOB, "estimates", metric="killed")
            await api.answers(interaction)
