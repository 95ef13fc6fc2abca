"""Commands register on a router with a decorator; the docstring is the help text.

Each feature module has its own ``Router``; ``handlers.commands.build_router`` includes them
all. ``dispatch`` turns every outcome into a ``Reply``: a ``UserError`` becomes its message,
anything else is logged with its traceback and answered with an apology.
"""

from __future__ import annotations

import inspect
import logging
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass

from claims.errors import UserError
from handlers.context import Context
from handlers.parse import suggest
from handlers.types import Incoming, Reply

__all__ = ["Command", "Handler", "Param", "Router"]

log = logging.getLogger(__name__)

Handler = Callable[[Incoming, Context], Awaitable[Reply]]


@dataclass(frozen=True, slots=True)
class Param:
    """A declared argument, for usage lines and platforms with typed options (slash commands)."""

    name: str
    description: str
    choices: tuple[str, ...] = ()
    required: bool = False


@dataclass(frozen=True, slots=True)
class Command:
    name: str
    handler: Handler
    help: str
    params: tuple[Param, ...] = ()
    aliases: tuple[str, ...] = ()

    @property
    def summary(self) -> str:
        """The docstring's first line: the command's one-line description."""
        return self.help.splitlines()[0] if self.help else self.name

    @property
    def usage(self) -> str:
        parts = [f"/{self.name}"]
        for p in self.params:
            parts.append(f"<{p.name}>" if p.required else f"[{p.name}]")
        return " ".join(parts)


class Router:
    def __init__(self, name: str = "") -> None:
        self.name = name
        self._commands: dict[str, Command] = {}
        self._aliases: dict[str, str] = {}

    def command(
        self, name: str, *, params: tuple[Param, ...] = (), aliases: tuple[str, ...] = ()
    ) -> Callable[[Handler], Handler]:
        def register(handler: Handler) -> Handler:
            self._add(Command(name, handler, inspect.getdoc(handler) or "", params, aliases))
            return handler

        return register

    def _add(self, command: Command) -> None:
        for word in (command.name, *command.aliases):
            if word in self._commands or word in self._aliases:
                raise ValueError(f"command /{word} is registered twice")
        self._commands[command.name] = command
        self._aliases.update(dict.fromkeys(command.aliases, command.name))

    def include(self, other: Router) -> None:
        for command in other:
            self._add(command)

    def __iter__(self) -> Iterator[Command]:
        return iter(self._commands.values())

    def get(self, word: str) -> Command | None:
        word = word.lower()
        return self._commands.get(self._aliases.get(word, word))

    async def dispatch(self, incoming: Incoming, ctx: Context) -> Reply:
        if not incoming.command:
            return Reply.text("I answer commands: try /estimates killed, or /help for all of them.")
        command = self.get(incoming.command)
        try:
            if command is None:
                raise suggest("command", incoming.command, sorted(self._commands), prefix="/")
            return await command.handler(incoming, ctx)
        except UserError as exc:
            return Reply.text(str(exc), error=True)
        except Exception:
            log.exception("/%s failed", incoming.command)
            return Reply.text(
                "Sorry, something went wrong on my side answering that. It has been logged.",
                error=True,
            )
