"""/log: the record of moderation, newest first, with the values before and after."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from handlers.context import Context
from handlers.moderators import claim_by_id, require_moderator
from handlers.parse import parse_number
from handlers.router import Form, Param, Router
from handlers.types import Fields, Heading, Incoming, Reply
from storage.curation import AuditEntry

__all__ = ["describe", "router"]

router = Router("audit")
MAX_LOG = 200


def _values(values: Mapping[str, Any]) -> str:
    return ", ".join(f"{k} {json.dumps(v, ensure_ascii=False) if not isinstance(v, str) else v}"
                     for k, v in values.items())  # fmt: skip


def describe(entry: AuditEntry) -> tuple[str, str]:
    """One row of the log: when and who, then what and its before and after."""
    when = entry.at.strftime("%Y-%m-%d %H:%M") if entry.at else ""
    what = entry.action
    target = (
        entry.claim_id[:8]
        if entry.claim_id
        else entry.claimant or (f"document #{entry.document_id}" if entry.document_id else "")
    )
    if target:
        what += f" {target}"
    before, after = _values(entry.before), _values(entry.after)
    if before and after:
        what += f": {before} → {after}"
    elif after or before:
        what += f": {after or before}"
    return f"{when} {entry.actor}", what


@router.command(
    "log",
    params=(
        Param("n", "how many entries", form=Form.NUMBER, maximum=MAX_LOG),
        Param("claim", "a claim id"),
    ),
)
async def log(msg: Incoming, ctx: Context) -> Reply:
    """The record of moderation: who did what and when, with before and after (moderators).

    Usage: /log [n] [claim id]
    Example: /log 20 4b6f918e
    """
    require_moderator(msg)
    limit, claim_id = 20, None
    for word in msg.args:
        if word.isdigit() and len(word) < 4:
            limit = parse_number(word, "count", MAX_LOG, example="/log 20")
        else:
            claim_id = (await claim_by_id(ctx, word)).id
    found = await ctx.storage.audit.entries(claim_id=claim_id, limit=limit)
    if not found:
        return Reply.text("Nothing is on record yet.")
    heading = f"Record of claim {claim_id[:8]}" if claim_id else "Record of moderation"
    return Reply((Heading(heading), Fields(tuple(describe(e) for e in found))))
