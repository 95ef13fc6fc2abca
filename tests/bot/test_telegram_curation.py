"""Curation on Telegram end to end: the real python-telegram-bot client and our emulator. A
review card's Edit button answers with the claim's /edit form filled in (Telegram has no
modals); sent back changed, it corrects the claim; decisions are taken back by command."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from claims.vocab import Status
from storage import Storage
from tests.bot.test_telegram import ALICE, BOB, Bot, running
from tests.claims.factory import make_claim
from tests.fakes.telegram_api import TelegramEmulator

PENDING = make_claim(low=4321, high=4321, claimant="Kyiv Desk", status=Status.PENDING)


@pytest.fixture
async def bot(storage: Storage) -> AsyncIterator[Bot]:
    await storage.claims.add([PENDING])
    async with TelegramEmulator() as api:
        api.private_chat(ALICE)
        api.private_chat(BOB)
        async with running(api, storage) as running_bot:
            yield running_bot


async def test_the_edit_button_answers_with_the_form_and_the_form_sent_back_corrects(
    bot: Bot,
) -> None:
    short = PENDING.short_id
    await bot.api.send_text(ALICE, "/review", user_id=ALICE)
    [review] = await bot.api.wait_sent(1, chat_id=ALICE)
    assert "Counts" in review.text
    assert "killed: Russia · military" in review.text
    await bot.api.press(review, f"Edit {short}", ALICE)
    form = (await bot.api.wait_sent(2, chat_id=ALICE))[-1]
    line = next(x for x in form.text.splitlines() if x.startswith(f"/edit {short} metric"))
    assert "figure 4,321" in line
    await bot.api.send_text(ALICE, line.replace("figure 4,321", "figure >4,500"), user_id=ALICE)
    edited = (await bot.api.wait_sent(3, chat_id=ALICE))[-1]
    assert f"Edited {short}: figure 4,321 → >4,500" in edited.text
    await bot.api.press(edited, f"Approve {short}", ALICE)
    approved = (await bot.api.wait_sent(4, chat_id=ALICE))[-1]
    assert f"Published: {short}" in approved.text
    await bot.api.send_text(ALICE, f"/retract {short} a double count", user_id=ALICE)
    retracted = (await bot.api.wait_sent(5, chat_id=ALICE))[-1]
    assert f"Withdrawn: {short} (a double count)." in retracted.text
    await bot.api.press(retracted, f"Restore {short}", ALICE)
    restored = (await bot.api.wait_sent(6, chat_id=ALICE))[-1]
    assert f"{short} is published again." in restored.text
    [stored] = await bot.storage.claims.get([PENDING.id])
    assert stored.status is Status.PUBLISHED
    assert stored.figure == ">4,500"
    actions = [e.action for e in await bot.storage.audit.entries(oldest_first=True)]
    assert actions == ["edit", "approve", "retract", "restore"]


async def test_a_member_who_is_no_moderator_is_refused_curation(bot: Bot) -> None:
    for number, command in enumerate(
        (f"/edit {PENDING.short_id} figure 1", "/add 1 killed russia by X", "/log"), start=1
    ):
        await bot.api.send_text(BOB, command, user_id=BOB)
        answer = (await bot.api.wait_sent(number, chat_id=BOB))[-1]
        assert "Only Tally's moderators" in answer.text
    assert await bot.storage.audit.entries() == []
