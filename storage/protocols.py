"""What a store promises, whatever database is behind it.

Handlers and the runtime depend on these protocols only; every backend passes the same contract
tests (tests/storage/).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Protocol

from claims.conflict import Conflict
from claims.filters import ClaimFilter
from claims.model import Appearance, Claim, Document
from claims.paging import Standing
from claims.schedule import Schedule
from claims.vocab import ClaimantSide, Metric, Party, Population, Status
from storage.curation import AuditStore, CurationStore
from storage.events import Signal

__all__ = [
    "AddResult",
    "ClaimStore",
    "ClaimantCount",
    "DocumentStore",
    "Feed",
    "FeedKind",
    "FeedStore",
    "Leadership",
    "OutboxRow",
    "OutboxState",
    "OutboxStore",
    "Outgoing",
    "Source",
    "Storage",
    "Subscription",
    "SubscriptionState",
    "SubscriptionStore",
]


@dataclass(frozen=True, slots=True)
class AddResult:
    """What adding claims did: new claims, and known claims that gained an appearance."""

    added: tuple[str, ...] = ()
    reappeared: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()
    document_id: int | None = None  # the document stored with the claims, when one was given
    new_document: bool = False  # False: that document was known, and nothing was stored


@dataclass(frozen=True, slots=True)
class Source:
    """An outlet and what Tally holds from it."""

    outlet: str
    claims: int
    last_published: date | None


@dataclass(frozen=True, slots=True)
class ClaimantCount:
    """A claimant and how many published claims Tally holds from them."""

    claimant: str
    side: str
    claims: int


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


class DocumentStore(Protocol):
    async def add(self, document: Document) -> tuple[int, bool]:
        """Store a document once; its id and whether it was new (same URL or text: not new)."""
        ...

    async def known(self, document: Document) -> int | None:
        """The id of the stored document with this URL or text, if there is one."""
        ...

    async def count(self) -> int: ...


class ClaimStore(Protocol):
    published: Signal
    """Raised after a commit that published claims."""

    async def add(
        self,
        claims: Sequence[Claim],
        document_id: int | None = None,
        *,
        document: Document | None = None,
    ) -> AddResult:
        """Store claims with their appearances; a known claim gains an appearance.

        With ``document``, the document is stored in the same transaction (all or nothing); when
        it is already known, nothing is stored and ``new_document`` is False.
        """
        ...

    async def count(self) -> int: ...

    async def publication_head(self) -> int:
        """The sequence number of the last publication; 0 before the first."""
        ...

    async def published_between(self, after: int, upto: int) -> list[tuple[int, Claim]]:
        """Claims published after ``after`` up to ``upto``, with their sequence numbers."""
        ...

    async def published_since(self, moment: datetime) -> int:
        """The sequence number of the last publication before ``moment``."""
        ...

    async def current(
        self,
        metric: Metric,
        *,
        party: Party | None = None,
        since: date | None = None,
        conflict: Conflict | None = None,
    ) -> list[Claim]:
        """Each claimant's latest published figure for a metric, with its first appearance.

        With ``conflict``, only claims that belong to it; ``since``, only figures that hold on
        or after that date.
        """
        ...

    async def standings(
        self,
        metric: Metric,
        conflict: Conflict,
        *,
        party: Party | None = None,
        population: Population | None = None,
        since: date | None = None,
    ) -> list[Standing]:
        """Every current figure for a metric in brief, each marked as inside the conflict or not.

        Cheap at any size: ``/estimates`` plans its page from these and reads whole only the
        claims it shows (``get``).
        """
        ...

    async def get(self, ids: Sequence[str]) -> list[Claim]:
        """Claims by full id, each with its first appearance, in the order asked."""
        ...

    async def find(self, prefix: str, limit: int = 5) -> list[Claim]:
        """Claims whose id starts with ``prefix``."""
        ...

    async def revisions(self, claim: Claim) -> list[Claim]:
        """The claimant's published figures in the claim's series, oldest first."""
        ...

    async def appearances(self, claim_id: str) -> list[Appearance]: ...

    async def history(
        self,
        metric: Metric,
        *,
        words: Sequence[str] = (),
        conflict: Conflict | None = None,
        limit: int = 20,
        offset: int = 0,
    ) -> list[Claim]:
        """Published figures of a metric, newest first; ``words`` must all occur in the claimant."""
        ...

    async def latest(self, limit: int, conflict: Conflict | None = None) -> list[Claim]:
        """The most recently added published claims, newest first."""
        ...

    async def sources(self) -> list[Source]: ...

    async def claimants(self, limit: int) -> list[ClaimantCount]:
        """Claimants with the most published claims first."""
        ...

    async def pending(self, limit: int, offset: int = 0) -> list[Claim]:
        """Claims waiting for review, oldest first, each with its first appearance."""
        ...

    async def pending_count(self) -> int: ...

    async def moderate(
        self, claim_id: str, status: Status | None, side: ClaimantSide | None = None
    ) -> Claim | None:
        """Publish or reject a pending claim (``status``) or correct its claimant side.
        Publishing links it into its series and raises ``published``. None: no such claim."""
        ...


class FeedKind(StrEnum):
    ARTICLES = "articles"  # RSS or Atom: each entry's page is fetched and read
    GENERAL_STAFF = "general-staff"  # the General Staff's daily series as JSON


@dataclass(frozen=True, slots=True)
class Feed:
    id: int
    url: str
    kind: FeedKind
    outlet: str = ""
    etag: str = ""
    last_modified: str = ""
    failures: int = 0
    last_error: str = ""
    next_poll_at: float = 0.0
    polled_at: float | None = None
    disabled: bool = False


class FeedStore(Protocol):
    async def add(self, url: str, kind: FeedKind, added_by: str, now: float) -> tuple[Feed, bool]:
        """Store a feed once; the feed and whether it was new."""
        ...

    async def all(self) -> list[Feed]: ...

    async def get(self, feed_id: int) -> Feed | None: ...

    async def remove(self, feed_id: int) -> bool: ...

    async def enable(self, feed_id: int, now: float) -> None:
        """A disabled feed polled again from now, its failures forgotten."""
        ...

    async def due(self, now: float) -> list[Feed]:
        """Enabled feeds whose next poll is due."""
        ...

    async def polled(
        self, feed_id: int, now: float, next_at: float, *, etag: str, last_modified: str
    ) -> None:
        """A successful poll: failures reset, validators kept for the next conditional GET."""
        ...

    async def failed(self, feed_id: int, error: str, next_at: float, *, disable: bool) -> Feed:
        """A failed poll: one more failure, the next try, and whether the feed is disabled."""
        ...

    async def unseen(self, feed_id: int, keys: Sequence[str]) -> list[str]:
        """Which of these entry keys the feed has not had yet, in the order given."""
        ...

    async def seen(self, feed_id: int, keys: Sequence[str], now: float) -> None: ...


class Leadership(Protocol):
    """A lock at most one process holds at a time, released when its holder dies."""

    async def acquire(self) -> bool:
        """Take the lock if it is free (never waits); True while this process holds it."""
        ...

    async def holding(self) -> bool:
        """Whether the lock is still ours; False once the hold on it was lost."""
        ...

    async def release(self) -> None: ...


class Storage(Protocol):
    @property
    def claims(self) -> ClaimStore: ...

    @property
    def documents(self) -> DocumentStore: ...

    @property
    def subscriptions(self) -> SubscriptionStore: ...

    @property
    def outbox(self) -> OutboxStore: ...

    @property
    def feeds(self) -> FeedStore: ...

    @property
    def audit(self) -> AuditStore: ...

    @property
    def curation(self) -> CurationStore: ...

    def leadership(self, name: str) -> Leadership:
        """The lock that elects the one process doing ``name`` (planning, polling feeds)."""
        ...

    async def close(self) -> None: ...
