"""The one exception tree of Tally.

It lives in the lowest layer so that every layer above can raise and catch the same types::

    TallyError
    ├── UserError            shown to the user as it is: bad input, unknown words, no rights
    ├── StorageError         the database cannot be used (corrupt, newer schema): said at start-up
    │   └── DatabaseUnavailable  (storage.faults) locked elsewhere or out of reach for now:
    │                            loops wait it out, a command is told to try again
    └── DeliveryError        an adapter could not deliver a reply
        ├── RetryLater       transient: try again after ``delay`` seconds
        ├── ChatMoved        the chat has a new address (a group became a supergroup)
        └── PermanentFailure the target cannot be reached (blocked, kicked, gone)

Anything else that escapes a handler is a bug: it is logged with its traceback and the user gets
a short apology, never the traceback.
"""

from __future__ import annotations

__all__ = [
    "ChatMoved",
    "DeliveryError",
    "PermanentFailure",
    "RetryLater",
    "StorageError",
    "TallyError",
    "UserError",
]


class TallyError(Exception):
    """Base of every error Tally raises on purpose."""


class UserError(TallyError):
    """Something the user asked for cannot be done; the message says what would work."""


class StorageError(TallyError):
    """The database file cannot be opened or is not one this version understands."""


class DeliveryError(TallyError):
    """A message could not be delivered by an adapter."""


class RetryLater(DeliveryError):
    """The platform asked us to slow down or failed transiently."""

    def __init__(self, delay: float, reason: str = "", *, backoff: bool = False) -> None:
        super().__init__(reason or f"retry in {delay:g} s")
        self.delay = delay
        self.reason = reason
        # True: a guess (a timeout, a server error), so repeated failures wait longer each time;
        # False: the platform said how long (a 429's retry_after)
        self.backoff = backoff


class ChatMoved(DeliveryError):
    """Nothing was delivered: the chat now lives at ``target`` (a ChatRef string).

    Whoever stored the old address updates it and sends again to the new one.
    """

    def __init__(self, target: str) -> None:
        super().__init__(f"the chat moved to {target}")
        self.target = target


class PermanentFailure(DeliveryError):
    """The target can no longer be reached; retrying will not help."""

    def __init__(self, reason: str, *, reachable: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        # the chat itself can still be written to; only this message cannot (e.g. no right to
        # post photos there), so a short notice can say what happened
        self.reachable = reachable
