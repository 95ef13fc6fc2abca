"""/claimants, /merge and /rename: moderators keep each claimant one identity.

A claimant is its key (``claims.claimants``): the same person or body written two ways is one
key and one series. When the rules cannot tell, a moderator joins two keys (their claims one
series, "replaced" worked out again, and figures ingested later join too) or renames one.
"""

from __future__ import annotations

from claims.errors import UserError
from claims.model import claimant_key
from handlers.context import Context
from handlers.moderators import entry_for, require_moderator
from handlers.parse import clip
from handlers.router import Form, Param, Router
from handlers.types import Fields, Heading, Incoming, Reply, Text
from storage.curation import ClaimantRow

__all__ = ["router"]

router = Router("claimants")
LIMIT = 30


@router.command(
    "claimants",
    params=(Param("words", "words of a claimant's name", form=Form.WORDS),),
)
async def claimants(msg: Incoming, ctx: Context) -> Reply:
    """The claimants Tally holds, each with its names as written, side and claims (moderators).

    Usage: /claimants [words]
    The first column is the claimant's id for /merge and /rename.
    Example: /claimants shoigu
    """
    require_moderator(msg)
    words = [w.lower() for w in msg.args]
    found = await ctx.storage.curation.claimants(words, LIMIT)
    if not found:
        return Reply.text("No claimant matches." if words else "No claimants yet.")
    rows = tuple(
        (r.key, f"{' / '.join(r.names)} ({', '.join(r.sides)}) — {_claims(r.claims)}")
        for r in found
    )
    return Reply((Heading("Claimants"), Fields(rows)))


async def _claimant(ctx: Context, words: str) -> ClaimantRow:
    """A claimant by its id from /claimants, its name as written, or words only it matches."""
    words = words.strip().strip('"')
    every = await ctx.storage.curation.claimants((), 100_000)
    for wanted in (words.lower(), claimant_key(words)):
        for row in every:
            if row.key == wanted or any(n.lower() == words.lower() for n in row.names):
                return row
    found = await ctx.storage.curation.claimants(words.lower().split(), 5)
    if len(found) == 1:
        return found[0]
    if not found:
        raise UserError(f"No claimant is '{clip(words)}'; /claimants lists them.")
    listing = ", ".join(r.key for r in found)
    raise UserError(f"'{clip(words)}' could be {listing}; give the id from /claimants.")


@router.command(
    "merge",
    params=(Param("claimants", "<id or name> into <id or name>", required=True, form=Form.WORDS),),
)
async def merge(msg: Incoming, ctx: Context) -> Reply:
    """Join two claimants into one: their claims one series, "replaced" recomputed (moderators).

    Usage: /merge <id or name> into <id or name>
    Figures ingested later under the first name join the same series.
    Example: /merge ministry-defence-russia into sergei-shoigu
    """
    require_moderator(msg)
    words = list(msg.args)
    lowered = [w.lower() for w in words]
    if "into" not in lowered:
        raise UserError("Say which into which: /merge <id or name> into <id or name>")
    cut = lowered.index("into")
    if not cut or cut == len(words) - 1:
        raise UserError("Say which into which: /merge <id or name> into <id or name>")
    source = await _claimant(ctx, " ".join(words[:cut]))
    target = await _claimant(ctx, " ".join(words[cut + 1 :]))
    if source.key == target.key:
        raise UserError(f"{source.key} and {target.key} are already one claimant.")
    on_record = entry_for(
        ctx,
        msg,
        "merge",
        claimant=source.key,
        before={"claimant": source.key, "names": list(source.names)},
        after={"claimant": target.key, "claims": source.claims},
    )
    moved = await ctx.storage.curation.merge_claimants(source.key, target.key, on_record)
    return Reply(
        (
            Text(f"Merged {source.key} into {target.key}: {_claims(moved)} joined its series."),
            Text("/history shows the series with what each figure replaced.", muted=True),
        )
    )


@router.command(
    "rename",
    params=(
        Param("claimant", "the claimant's id from /claimants", required=True),
        Param("name", "the name to show", required=True, form=Form.WORDS),
    ),
)
async def rename(msg: Incoming, ctx: Context) -> Reply:
    """Show a claimant under a new name on every claim (moderators).

    Usage: /rename <id> <new name>
    Example: /rename sergei-shoigu Sergei Shoigu, Russian Defence Minister
    """
    require_moderator(msg)
    if len(msg.args) < 2:
        raise UserError(
            "Give the claimant's id and the new name: /rename sergei-shoigu Sergei Shoigu"
        )
    row = await _claimant(ctx, msg.args[0])
    name = " ".join(msg.args[1:]).strip().strip('"')
    on_record = entry_for(
        ctx,
        msg,
        "rename",
        claimant=row.key,
        before={"names": list(row.names)},
        after={"name": name},
    )
    changed = await ctx.storage.curation.rename_claimant(row.key, name, on_record)
    return Reply.text(f"{row.key} is now shown as '{name}' on {_claims(changed)}.")


def _claims(count: int) -> str:
    return f"{count} claim" if count == 1 else f"{count} claims"
