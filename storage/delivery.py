"""What the delivery stores promise: subscriptions (who is told what, and when) and the
outbox (each message to send, sent once, retried until it is sent or given up).

Part of the stores' contract in storage/protocols.py, which names them with the others.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Protocol

from claims.filters import ClaimFilter
from claims.schedule import Schedule
from storage.events import Signal

__all__ = [
    "OutboxRow",
    "OutboxState",
    "OutboxStore",
    "Outgoing",
    "Subscription",
    "SubscriptionState",
    "SubscriptionStore",
]


class SubscriptionState(StrEnum):
    ACTIVE = "active"
    PAUSED = "paused"


@dataclass(frozen=True, slots=True)
class Subscription:
    """A chat's standing order: which figures, and when (``schedule`` None: instantly).

    ``cursor`` is the last publication (claims.publication_head) the chat has been told about;
    ``last_slot`` the last digest period planned, so a restart never plans one twice.
    """

    id: int
    chat: str  # a ChatRef string, so any adapter can deliver
    filter: ClaimFilter
    schedule: Schedule | None
    cursor: int
    last_slot: datetime | None = None
    state: SubscriptionState = SubscriptionState.ACTIVE
    pause_reason: str = ""
    created_by: str = ""

    @property
    def instant(self) -> bool:
        return self.schedule is None

    @property
    def active(self) -> bool:
        return self.state is SubscriptionState.ACTIVE


class OutboxState(StrEnum):
    QUEUED = "queued"
    SENDING = "sending"  # leased by a worker until due_at
    SENT = "sent"
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class Outgoing:
    """A message to enqueue: ``dedupe_key`` makes enqueueing it again a no-op."""

    dedupe_key: str
    target: str  # a ChatRef string
    platform: str
    kind: str  # alert, digest or notice
    body: str  # the reply, encoded (handlers.wire)
    subscription: int | None = None


@dataclass(frozen=True, slots=True)
class OutboxRow:
    id: int
    dedupe_key: str
    target: str
    platform: str
    kind: str
    body: str
    subscription: int | None
    state: OutboxState
    attempts: int
    due_at: float
    error: str
    created_at: float
    sent_at: float | None


class SubscriptionStore(Protocol):
    changed: Signal

    async def add(
        self,
        chat: str,
        filter: ClaimFilter,
        schedule: Schedule | None,
        *,
        created_by: str = "",
        last_slot: datetime | None = None,
    ) -> tuple[Subscription, bool]:
        """Subscribe a chat from the current publication on; an identical one is returned as is."""
        ...

    async def get(self, subscription_id: int) -> Subscription | None: ...

    async def for_chat(self, chat: str) -> list[Subscription]: ...

    async def all(self, *, active_only: bool = True) -> list[Subscription]: ...

    async def remove(self, chat: str, ids: Sequence[int] | None = None) -> int:
        """Remove a chat's subscriptions (those ids, or all); how many went."""
        ...

    async def pause(self, ids: Sequence[int], reason: str) -> None: ...

    async def pause_chat(self, chat: str, reason: str) -> int: ...

    async def resume(self, chat: str, subscription_id: int, cursor: int | None) -> bool:
        """Make a paused subscription active; ``cursor``, when given, skips what it missed."""
        ...

    async def move_chat(self, old: str, new: str) -> int:
        """Point a chat's subscriptions and settings at its new address."""
        ...

    async def timezone(self, chat: str) -> str | None: ...

    async def set_timezone(self, chat: str, zone: str) -> None: ...


class OutboxStore(Protocol):
    queued: Signal

    async def enqueue(
        self,
        messages: Sequence[Outgoing],
        *,
        now: float,
        cursors: Mapping[int, tuple[int, datetime | None]] | None = None,
    ) -> int:
        """Add messages (a known dedupe key is skipped) and, in the same transaction, move
        subscriptions' cursors and last slots: a crash keeps both or neither. New rows' count."""
        ...

    async def due(self, platforms: Sequence[str], now: float, limit: int) -> list[OutboxRow]:
        """Rows ready to send, oldest first, at most one per target (a chat's order holds)."""
        ...

    async def lease(
        self, row_ids: Sequence[int], owner: str, now: float, until: float
    ) -> list[int]:
        """Take due rows until ``until``; the ids taken (another worker may hold the rest)."""
        ...

    async def sent(self, row_ids: Sequence[int], now: float) -> None: ...

    async def retry(self, row_id: int, due_at: float, error: str) -> None: ...

    async def fail(self, row_id: int, error: str) -> None: ...

    async def fail_target(self, target: str, error: str) -> int:
        """Give up every waiting row for a chat that cannot be reached."""
        ...

    async def retarget(self, old: str, new: str) -> int: ...

    async def prune(self, sent_before: float) -> int: ...

    async def counts(self) -> dict[OutboxState, int]: ...

    async def rows(self, state: OutboxState, limit: int) -> list[OutboxRow]:
        """Rows in a state, the most recent first (for ``tally outbox``)."""
        ...

    async def delivered(self, target: str) -> list[OutboxRow]:
        """Sent rows for a chat, oldest first."""
        ...
