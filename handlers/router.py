"""Commands register on a router with a decorator; the docstring is the help text.

Each feature module has its own ``Router``; ``handlers.commands.build_router`` includes them
all. ``dispatch`` turns every outcome into a ``Reply``: a ``UserError`` becomes its message,
a database that is locked or out of reach for now a one-line "try again in a moment", and
anything else is logged with its traceback and answered with an apology.
"""

from __future__ import annotations

import inspect
import logging
from collections.abc import Awaitable, Callable, Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum

from claims.errors import UserError
from handlers.context import Context
from handlers.parse import clean, rank, suggest
from handlers.types import Incoming, Reply
from storage.faults import DatabaseUnavailable

__all__ = ["COMPLETIONS", "Command", "Completer", "Form", "Handler", "Param", "Router"]

log = logging.getLogger(__name__)

Handler = Callable[[Incoming, Context], Awaitable[Reply]]
Completer = Callable[[str, Context], Awaitable[list[str]]]
"""Suggestions for what a user has typed so far into one argument, best first."""

UNAVAILABLE = "The database is busy or out of reach just now; try again in a moment."

COMPLETIONS = 25
"""At most this many suggestions (Discord's limit for autocomplete)."""


class Form(StrEnum):
    """How an argument is written among the command's words."""

    WORD = "word"  # one word as typed: killed
    WORDS = "words"  # free text, any number of words: nato shoigu
    KEYWORD = "keyword"  # after its own name: since 2022-06-01
    FLAG = "flag"  # yes or no; yes writes its name: all
    NUMBER = "number"  # a whole number from 1


@dataclass(frozen=True, slots=True)
class Param:
    """A declared argument, for usage lines and platforms with typed options (slash commands)."""

    name: str
    description: str
    choices: tuple[str, ...] = ()
    required: bool = False
    form: Form = Form.WORD
    complete: Completer | None = None
    maximum: int | None = None  # a number's largest value, for platforms with typed options

    def words(self, value: object) -> list[str]:
        """The words a typed option stands for in the command's text."""
        if value is None or value is False or value == "":
            return []
        if self.form is Form.FLAG:
            return [self.name]
        text = clean(str(value)).split()  # typed options skip parse_command's cleaning
        return [self.name, *text] if self.form is Form.KEYWORD else text

    def __str__(self) -> str:
        shown = f"{self.name} <{self.name}>" if self.form is Form.KEYWORD else self.name
        return f"<{shown}>" if self.required else f"[{shown}]"


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
        return " ".join([f"/{self.name}", *(str(p) for p in self.params)])

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)

    def words(self, options: Mapping[str, object]) -> tuple[str, ...]:
        """A platform's typed options as the words the handler reads, in declared order."""
        return tuple(word for p in self.params for word in p.words(options.get(p.name)))


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

    async def complete(self, command: str, param: str, typed: str, ctx: Context) -> list[str]:
        """Suggestions for one argument of one command, given what has been typed so far."""
        found = self.get(command)
        declared = found.param(param) if found is not None else None
        if declared is None:
            return []
        try:
            if declared.complete is not None:
                return (await declared.complete(typed, ctx))[:COMPLETIONS]
        except Exception:
            log.exception("completing /%s %s failed", command, param)
            return []
        return rank(typed, declared.choices)[:COMPLETIONS]

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
        except DatabaseUnavailable as exc:
            log.warning("/%s: %s", incoming.command, exc)
            return Reply.text(UNAVAILABLE, error=True)
        except Exception:
            log.exception("/%s failed", incoming.command)
            return Reply.text(
                "Sorry, something went wrong on my side answering that. It has been logged.",
                error=True,
            )
