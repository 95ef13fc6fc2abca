"""What a store promises, whatever database is behind it.

Handlers and the runtime depend on these protocols only; every backend passes the same contract
tests (tests/storage/).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from claims.conflict import Conflict
from claims.model import Appearance, Claim, Document
from claims.paging import Standing
from claims.vocab import Metric, Party, Population

__all__ = [
    "AddResult",
    "ClaimStore",
    "ClaimantCount",
    "DocumentStore",
    "Source",
    "Storage",
]


@dataclass(frozen=True, slots=True)
class AddResult:
    """What adding claims did: new claims, and known claims that gained an appearance."""

    added: tuple[str, ...] = ()
    reappeared: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()


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

    async def count(self) -> int: ...


class ClaimStore(Protocol):
    async def add(self, claims: Sequence[Claim], document_id: int | None = None) -> AddResult:
        """Store claims with their appearances; a known claim gains an appearance."""
        ...

    async def count(self) -> int: ...

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


class Storage(Protocol):
    @property
    def claims(self) -> ClaimStore: ...

    @property
    def documents(self) -> DocumentStore: ...

    async def close(self) -> None: ...
