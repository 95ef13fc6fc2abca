"""A claim as a moderator reviews it: the figure with its hedge, what it counts and whose
people, when, who says it and their side, the kind, where and when it was reported, the quote
with the figure marked, and the stored claims it may duplicate (same claimant, metric and
party, as-of within a week)."""

from __future__ import annotations

from claims.model import Claim
from handlers.context import Context
from handlers.present import entry, party_name, when
from handlers.types import Block, Fields, Quote, Text

__all__ = ["review_card"]


def _marked(quote: str, claim: Claim) -> str:
    """The quote with the figure as written marked: ``... that »5,300« Russian soldiers``."""
    written = claim.value_text
    if written and written in quote:
        return quote.replace(written, f"»{written}«", 1)
    return quote


async def review_card(ctx: Context, claim: Claim) -> list[Block]:
    """A pending claim in full, for a moderator to decide on."""
    written = claim.value_text
    reported = " · ".join(
        x for x in (claim.outlet, claim.published.isoformat() if claim.published else "") if x
    )
    pairs = [
        ("Counts", f"{claim.metric.value}: {party_name(claim.party)} · {claim.population.value}"),
        ("Claimant", f"{claim.claimant} (side: {claim.claimant_side.value})"),
        ("Kind", claim.kind.value),
        ("Reported", reported or "—"),
    ]
    if written and written != claim.figure:
        pairs.insert(0, ("As written", written))
    if claim.caveat:
        pairs.append(("Caveat", claim.caveat))
    blocks: list[Block] = [entry(claim), Fields(tuple(pairs))]
    if claim.quote:
        blocks.append(Quote(_marked(claim.quote, claim), claim.outlet))
    close = await ctx.storage.curation.nearby(claim)
    if close:
        same = ", ".join(f"#{c.short_id} ({c.figure}, {when(c)}, {c.status.value})" for c in close)
        blocks.append(Text(f"Possibly the same as {same}", muted=True))
    return blocks
