"""Strange numbers and text typed into Discord's options get one line, not the apology.

A text option carries what the user typed as it is (4,301 digits, a lone surrogate escaped in
the interaction's JSON); a number option is bounded where the command declares a maximum.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from storage import Storage
from tests.bot.test_discord import ALICE, GENERAL, Bot, running, world
from tests.fakes.discord_api import DiscordEmulator

APOLOGY = "Sorry, something went wrong"


@pytest.fixture
async def bot(seeded: Storage) -> AsyncIterator[Bot]:
    async with DiscordEmulator() as api:
        world(api)
        async with running(api, seeded) as running_bot:
            yield running_bot


async def _answer(bot: Bot, command: str, **options: object) -> str:
    interaction = await bot.api.slash(GENERAL, ALICE, command, **options)
    [answer] = await bot.api.answers(interaction)
    return answer.text


async def test_4301_digits_in_an_option_are_answered_in_one_line(bot: Bot) -> None:
    text = await _answer(bot, "feeds", action="remove", target="9" * 4301)
    assert APOLOGY not in text
    assert "there is no feed number 999" in text
    assert len(text.splitlines()) == 1
    assert len(text) < 300


async def test_a_lone_surrogate_in_an_option_is_dropped(bot: Bot) -> None:
    text = await _answer(bot, "estimates", metric="kil\ud800led")
    assert APOLOGY not in text
    assert "\ud800" not in text
    assert bot.seen[-1].args == ("killed",)


def test_number_options_declare_their_bounds(bot: Bot) -> None:
    declared = {c["name"]: c for c in bot.api.commands[None]}
    [n] = declared["latest"]["options"]
    [page] = declared["review"]["options"]
    assert (n["min_value"], n["max_value"]) == (1, 50)
    assert (page["min_value"], page["max_value"]) == (1, 100_000)
