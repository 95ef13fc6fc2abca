"""What every moderators' command shares: the check, finding a claim by id, and the record.

Only moderators (MODERATORS) curate; everyone else is told so. Each action is recorded with
who did it as ``platform:user``, what it touched and the values before and after.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from claims.corrections import Change
from claims.errors import UserError
from claims.model import Claim
from claims.vocab import Status
from handlers.context import Context
from handlers.parse import clip
from handlers.types import Incoming
from storage.curation import AuditEntry, PublicationNote

__all__ = [
    "actor",
    "claim_by_id",
    "entry_for",
    "move_claim",
    "record",
    "require_moderator",
    "store_changes",
    "withdrawal_reasons",
]

_ID = re.compile(r"^#?([0-9a-f]{6,32})$")


def require_moderator(msg: Incoming) -> None:
    if not msg.user.is_moderator:
        raise UserError(
            "Only Tally's moderators can do that. The deployment names them in MODERATORS."
        )


def actor(msg: Incoming) -> str:
    """Who did it, as the record keeps it: ``telegram:12345``."""
    return f"{msg.chat.platform}:{msg.user.id}"


async def claim_by_id(ctx: Context, word: str) -> Claim:
    m = _ID.match(word.lower())
    if not m:
        raise UserError(f"'{clip(word)}' is not a claim id; /review and /estimates show them.")
    found = await ctx.storage.claims.find(m.group(1), limit=3)
    if not found:
        raise UserError(f"No claim has the id '{clip(word)}'.")
    if len(found) > 1:
        raise UserError(f"'{clip(word)}' matches several claims; give more characters.")
    return found[0]


def entry_for(
    ctx: Context,
    msg: Incoming,
    action: str,
    *,
    claim_id: str | None = None,
    document_id: int | None = None,
    claimant: str | None = None,
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
) -> AuditEntry:
    """The record of an action, for a store to write in the same transaction as the action."""
    return AuditEntry(
        actor(msg),
        action,
        claim_id,
        document_id,
        claimant,
        dict(before or {}),
        dict(after or {}),
        at=ctx.clock(),
    )


async def move_claim(
    ctx: Context,
    msg: Incoming,
    claim: Claim,
    to: Status,
    note: PublicationNote,
    **more_after: str,
) -> Claim:
    """Move a claim to ``to``, recorded (status before and after) in the same transaction."""
    on_record = entry_for(
        ctx,
        msg,
        msg.command,
        claim_id=claim.id,
        before={"status": claim.status.value},
        after={"status": to.value, **more_after},
    )
    return await ctx.storage.curation.set_status(claim.id, to, note, on_record)


async def store_changes(
    ctx: Context, msg: Incoming, claim: Claim, changed: Claim, changes: Sequence[Change]
) -> Claim:
    """Store ``changed`` over ``claim``, recorded as a correction (of a published claim) or an
    edit, with each changed field's value before and after, in the same transaction."""
    on_record = entry_for(
        ctx,
        msg,
        "correct" if claim.status is Status.PUBLISHED else "edit",
        claim_id=claim.id,
        before={c.field: c.before for c in changes},
        after={c.field: c.after for c in changes},
    )
    return await ctx.storage.curation.update(changed, on_record)


async def record(
    ctx: Context,
    msg: Incoming,
    action: str,
    *,
    claim_id: str | None = None,
    document_id: int | None = None,
    claimant: str | None = None,
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
) -> None:
    """Record an action done by a store that takes no entry of its own."""
    await ctx.storage.audit.record(
        entry_for(
            ctx, msg, action, claim_id=claim_id, document_id=document_id, claimant=claimant,
            before=before, after=after,
        )
    )  # fmt: skip


async def withdrawal_reasons(ctx: Context, claims: Sequence[Claim]) -> dict[str, str]:
    """Why each withdrawn claim among ``claims`` was withdrawn, from the record."""
    reasons = {}
    for claim in claims:
        if claim.status is Status.WITHDRAWN:
            for entry in await ctx.storage.audit.entries(claim_id=claim.id, limit=20):
                if entry.action == "retract":
                    reasons[claim.id] = str(entry.after.get("reason", ""))
                    break
    return reasons
