"""In-process signals a store raises after a commit: claims published, subscriptions changed,
messages queued.

A listener is a plain callable, called on the event loop right after the commit; it must not
block (a planner or a worker sets an event and returns). Processes that share a database also
poll (SQLite) or listen for notifications (PostgreSQL), so nothing depends on a signal arriving.
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

    def connect(self, listener: Callable[[], None]) -> None:
        self._listeners.append(listener)

    def disconnect(self, listener: Callable[[], None]) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def emit(self) -> None:
        for listener in list(self._listeners):
            try:
                listener()
            except Exception:  # one broken listener must not stop the commit's caller
                log.exception("a listener of %s failed", self.name)
