"""What the moderators' commands need from the runtime to read documents: a boundary.

``/ingest`` hands a URL or pasted text to an ``Ingestion`` and shows its ``IngestReport``.
The runtime (``bot/ingest.py``) fetches, extracts and stores; handlers only ask and answer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

__all__ = ["IngestFailed", "IngestReport", "Ingestion"]


class IngestFailed(Exception):
    """The document could not be read: the message says why, for the moderator."""


@dataclass(frozen=True, slots=True)
class IngestReport:
    document_id: int
    new_document: bool
    outlet: str
    title: str = ""
    published: str = ""
    found: int = 0  # claims the extractor read
    added: tuple[str, ...] = ()  # new claims
    reappeared: tuple[str, ...] = ()  # known claims that gained this appearance
    published_now: bool = False  # the deployment publishes without review
    problems: tuple[str, ...] = field(default_factory=tuple)  # why figures were left out

    @property
    def left_out(self) -> str:
        """``1 figure left out: 9999999999999999999 is not a plausible count``, or ""."""
        if not self.problems:
            return ""
        count = len(self.problems)
        return f"{count} figure{'s' if count > 1 else ''} left out: " + "; ".join(self.problems)


class Ingestion(Protocol):
    async def ingest_url(self, url: str, *, by: str) -> IngestReport: ...

    async def ingest_text(self, text: str, *, by: str) -> IngestReport: ...

    async def ingest_document(
        self, text: str, *, outlet: str, url: str = "", title: str = "", published: str = ""
    ) -> IngestReport:
        """Text whose outlet, address, title and date are known (pasted with header lines)."""
        ...
