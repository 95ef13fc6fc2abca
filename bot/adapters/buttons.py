"""Button payloads: a command rides in the button itself when it fits the platform's limit
(so the button still works after a restart); a longer one rides as a short key remembered
while the bot runs. Rows lay buttons out the same way on every platform."""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Sequence

from handlers.types import Button

__all__ = ["ButtonCommands", "button_rows"]

KEPT = 10_000
"""Long commands remembered, the least recently sent forgotten first."""


class ButtonCommands:
    def __init__(self, limit: int) -> None:
        self._limit = limit  # bytes of payload the platform accepts
        self._long: OrderedDict[str, str] = OrderedDict()

    def payload(self, command: str) -> str:
        if len(command.encode()) <= self._limit:
            return command
        key = "#" + hashlib.sha256(command.encode()).hexdigest()[:20]
        self._long[key] = command
        self._long.move_to_end(key)
        while len(self._long) > KEPT:
            self._long.popitem(last=False)
        return key

    def command(self, payload: str) -> str | None:
        """The command a pressed button runs; None when it has been forgotten."""
        if payload.startswith("#"):
            return self._long.get(payload)
        return payload or None


def button_rows(
    buttons: Sequence[Button], width: int = 4, max_rows: int | None = None
) -> list[list[Button]]:
    """Buttons laid out in rows of ``width`` (a claim's approve, reject, side and edit buttons
    sit together); rows beyond ``max_rows`` join the last one."""
    rows = [list(buttons[i : i + width]) for i in range(0, len(buttons), width)]
    if max_rows is not None and len(rows) > max_rows:
        rows[max_rows - 1 :] = [[b for row in rows[max_rows - 1 :] for b in row]]
    return rows
