"""Tab in the console: what fits the word being typed, at every place in a command."""

from __future__ import annotations

from handlers.line_completion import complete_line
from tests.conftest import Chat


async def tab(chat: Chat, line: str) -> list[str]:
    return await complete_line(chat.router, chat.context, line, ("/quit",))


async def test_the_first_word_completes_to_a_command(chat: Chat) -> None:
    assert (await tab(chat, "/est"))[0] == "/estimates"
    assert (await tab(chat, "est"))[0] == "/estimates"
    assert "/quit" in await tab(chat, "/qu")
    assert "/help" in await tab(chat, "")


async def test_a_metric_completes_from_its_start_or_an_alias(chat: Chat) -> None:
    assert await tab(chat, "/estimates wou") == ["wounded"]
    assert await tab(chat, "/ESTIMATES WOU") == ["wounded"]
    assert (await tab(chat, "/estimates dead"))[0] == "killed"


async def test_a_party_completes_from_any_of_its_names(chat: Chat) -> None:
    assert (await tab(chat, "/estimates killed dpr"))[0] == "north_korea"
    assert (await tab(chat, "/estimates killed dprk"))[0] == "north_korea"
    assert (await tab(chat, "/estimates killed ukr"))[0] == "ukraine"


async def test_after_the_arguments_come_the_keywords_and_flags_not_yet_used(chat: Chat) -> None:
    after_party = await tab(chat, "/estimates killed russia ")
    assert {"military", "civilian", "since", "all"} <= set(after_party)
    assert "russia" not in after_party
    assert await tab(chat, "/estimates killed russia s") == ["since"]
    after_all = await tab(chat, "/estimates killed all ")
    assert {"russia", "since"} <= set(after_all)  # a flag fills no place
    assert "all" not in after_all
    dated = await tab(chat, "/estimates killed since 2022-06-01 ")
    assert "since" not in dated
    assert {"russia", "all"} <= set(dated)


async def test_a_keywords_value_is_completed_as_that_value(chat: Chat) -> None:
    assert await tab(chat, "/estimates killed since ") == []  # a date: nothing to offer
    assert "Europe/Kyiv" in await tab(chat, "/settings tz Europe/Ky")


async def test_a_command_name_as_an_argument_and_words_that_fit_nothing(chat: Chat) -> None:
    assert (await tab(chat, "/help est"))[0] == "estimates"
    assert await tab(chat, "/nosuchcommand ki") == []
    assert await tab(chat, "/estimates zzzzzz") == []
