"""What the record says about one claim, as ``/claim`` shows it: who entered it by hand, each
correction of it once published ("corrected 2026-12-03: figure ~5,000 → ~6,000"), its
withdrawal with the reason and its restoring."""

from __future__ import annotations

from claims.model import Claim
from storage.protocols import Storage

__all__ = ["correction_note", "curation_notes"]

_SHOWN = 20


async def curation_notes(storage: Storage, claim: Claim) -> list[tuple[str, str]]:
    notes: list[tuple[str, str]] = []
    for entry in await storage.audit.entries(claim_id=claim.id, limit=500, oldest_first=True):
        day = entry.at.date().isoformat() if entry.at else ""
        if entry.action == "add":
            notes.append(("Entered", f"by hand {day}, by {entry.actor}"))
        elif entry.action == "retract":
            notes.append(("Withdrawn", f"{day}: {entry.after.get('reason', '')}"))
        elif entry.action == "restore":
            notes.append(("Restored", day))
        elif entry.action == "correct":
            changes = "; ".join(
                f"{k} {entry.before.get(k, '')} → {v}" for k, v in entry.after.items()
            )
            notes.append(("Corrected", f"{day}: {changes}"))
    return notes[-_SHOWN:]


async def correction_note(storage: Storage, claim: Claim) -> str:
    """The claim's last correction, for an alert or digest: ``corrected: figure ~5,000 →
    ~6,000``; empty when it was never corrected."""
    corrected = [
        text for label, text in await curation_notes(storage, claim) if label == "Corrected"
    ]
    return f"corrected {corrected[-1]}" if corrected else ""
