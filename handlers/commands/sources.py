"""/sources and /latest: where Tally's figures come from, and what arrived last."""

from __future__ import annotations

from handlers.context import Context
from handlers.parse import parse_number
from handlers.present import entry, party_name
from handlers.router import Form, Param, Router
from handlers.types import Block, Fields, Heading, Incoming, Reply, Text

__all__ = ["router"]

router = Router("sources")
LATEST_DEFAULT = 5
LATEST_MAX = 50
CLAIMANTS_SHOWN = 25


@router.command("sources")
async def sources(msg: Incoming, ctx: Context) -> Reply:
    """Where the figures come from: outlets and claimants, with how many claims each.

    Usage: /sources
    """
    outlets = await ctx.storage.claims.sources()
    claimants = await ctx.storage.claims.claimants(CLAIMANTS_SHOWN)
    if not outlets and not claimants:
        return Reply.text("No figures yet.")
    blocks: list[Block] = [Heading("Outlets")]
    blocks.append(
        Fields(
            tuple(
                (
                    s.outlet,
                    f"{s.claims} claims"
                    + (f", latest {s.last_published.isoformat()}" if s.last_published else ""),
                )
                for s in outlets
            )
        )
    )
    blocks.append(Heading("Claimants"))
    blocks.append(Fields(tuple((c.claimant, f"{c.side}, {c.claims} claims") for c in claimants)))
    if len(claimants) == CLAIMANTS_SHOWN:
        blocks.append(Text(f"The {CLAIMANTS_SHOWN} claimants with most claims.", muted=True))
    return Reply(tuple(blocks))


@router.command(
    "latest",
    params=(
        Param(
            "n",
            f"how many, 1 to {LATEST_MAX} (default {LATEST_DEFAULT})",
            form=Form.NUMBER,
            maximum=LATEST_MAX,
        ),
    ),
)
async def latest(msg: Incoming, ctx: Context) -> Reply:
    """The figures that arrived most recently.

    Usage: /latest [n]
    Example: /latest 10
    """
    n = (
        parse_number(msg.args[0], "n", LATEST_MAX, example="/latest 5")
        if msg.args
        else LATEST_DEFAULT
    )
    claims = await ctx.storage.claims.latest(n, ctx.conflict)
    blocks: list[Block] = [Heading(f"Latest {len(claims)} figures")]
    for claim in claims:
        blocks.append(
            Text(
                f"{claim.metric.value} · {party_name(claim.party)} · {claim.population.value}",
                muted=True,
            )
        )
        blocks.append(entry(claim))
    if not claims:
        blocks.append(Text("No figures yet."))
    return Reply(tuple(blocks))
