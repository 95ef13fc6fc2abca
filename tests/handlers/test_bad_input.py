"""Bad input gets a short answer that says what was wrong and what would work."""

from __future__ import annotations

import pytest

from handlers.types import Text
from tests.conftest import Chat


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        (
            "/estimates kiled",
            "unknown metric 'kiled' — did you mean killed? Metrics: killed, wounded, casualties,",
        ),
        (
            "/estimates killed rusia",
            "unknown party 'rusia' — did you mean russia?",
        ),
        (
            "/estimates killed north kora all",
            "unknown party 'north kora' — did you mean north_korea?",
        ),
        (
            "/estimates killed mordor",
            "unknown party 'mordor'. Name a country or people, e.g. russia, north_korea",
        ),
        ("/estimates killed since yesterday", "'yesterday' is not a date — write it as YYYY-MM-DD"),
        ("/estimates killed since", "'since' needs a value, e.g. since 2022-06-01"),
        ("/estimates killed page 0", "page must be a whole number from 1 to 1000"),
        ("/estimates", "Which figures? Give a metric"),
        ("/estimats killed", "unknown command '/estimats' — did you mean /estimates?"),
        ("/estimates killed russia ukraine", "I don't know what 'ukraine' means here"),
        ("hello there", "I answer commands"),
    ],
)
async def test_bad_input_is_answered_with_what_would_work(
    chat: Chat, command: str, expected: str
) -> None:
    reply = await chat.send(command)
    assert expected in (await chat.text(command))
    assert reply.error or command == "hello there"


async def test_a_word_with_no_close_match_lists_the_valid_ones(chat: Chat) -> None:
    text = await chat.text("/estimates zzzzzz")
    assert text.startswith("unknown metric 'zzzzzz'. Metrics: killed, wounded")


async def test_ten_thousand_characters_are_answered_and_not_echoed_whole(chat: Chat) -> None:
    reply = await chat.send("/estimates " + "x" * 10_000)
    assert reply.error
    text = await chat.text("/estimates " + "x" * 10_000)
    assert len(text) < 400


async def test_control_characters_never_reach_the_reply(chat: Chat) -> None:
    text = await chat.text("/estimates kil\x1b[31mled\x00\x07")
    assert "\x1b" not in text
    assert "\x00" not in text
    assert "\x07" not in text


async def test_markup_in_input_is_kept_as_plain_text_for_the_renderer(chat: Chat) -> None:
    reply = await chat.send("/estimates <b>killed</b>")
    [block] = reply.blocks
    assert isinstance(block, Text)
    assert "'<b>killed</b>'" in block.text


async def test_a_failing_handler_apologises_without_a_traceback(
    chat: Chat, caplog: pytest.LogCaptureFixture
) -> None:
    async def broken(*_: object, **__: object) -> int:
        raise RuntimeError("database on fire")

    chat.context.storage.claims.standings = broken  # type: ignore[method-assign, assignment]
    reply = await chat.send("/estimates killed")
    assert reply.error
    text = await chat.text("/estimates killed")
    assert "Sorry" in text
    assert "database on fire" not in text
    assert "database on fire" in caplog.text
