"""What the curation stores promise: the record of moderation, and changes to stored claims.

Every moderation action is an ``AuditEntry``: who (``platform:user``), when, what, which claim,
document or claimant, and the values before and after. Curation changes a stored claim in
place (its id is stable through edits), takes decisions back, and joins or renames claimants;
each change that touches a published claim is published again, marked, so subscribers' cursors
carry the correction or the withdrawal to their next alert or digest.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any, Protocol

from claims.model import Claim, Document
from claims.vocab import Status

__all__ = [
    "AuditEntry",
    "AuditStore",
    "ClaimantRow",
    "CurationStore",
    "PublicationNote",
]


class PublicationNote(StrEnum):
    """Why a claim is in the publication log: first published, or published again."""

    FIRST = ""
    CORRECTION = "correction"
    WITHDRAWAL = "withdrawal"
    RESTORED = "restored"


@dataclass(frozen=True, slots=True)
class AuditEntry:
    actor: str
    action: str
    claim_id: str | None = None
    document_id: int | None = None
    claimant: str | None = None
    before: Mapping[str, Any] = field(default_factory=dict)
    after: Mapping[str, Any] = field(default_factory=dict)
    at: datetime | None = None  # set by the store when recorded
    id: int = 0

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "at": self.at.isoformat() if self.at else None,
            "actor": self.actor,
            "action": self.action,
            "claim": self.claim_id,
            "document": self.document_id,
            "claimant": self.claimant,
            "before": dict(self.before),
            "after": dict(self.after),
        }


class AuditStore(Protocol):
    async def record(self, entry: AuditEntry) -> AuditEntry:
        """Store the entry; it comes back with its id and time."""
        ...

    async def entries(
        self,
        *,
        since: datetime | None = None,
        claim_id: str | None = None,
        limit: int = 20,
        oldest_first: bool = False,
    ) -> list[AuditEntry]:
        """The newest entries (or the oldest since ``since``), for one claim when given."""
        ...


@dataclass(frozen=True, slots=True)
class ClaimantRow:
    """A claimant as one identity: its key, the names it is written with, its sides."""

    key: str
    names: tuple[str, ...]
    sides: tuple[str, ...]
    claims: int


class CurationStore(Protocol):
    async def update(self, claim: Claim, entry: AuditEntry | None = None) -> Claim:
        """Store the claim's new values under its id; series and links recomputed; a published
        claim's change is published again as a correction. ``entry`` is recorded with it."""
        ...

    async def set_status(
        self,
        claim_id: str,
        status: Status,
        note: PublicationNote,
        entry: AuditEntry | None = None,
    ) -> Claim:
        """Move a claim to ``status``; series relinked; published again with ``note`` unless
        the note is FIRST and it was published before. ``entry`` is recorded with it."""
        ...

    async def nearby(self, claim: Claim, days: int = 7) -> list[Claim]:
        """Stored claims that may be the same figure: same claimant key, metric and party, as-of
        within ``days``."""
        ...

    async def claimants(self, words: Sequence[str] = (), limit: int = 30) -> list[ClaimantRow]: ...

    async def merge_claimants(self, key: str, into: str, entry: AuditEntry | None = None) -> int:
        """Join ``key``'s claims into ``into``'s series (and later ingested ones); how many."""
        ...

    async def rename_claimant(self, key: str, name: str, entry: AuditEntry | None = None) -> int:
        """Write every claim of ``key`` with the new display name; how many."""
        ...

    async def document(self, document_id: int) -> Document | None:
        """A stored document with its text ('' when it was stored before texts were kept)."""
        ...

    async def document_claims(self, document_id: int) -> list[Claim]:
        """The claims read from a document, each with that document's appearance."""
        ...

    async def redate_document(self, document_id: int, outlet: str, published: date | None) -> None:
        """Correct a document's outlet and date, and its appearances'."""
        ...

    async def merged_key(self, key: str) -> str:
        """The key a claimant key was merged into, or itself."""
        ...
