"""The adapter contract: a name, ``run(dispatch)`` or ``hold()`` until cancelled, and ``send``.

``send`` raises ``RetryLater(delay)`` or ``PermanentFailure(reason)`` (claims.errors); nothing
else about a platform crosses this line.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Protocol

from handlers.types import ChatRef, Incoming, Reply

__all__ = ["Adapter", "Capabilities", "Complete", "Dispatch"]

Dispatch = Callable[[Incoming], Awaitable[Reply]]
Complete = Callable[[str, str, str], Awaitable[list[str]]]
"""(command, argument, typed so far) -> suggestions, for platforms that autocomplete."""


@dataclass(frozen=True, slots=True)
class Capabilities:
    max_length: int | None = None
    images: bool = False
    buttons: bool = False


class Adapter(Protocol):
    name: str
    capabilities: Capabilities

    async def run(self, dispatch: Dispatch) -> None:
        """Receive messages and answer them until cancelled (or, for the console, until quit)."""
        ...

    async def hold(self) -> None:
        """Keep what ``send`` needs (a logged-in client) until cancelled, receiving nothing: for
        a process that delivers the outbox while others answer."""
        ...

    async def send(self, target: ChatRef, reply: Reply) -> None:
        """Deliver an unsolicited reply (an alert or a digest) to a chat."""
        ...
