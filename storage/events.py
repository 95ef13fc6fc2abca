"""Signals a store raises after a commit: claims published, subscriptions changed, messages
queued.

A listener is a plain callable, called on the event loop right after the commit; it must not
block (a planner or a worker sets an event and returns). On PostgreSQL a signal is also relayed
to every other process sharing the database (NOTIFY), where it arrives through ``receive``.
Processes also poll, so nothing depends on a signal arriving.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

__all__ = ["Signal"]

log = logging.getLogger(__name__)


class Signal:
    def __init__(self, name: str) -> None:
        self.name = name
        self._listeners: list[Callable[[], None]] = []
        self.relay: Callable[[], None] | None = None
        """Tells the other processes, when the backend can."""

    def connect(self, listener: Callable[[], None]) -> None:
        self._listeners.append(listener)

    def disconnect(self, listener: Callable[[], None]) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def emit(self) -> None:
        """Raised by this process: its listeners, then the other processes."""
        self.receive()
        if self.relay is not None:
            self.relay()

    def receive(self) -> None:
        """Raised here or by another process: call this process's listeners."""
        for listener in list(self._listeners):
            try:
                listener()
            except Exception:  # one broken listener must not stop the commit's caller
                log.exception("a listener of %s failed", self.name)
