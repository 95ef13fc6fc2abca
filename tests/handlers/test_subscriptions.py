"""/subscribe and friends: push a command, look at the reply."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.render.plain import render_plain
from handlers.commands import build_router
from handlers.context import Context
from handlers.types import ChatKind, ChatRef, UserRef
from storage import Storage
from tests.claims.factory import make_claim
from tests.conftest import CONFLICT, Chat

GROUP = ChatRef("telegram", "-100", ChatKind.GROUP)
ADMIN = UserRef("1", "Admin", is_chat_admin=True)
MEMBER = UserRef("2", "Member")
NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)  # a Sunday


@pytest.fixture
def subs_chat(seeded: Storage) -> Chat:
    router = build_router()
    context = Context(seeded, CONFLICT, clock=lambda: NOW, commands=tuple(router))
    return Chat(router, context)


async def say(chat: Chat, text: str, user: UserRef = ADMIN, where: ChatRef = GROUP) -> str:
    return render_plain(await chat.send(text, user=user, chat=where))


async def test_an_admin_subscribes_a_group_to_instant_alerts(subs_chat: Chat) -> None:
    reply = await say(subs_chat, "/subscribe killed wounded russia instant")
    assert "Subscribed (#1): killed, wounded · russia losses." in reply
    assert "within seconds" in reply
    again = await say(subs_chat, "/subscribe russia wounded killed")
    assert "already has that subscription (#1)" in again


async def test_members_of_a_group_may_not_change_its_subscriptions(subs_chat: Chat) -> None:
    refused = await subs_chat.send("/subscribe killed", user=MEMBER, chat=GROUP)
    assert refused.error
    assert "Only this chat's administrators can change its subscriptions" in render_plain(refused)
    await say(subs_chat, "/subscribe killed")
    assert "administrators" in await say(subs_chat, "/unsubscribe 1", user=MEMBER)
    assert "administrators" in await say(subs_chat, "/settings tz UTC", user=MEMBER)
    # anyone may look, and anyone may subscribe their own private chat
    assert "#1" in await say(subs_chat, "/subscriptions", user=MEMBER)
    assert "Subscribed" in await say(
        subs_chat,
        "/subscribe killed",
        user=MEMBER,
        where=ChatRef("telegram", "2", ChatKind.PRIVATE),
    )


async def test_a_daily_digest_in_a_zone_shows_its_next_local_run(subs_chat: Chat) -> None:
    reply = await say(subs_chat, "/subscribe all daily 09:00 Europe/Kyiv")
    assert "daily 09:00 Europe/Kyiv; the first at 2026-11-23 09:00 EET" in reply
    listing = await say(subs_chat, "/subscriptions")
    assert "#1     all figures" in listing
    assert "daily 09:00 Europe/Kyiv; next 2026-11-23 09:00 EET" in listing
    assert "State  active" in listing


async def test_weekly_digests_and_the_chats_default_zone(subs_chat: Chat) -> None:
    assert "Time zone set to Europe/Kyiv" in await say(subs_chat, "/settings tz europe/kyiv")
    assert "Time zone  Europe/Kyiv" in await say(subs_chat, "/settings")
    reply = await say(subs_chat, "/subscribe killed by ukraine weekly mon 08:00")
    assert "killed · claimed by ukraine" in reply
    assert "weekly mon 08:00 Europe/Kyiv; the first at 2026-11-23 08:00 EET" in reply


async def test_bad_subscribe_words_get_a_suggestion(subs_chat: Chat) -> None:
    assert "did you mean killed?" in await say(subs_chat, "/subscribe kiled")
    zone = await say(subs_chat, "/subscribe all daily 09:00 Europe/Kiev2")
    assert "unknown time zone 'Europe/Kiev2' — did you mean Europe/Kiev?" in zone
    assert "Instant alerts have no time" in await say(subs_chat, "/subscribe killed instant 09:00")
    assert "daily 21:30 UTC" in await say(subs_chat, "/subscribe killed 21:30")
    assert "What should I send?" in await say(subs_chat, "/subscribe")
    assert "not a subscription number" in await say(subs_chat, "/unsubscribe x")
    assert "no subscription #7" in await say(subs_chat, "/unsubscribe 7")


async def test_a_chat_may_not_pile_up_subscriptions(subs_chat: Chat) -> None:
    subs_chat.context.subscription_limit = 2
    await say(subs_chat, "/subscribe killed")
    await say(subs_chat, "/subscribe wounded")
    assert "the most it may have" in await say(subs_chat, "/subscribe captured")


async def test_unsubscribe_one_or_all(subs_chat: Chat) -> None:
    await say(subs_chat, "/subscribe killed")
    await say(subs_chat, "/subscribe wounded daily 07:00")
    assert "Removed 1 subscription." in await say(subs_chat, "/unsubscribe #1")
    assert "Removed 1 subscriptions." in await say(subs_chat, "/unsubscribe all")
    assert "no subscriptions" in await say(subs_chat, "/subscriptions")


async def test_a_paused_subscription_says_why_and_resumes(subs_chat: Chat) -> None:
    await say(subs_chat, "/subscribe killed")
    await subs_chat.context.storage.subscriptions.pause([1], "Forbidden: bot was kicked")
    listing = await say(subs_chat, "/subscriptions")
    assert "paused: Forbidden: bot was kicked. Once that is fixed, /resume 1" in listing
    assert "#1 is active again." in await say(subs_chat, "/resume 1")
    assert "not paused" in await say(subs_chat, "/resume 1")


async def test_digest_previews_what_is_new_since_the_last_one(subs_chat: Chat) -> None:
    await say(subs_chat, "/subscribe killed daily 09:00")
    assert "nothing new since the last digest" in await say(subs_chat, "/digest")
    storage = subs_chat.context.storage
    seed = await storage.claims.history(make_claim().metric, words=("ukraine",), limit=1)
    newer = make_claim(low=60000, high=60000, claimant=seed[0].claimant, as_of=None)
    await storage.claims.add([newer])
    preview = await say(subs_chat, "/digest")
    assert "Next digest (#1, 2026-11-23 09:00 UTC): killed" in preview
    assert "60,000" in preview


async def test_digest_without_a_subscription_shows_the_last_day(subs_chat: Chat) -> None:
    reply = await say(subs_chat, "/digest")
    assert "This chat has no digest" in reply
