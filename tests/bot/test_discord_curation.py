"""Curation on Discord end to end: the real discord.py client and our emulator. A review
card's Edit button opens a modal with the claim's fields filled in, /add opens one too; the
submitted values run as the command, on both backends."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from claims.vocab import Status
from storage import Storage
from tests.bot.test_discord import ALICE, BOB, GENERAL, Bot, running, world
from tests.claims.factory import make_claim
from tests.fakes.discord_api import DiscordEmulator

PENDING = make_claim(low=5300, high=5300, claimant="Desk One", status=Status.PENDING)


@pytest.fixture
async def bot(storage: Storage) -> AsyncIterator[Bot]:
    await storage.claims.add([PENDING])
    async with DiscordEmulator() as api:
        world(api)
        async with running(api, storage) as running_bot:
            yield running_bot


async def _review(bot: Bot) -> object:
    interaction = await bot.api.slash(GENERAL, ALICE, "review")
    [review] = await bot.api.answers(interaction)
    return review


async def test_the_edit_button_opens_a_modal_filled_in_and_its_submit_corrects(bot: Bot) -> None:
    review = await _review(bot)
    short = PENDING.short_id
    assert f"Edit {short}" in [b["label"] for b in review.buttons()]  # type: ignore[attr-defined]
    pressed = await bot.api.press(review, f"Edit {short}", ALICE)  # type: ignore[arg-type]
    opened = await bot.api.modal(pressed)
    assert opened.modal is not None
    assert opened.modal["title"] == f"Edit claim {short}"
    inputs = opened.inputs()
    assert list(inputs) == ["metric", "party", "figure", "claimant", "as-of"]
    assert inputs["figure"]["value"] == "5,300"
    assert inputs["claimant"]["value"] == "Desk One"
    submitted = await bot.api.submit(pressed, ALICE, figure="~6,000", claimant="Desk One, Kyiv")
    [answer] = await bot.api.answers(submitted)
    shown = answer.text.replace("\\", "")  # markdown escapes
    assert f"Edited {short}: figure 5,300 → ~6,000; claimant Desk One → Desk One, Kyiv" in shown
    [stored] = await bot.storage.claims.get([PENDING.id])
    assert stored.figure == "~6,000"
    assert stored.claimant == "Desk One, Kyiv"
    assert stored.status is Status.PENDING
    # a modal submitted unchanged answers with the form in words: no modal answers a modal
    again = await bot.api.press(review, f"Edit {short}", ALICE)  # type: ignore[arg-type]
    unchanged = await bot.api.submit(again, ALICE)
    [form] = await bot.api.answers(unchanged)
    assert f"/edit {short} metric killed" in form.text.replace("\\", "")
    assert bot.api.refused == []


async def test_add_opens_a_modal_and_its_submit_publishes_the_figure(bot: Bot) -> None:
    interaction = await bot.api.slash(GENERAL, ALICE, "add")
    opened = await bot.api.modal(interaction)
    assert list(opened.inputs()) == ["head", "whose", "claimant", "more", "source"]
    submitted = await bot.api.submit(
        interaction,
        ALICE,
        head="~6,000 killed",
        whose="russia military",
        claimant="Sergei Shoigu, Russian Defence Minister",
        more="side russia as-of 2022-09-21",
        source="https://example.org/article",
    )
    [answer] = await bot.api.answers(submitted)
    assert "Added and published" in answer.text
    [added] = await bot.storage.claims.latest(1)
    assert added.claimant == "Sergei Shoigu, Russian Defence Minister"
    assert added.figure == "~6,000"
    assert added.url == "https://example.org/article"
    [entry] = await bot.storage.audit.entries(claim_id=added.id)
    assert entry.actor == f"discord:{ALICE}"


async def test_a_member_who_is_no_moderator_gets_no_modal(bot: Bot) -> None:
    review = await _review(bot)
    pressed = await bot.api.press(review, f"Edit {PENDING.short_id}", BOB)  # type: ignore[arg-type]
    [answer] = await bot.api.answers(pressed)
    assert answer.ephemeral
    assert "Only Tally's moderators" in answer.text
    assert bot.api.interactions[pressed].modal is None
    refused = await bot.api.slash(GENERAL, BOB, "add")
    [answer] = await bot.api.answers(refused)
    assert answer.ephemeral
