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


def _text(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _changes(before: Mapping[str, Any], after: Mapping[str, Any]) -> str:
    """``figure 5,300 → ~6,000, reason denied``: each value before and after."""
    parts = []
    for key in dict.fromkeys([*before, *after]):
        if key in before and key in after:
            parts.append(f"{key} {_text(before[key])} → {_text(after[key])}")
        elif key in after:
            parts.append(f"{key} {_text(after[key])}")
        else:
            parts.append(f"{key} was {_text(before[key])}")
    return ", ".join(parts)


def describe(entry: AuditEntry) -> tuple[str, str]:
    """One row of the log: when and who, then what and its before and after."""
    when = entry.at.strftime("%Y-%m-%d %H:%M") if entry.at else ""
    what = entry.action
    if entry.claim_id:
        what += f" {entry.claim_id[:8]}"
    elif entry.claimant:
        what += f" {entry.claimant}"
    elif entry.document_id:
        what += f" document #{entry.document_id}"
    if changes := _changes(entry.before, entry.after):
        what += f": {changes}"
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
