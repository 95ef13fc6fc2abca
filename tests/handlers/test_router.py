from __future__ import annotations

import pytest

from handlers.parse import parse_command
from handlers.router import Param, Router
from handlers.types import ChatKind, ChatRef, Reply


def test_commands_are_registered_with_their_docstring_as_help() -> None:
    router = Router()

    @router.command("hello", params=(Param("name", "who", required=True),), aliases=("hi",))
    async def hello(*_: object) -> Reply:
        """Say hello.

        Longer text.
        """
        return Reply.text("hello")

    command = router.get("HI")
    assert command is not None
    assert command.summary == "Say hello."
    assert command.usage == "/hello <name>"


def test_a_command_name_cannot_be_registered_twice() -> None:
    router, other = Router(), Router()

    @router.command("x")
    async def one(*_: object) -> Reply:
        return Reply.text("1")

    @other.command("x")
    async def two(*_: object) -> Reply:
        return Reply.text("2")

    with pytest.raises(ValueError, match="registered twice"):
        router.include(other)


@pytest.mark.parametrize(
    ("text", "parsed"),
    [
        ("/estimates killed russia", ("estimates", ("killed", "russia"))),
        ("/Estimates@TallyBot killed", ("estimates", ("killed",))),
        ("/estimates@OtherBot killed", None),
        ("  /help  ", ("help", ())),
        ("estimates killed", None),
        ("/", None),
        ("", None),
    ],
)
def test_commands_are_read_from_text(text: str, parsed: tuple[str, tuple[str, ...]] | None) -> None:
    assert parse_command(text, bot_username="TallyBot") == parsed


@pytest.mark.parametrize(
    "ref",
    [
        ChatRef("telegram", "-1001234", ChatKind.GROUP, "17"),
        ChatRef("discord", "998877", ChatKind.CHANNEL),
        ChatRef("console", "local"),
    ],
)
def test_chat_references_round_trip_through_strings(ref: ChatRef) -> None:
    assert ChatRef.parse(str(ref)) == ref


@pytest.mark.parametrize("text", ["telegram", "telegram:group", "telegram:nope:1", "a:private:"])
def test_malformed_chat_references_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        ChatRef.parse(text)
