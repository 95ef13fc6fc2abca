"""Discord slash commands generated from the router's registry.

Each ``Command`` becomes an ``app_commands.Command`` with its docstring's first line as the
description and one typed option per ``Param``: a yes/no option for a flag, a whole number
from 1 to the parameter's maximum for a number, text otherwise; a closed vocabulary of at
most 25 words as choices, and autocomplete wherever the parameter has a completer.
discord.py reads options from a callback's signature, so each callback is given one built
from the parameters.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any, Optional

import discord
from discord import app_commands

from handlers.router import COMPLETIONS, Command, Form, Param

__all__ = ["OnSlash", "Suggest", "build_commands"]

OnSlash = Callable[[discord.Interaction[Any], Command, dict[str, Any]], Awaitable[None]]
Suggest = Callable[[str, str, str], Awaitable[list[str]]]
SlashCommand = app_commands.Command[Any, ..., None]

MAX_CHOICES = 25
MAX_DESCRIPTION = 100
MAX_CHOICE = 100  # characters of a choice's name and value
MAX_INTEGER = 2**53  # the largest value Discord lets an integer option take
_NAME = re.compile(r"^[a-z0-9_-]{1,32}$")


def build_commands(
    commands: tuple[Command, ...], on_slash: OnSlash, suggest: Suggest
) -> list[SlashCommand]:
    """One slash command per registered command whose name Discord accepts."""
    return [_slash(c, on_slash, suggest) for c in commands if _NAME.fullmatch(c.name)]


def _annotation(param: Param) -> Any:
    if param.form is Form.FLAG:
        kind: Any = bool
    elif param.form is Form.NUMBER:
        kind = app_commands.Range[int, 1, min(param.maximum or MAX_INTEGER, MAX_INTEGER)]
    else:
        kind = str
    return kind if param.required else Optional[kind]  # noqa: UP045 (evaluated at runtime)


def _signature(command: Command) -> inspect.Signature:
    interaction = inspect.Parameter(
        "interaction", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=discord.Interaction
    )
    options = [
        inspect.Parameter(
            p.name,
            inspect.Parameter.KEYWORD_ONLY,
            annotation=_annotation(p),
            default=inspect.Parameter.empty if p.required else None,
        )
        for p in command.params
    ]
    return inspect.Signature([interaction, *options])


def _completer(
    command: str, param: str, suggest: Suggest
) -> Callable[[discord.Interaction[Any], str], Coroutine[Any, Any, list[app_commands.Choice[str]]]]:
    async def complete(
        interaction: discord.Interaction[Any], current: str
    ) -> list[app_commands.Choice[str]]:
        found = await suggest(command, param, current)
        return [
            app_commands.Choice(name=v[:MAX_CHOICE], value=v[:MAX_CHOICE])
            for v in found[:COMPLETIONS]
        ]

    return complete


def _slash(command: Command, on_slash: OnSlash, suggest: Suggest) -> SlashCommand:
    async def callback(interaction: discord.Interaction[Any], **options: Any) -> None:
        await on_slash(interaction, command, options)

    callback.__signature__ = _signature(command)  # type: ignore[attr-defined]
    callback.__name__ = callback.__qualname__ = command.name
    params = command.params
    if params:
        described = {p.name: p.description[:MAX_DESCRIPTION] or p.name for p in params}
        callback = app_commands.describe(**described)(callback)
    choices = {
        p.name: [app_commands.Choice(name=c[:MAX_CHOICE], value=c[:MAX_CHOICE]) for c in p.choices]
        for p in params
        if p.choices and p.complete is None and len(p.choices) <= MAX_CHOICES
    }
    if choices:
        callback = app_commands.choices(**choices)(callback)
    completed = {p.name: _completer(command.name, p.name, suggest) for p in params if p.complete}
    if completed:
        callback = app_commands.autocomplete(**completed)(callback)
    return app_commands.Command(
        name=command.name,
        description=command.summary[:MAX_DESCRIPTION],
        callback=callback,
    )
