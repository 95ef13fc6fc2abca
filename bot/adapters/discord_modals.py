"""Discord's modals for replies that carry a ``Form``: an Edit button on a review card opens
the claim's most corrected fields filled in, and ``/add`` opens its five inputs.

A modal is the first answer to an interaction (it cannot follow a deferral), at most five text
inputs; submitted, its values build the command the form describes, answered like any other.
"""

from __future__ import annotations

import secrets
from collections.abc import Awaitable, Callable
from typing import Any

import discord

from handlers.types import Form

__all__ = ["MAX_INPUTS", "FormModal"]

MAX_INPUTS = 5
_TITLE = 45
_LABEL = 45
_VALUE = 4000

Submitted = Callable[[discord.Interaction[Any], str], Awaitable[None]]


class FormModal(discord.ui.Modal):
    def __init__(self, form: Form, submitted: Submitted, *, timeout: float = 900.0) -> None:
        super().__init__(
            title=form.title[:_TITLE],
            timeout=timeout,
            custom_id=f"tally-form:{secrets.token_hex(8)}",
        )
        self._form = form
        self._submitted = submitted
        self._inputs: list[tuple[str, discord.ui.TextInput[Any]]] = []
        for field in form.fields[:MAX_INPUTS]:
            text = discord.ui.TextInput[Any](
                label=field.label[:_LABEL],
                default=field.value[:_VALUE] or None,
                required=False,
                style=discord.TextStyle.paragraph if field.long else discord.TextStyle.short,
                custom_id=field.name,
                max_length=_VALUE,
            )
            self.add_item(text)
            self._inputs.append((field.name, text))

    async def on_submit(self, interaction: discord.Interaction[Any]) -> None:
        values = {name: text.value for name, text in self._inputs}
        await self._submitted(interaction, self._form.command(values))
