"""The terminal chat: type commands, read replies. Needs no token and no network.

At a terminal it has line editing, history kept across sessions and Tab completion of every
word of a command (prompt_toolkit, asking ``complete`` for what fits), and opens with a first
screen of a few lines about where it runs. With piped input it reads lines as they come, so
scripts and tests drive it the same way. Typing a button's label ("more") presses it.
"""

from __future__ import annotations

import asyncio
import getpass
import sys
import threading
from collections.abc import AsyncGenerator, AsyncIterator, Awaitable, Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from bot.adapters.base import Capabilities, Dispatch
from bot.render.plain import render_plain
from handlers.parse import parse_command
from handlers.types import Button, ChatKind, ChatRef, Incoming, Reply, UserRef

if TYPE_CHECKING:
    from prompt_toolkit.completion import CompleteEvent, Completer, Completion
    from prompt_toolkit.document import Document

__all__ = ["CONSOLE_CHAT", "QUIT", "ConsoleAdapter", "LineCompleter", "console_incoming"]

CONSOLE_CHAT = ChatRef("console", "local", ChatKind.PRIVATE)
QUIT = {"/quit", "/exit", "quit", "exit"}

LineCompleter = Callable[[str], Awaitable[list[str]]]
"""What fits the last word of a typed line ("" when it ends in a space), best first."""


def console_incoming(text: str, user: UserRef) -> Incoming:
    """A typed line as an Incoming; text that is not a command has an empty command."""
    parsed = parse_command(text)
    if parsed is None:
        return Incoming(CONSOLE_CHAT, user, "", tuple(text.split()))
    name, args = parsed
    return Incoming(CONSOLE_CHAT, user, name, args)


async def _piped_lines(stream: TextIO) -> AsyncIterator[str]:
    """Lines from a non-terminal stream, read on a daemon thread so exit never waits on it."""
    loop = asyncio.get_running_loop()
    queue: asyncio.Queue[str | None] = asyncio.Queue()

    def pump() -> None:
        for line in stream:
            loop.call_soon_threadsafe(queue.put_nowait, line.rstrip("\n"))
        loop.call_soon_threadsafe(queue.put_nowait, None)

    threading.Thread(target=pump, name="console-stdin", daemon=True).start()
    while (line := await queue.get()) is not None:
        yield line


def _tab_completer(complete: LineCompleter) -> Completer:
    """prompt_toolkit's completer over ``complete``: each suggestion replaces the word typed."""
    from prompt_toolkit.completion import Completer, Completion

    class _LineCompleter(Completer):
        def get_completions(
            self, document: Document, complete_event: CompleteEvent
        ) -> list[Completion]:
            return []  # prompt_async asks get_completions_async below

        async def get_completions_async(
            self, document: Document, complete_event: CompleteEvent
        ) -> AsyncGenerator[Completion, None]:
            line = document.text_before_cursor
            word = "" if not line or line[-1].isspace() else line.split()[-1]
            for found in await complete(line):
                yield Completion(found, start_position=-len(word))

    return _LineCompleter()


async def _terminal_lines(history: Path, complete: LineCompleter | None) -> AsyncIterator[str]:
    from prompt_toolkit import PromptSession
    from prompt_toolkit.history import FileHistory

    history.parent.mkdir(parents=True, exist_ok=True)
    completer = _tab_completer(complete) if complete is not None else None
    session: PromptSession[str] = PromptSession(
        history=FileHistory(str(history)),
        completer=completer,
        complete_while_typing=False,  # Tab asks; no menu pops up under every word typed
    )
    while True:
        try:
            yield await session.prompt_async("tally> ")
        except KeyboardInterrupt:
            continue
        except EOFError:
            return


class ConsoleAdapter:
    name = "console"
    capabilities = Capabilities(max_length=None, images=False, buttons=False)

    def __init__(
        self,
        *,
        history: Path,
        complete: LineCompleter | None = None,
        first_screen: Sequence[str] = (),
        stdin: TextIO | None = None,
        stdout: TextIO | None = None,
        interactive: bool | None = None,
    ) -> None:
        self._stdin = stdin or sys.stdin
        self._stdout = stdout or sys.stdout
        self._interactive = self._stdin.isatty() if interactive is None else interactive
        self._history = history.expanduser()
        self._complete = complete
        self._first_screen = first_screen
        self._user = UserRef(getpass.getuser(), "you", is_chat_admin=True, is_moderator=True)
        self._buttons: tuple[Button, ...] = ()

    def _lines(self) -> AsyncIterator[str]:
        if self._interactive:
            return _terminal_lines(self._history, self._complete)
        return _piped_lines(self._stdin)

    async def run(self, dispatch: Dispatch) -> None:
        """Answer typed commands until the user quits or input ends."""
        if self._interactive:
            self._write(
                "\n".join(
                    ["Tally console. Type /help for commands, /quit to leave.", *self._first_screen]
                )
            )
        async for raw in self._lines():
            line = raw.strip()
            if not line:
                continue
            if line.lower() in QUIT:
                return
            pressed = next((b for b in self._buttons if b.label.lower() == line.lower()), None)
            incoming = console_incoming(pressed.command if pressed else line, self._user)
            reply = await dispatch(incoming)
            self._buttons = reply.buttons
            self._write(render_plain(reply))

    async def hold(self) -> None:
        await asyncio.Event().wait()  # sending needs nothing held open

    async def send(self, target: ChatRef, reply: Reply) -> None:
        self._write(render_plain(reply))

    def _write(self, text: str) -> None:
        self._stdout.write(text + "\n\n")
        self._stdout.flush()
