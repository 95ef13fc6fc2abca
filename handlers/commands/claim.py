"""/claim: one claim in full, with its quote, where it was reported and its revisions."""

from __future__ import annotations

import re
from dataclasses import replace

from claims.errors import UserError
from claims.model import SHORT_ID, Claim
from handlers.context import Context
from handlers.curation_notes import curation_notes
from handlers.parse import clip
from handlers.present import entry, party_name, when
from handlers.router import Param, Router
from handlers.types import Block, Fields, Heading, Incoming, Quote, Reply, Text

__all__ = ["router"]

router = Router("claim")
_ID = re.compile(r"^#?([0-9a-fA-F]{4,32})$")


def _summary(claim: Claim) -> str:
    return f"{claim.figure} {party_name(claim.party)} {claim.population.value} {claim.metric.value}"


def _fields(claim: Claim) -> Fields:
    pairs = [
        ("Claimant", f"{claim.claimant} ({claim.claimant_side.value}, {claim.kind.value})"),
        ("Holds for", when(claim)),
    ]
    if claim.value_text:
        pairs.append(("As written", claim.value_text))
    if claim.stated_at:
        pairs.append(("Stated", claim.stated_at.isoformat()))
    if claim.caveat:
        pairs.append(("Caveat", claim.caveat))
    pairs.append(("Status", claim.status.value))
    pairs.append(("Id", claim.id))
    return Fields(tuple(pairs))


@router.command("claim", params=(Param("id", "a claim id or its first characters", required=True),))
async def claim(msg: Incoming, ctx: Context) -> Reply:
    """One claim in full: quote, claimant, where it was reported, caveat and revisions.

    Usage: /claim <id>
    The id is the short code shown beside each figure (8 characters are enough).
    Example: /claim 4b6f918e
    """
    if len(msg.args) != 1 or not (m := _ID.match(msg.args[0])):
        given = f" '{clip(msg.args[0])}' is not one." if msg.args else ""
        raise UserError(
            f"Give one claim id, the {SHORT_ID}-character code shown beside a figure, "
            f"e.g. /claim 4b6f918e.{given}"
        )
    found = await ctx.storage.claims.find(m.group(1).lower(), limit=6)
    if not found:
        raise UserError(
            f"No claim has the id '{m.group(1)}'. Ids are shown beside each figure in "
            "/estimates and /latest."
        )
    if len(found) > 1:
        listing = ", ".join(f"{c.short_id} ({_summary(c)})" for c in found[:5])
        raise UserError(f"'{m.group(1)}' matches several claims: {listing}. Give more characters.")
    the_claim = found[0]
    blocks: list[Block] = [Heading(f"Claim {the_claim.short_id}"), Text(_summary(the_claim))]
    # the record's notes are more of the claim's fields, aligned with them
    record = await curation_notes(ctx.storage, the_claim)
    blocks.append(Fields(_fields(the_claim).pairs + tuple(record)))
    if the_claim.quote:
        blocks.append(Quote(the_claim.quote, the_claim.outlet))
    appearances = await ctx.storage.claims.appearances(the_claim.id)
    if appearances:
        blocks.append(Heading("Reported by"))
        rows = []
        for a in appearances:
            detail = " · ".join(
                x for x in (a.title, a.published.isoformat() if a.published else "", a.url) if x
            )
            rows.append((a.outlet, detail or "—"))
        blocks.append(Fields(tuple(rows)))
    revisions = await ctx.storage.claims.revisions(the_claim)
    if len(revisions) > 1:
        blocks.append(Heading("The claimant's figures in this series, newest first"))
        for revision in reversed(revisions):
            mark = "this claim" if revision.id == the_claim.id else ""
            blocks.append(replace(entry(revision), note=mark))
    return Reply(tuple(blocks))
