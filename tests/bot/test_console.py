"""The terminal chat: typed lines in, rendered replies out."""

from __future__ import annotations

import io
from pathlib import Path

from bot.adapters.console import ConsoleAdapter
from handlers.types import Incoming, Reply
from tests.bot.test_cli import tally
from tests.conftest import Chat


async def typed(chat: Chat, lines: str, seen: list[Incoming] | None = None) -> str:
    """What the console prints when ``lines`` are typed into it."""
    out = io.StringIO()
    console = ConsoleAdapter(
        history=Path("unused-history"), stdin=io.StringIO(lines), stdout=out, interactive=False
    )

    async def dispatch(incoming: Incoming) -> Reply:
        if seen is not None:
            seen.append(incoming)
        return await chat.router.dispatch(incoming, chat.context)

    await console.run(dispatch)
    return out.getvalue()


async def test_the_console_answers_each_line_until_quit(chat: Chat) -> None:
    text = await typed(chat, "/estimates killed\n\n/quit\n/help\n")
    assert text.startswith("Killed: latest figure of each claimant")
    assert "Commands" not in text


async def test_typing_a_buttons_label_presses_it(chat: Chat) -> None:
    chat.context.page_size = 2
    seen: list[Incoming] = []
    text = await typed(chat, "/estimates killed\nmore\n", seen)
    assert [i.args for i in seen] == [("killed",), ("killed", "page", "2")]
    assert "[More: /estimates killed page 2]" in text


def test_the_console_process_reads_piped_commands(tmp_path: Path) -> None:
    result = tally(tmp_path, "console", stdin="/estimates casualties\n/claim 0000\nexit\n")
    assert result.returncode == 0, result.stderr
    assert "an American official" in result.stdout
    assert "No claim has the id '0000'" in result.stdout


def test_run_without_tokens_opens_the_console(tmp_path: Path) -> None:
    result = tally(tmp_path, "run", stdin="/start\n")
    assert result.returncode == 0, result.stderr
    assert "I keep track of claims about war casualty figures" in result.stdout
