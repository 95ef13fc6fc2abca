"""/retract, /restore and /reopen: moderators take decisions back.

A retracted claim is withdrawn, not deleted: ``/claim`` and ``/history`` show it as withdrawn
with the reason, ``/estimates`` and spreads leave it out, and subscribers who got it are told
in their next alert or digest. ``/restore`` publishes it again; ``/reopen`` puts a rejected
claim back in the review queue.
"""

from __future__ import annotations

from claims.errors import UserError
from claims.vocab import Status
from handlers.context import Context
from handlers.moderators import claim_by_id, move_claim, require_moderator
from handlers.present import entry
from handlers.router import Form, Param, Router
from handlers.types import Button, Incoming, Reply, Text
from storage.curation import PublicationNote

__all__ = ["router"]

router = Router("curate")


@router.command(
    "retract",
    params=(
        Param("id", "a published claim's id", required=True),
        Param("reason", "why it is withdrawn", required=True, form=Form.WORDS),
    ),
)
async def retract(msg: Incoming, ctx: Context) -> Reply:
    """Withdraw a published claim, with the reason; it is kept and shown as withdrawn (moderators).

    Usage: /retract <id> <reason>
    The claim leaves /estimates and spreads; /claim and /history show it as withdrawn with the
    reason, and subscribers who got it are told in their next alert or digest.
    Example: /retract 4b6f918e the ministry denied the figure the next day
    """
    require_moderator(msg)
    if len(msg.args) < 2:
        raise UserError("Give the claim and why: /retract 4b6f918e the ministry denied it")
    claim = await claim_by_id(ctx, msg.args[0])
    if claim.status is not Status.PUBLISHED:
        raise UserError(
            f"{claim.short_id} is {claim.status.value}, not published: only a published claim "
            "is retracted."
        )
    reason = " ".join(msg.args[1:])
    changed = await move_claim(
        ctx, msg, claim, Status.WITHDRAWN, PublicationNote.WITHDRAWAL, reason=reason
    )
    return Reply(
        (Text(f"Withdrawn: {changed.short_id} ({reason})."), entry(changed)),
        (Button(f"Restore {changed.short_id}", f"/restore {changed.short_id}"),),
    )


async def _move(
    msg: Incoming, ctx: Context, came_from: Status, to: Status, note: PublicationNote
) -> Reply:
    require_moderator(msg)
    if not msg.args:
        raise UserError(f"Which claim? e.g. /{msg.command} 4b6f918e")
    claim = await claim_by_id(ctx, msg.args[0])
    if claim.status is not came_from:
        raise UserError(
            f"{claim.short_id} is {claim.status.value}; /{msg.command} takes a "
            f"{came_from.value} claim."
        )
    changed = await move_claim(ctx, msg, claim, to, note)
    return Reply((Text(f"{changed.short_id} is {to.value} again."), entry(changed)))


@router.command("restore", params=(Param("id", "a withdrawn claim's id", required=True),))
async def restore(msg: Incoming, ctx: Context) -> Reply:
    """Publish a withdrawn claim again (moderators).

    Usage: /restore <id>
    """
    return await _move(msg, ctx, Status.WITHDRAWN, Status.PUBLISHED, PublicationNote.RESTORED)


@router.command("reopen", params=(Param("id", "a rejected claim's id", required=True),))
async def reopen(msg: Incoming, ctx: Context) -> Reply:
    """Put a rejected claim back in the review queue (moderators).

    Usage: /reopen <id>
    """
    return await _move(msg, ctx, Status.REJECTED, Status.PENDING, PublicationNote.FIRST)
