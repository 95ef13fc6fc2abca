"""What a store promises, whatever database is behind it.

Handlers and the runtime depend on these protocols only; every backend passes the same contract
tests (tests/storage/). The delivery stores' types live in storage/delivery.py and the
curation stores' in storage/curation.py; the delivery names are exported here too.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Protocol

from claims.conflict import Conflict
from claims.model import Appearance, Claim, Document
from claims.paging import Standing
from claims.vocab import ClaimantSide, Metric, Party, Population, Status
from storage.curation import AuditStore, CurationStore
from storage.delivery import (
    OutboxRow,
    OutboxState,
    OutboxStore,
    Outgoing,
    Subscription,
    SubscriptionState,
    SubscriptionStore,
)
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
