"""/reingest: read a stored document again with corrected metadata, keeping every decision.

A document pasted without its date was dated the day it was pasted, and every "last week" in
it with it. Read again with the right date (and outlet), each figure still found keeps its
claim: its id, its status (approved, rejected, withdrawn) and every field a moderator set; only
what the document's date decides (as-of, window, when it was said) changes, as an edit or a
correction. Figures found only now wait for review.
"""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import date

from claims.corrections import diff
from claims.dates import parse_partial
from claims.errors import UserError
from claims.extract.extractor import extract
from claims.model import Claim
from claims.numbers import plausible_count
from claims.text import one_line
from claims.vocab import DatePrecision, Status
from handlers.context import Context
from handlers.moderators import record, require_moderator, store_changes
from handlers.parse import clip, parse_number
from handlers.router import Form, Param, Router
from handlers.types import Block, Button, Fields, Heading, Incoming, Reply, Text

__all__ = ["router"]

router = Router("reingest")
_EXAMPLE = "/reingest 12 date 2024-02-19 outlet Kyiv Independent"


def _options(words: list[str]) -> tuple[str, str]:
    """``date D`` and ``outlet words...`` in either order."""
    day, outlet, key = "", [], ""
    for word in words:
        if word.lower() in ("date", "outlet"):
            key = word.lower()
        elif key == "date" and not day:
            day = word
        elif key == "outlet":
            outlet.append(word)
        else:
            raise UserError(f"'{clip(word)}' is neither a date nor an outlet, e.g. {_EXAMPLE}")
    return day, one_line(" ".join(outlet))


def _dated(claim: Claim, found: Claim) -> Claim:
    """The stored claim with what the document's date decides taken from the new reading."""
    return replace(
        claim,
        as_of=found.as_of,
        as_of_precision=found.as_of_precision,
        period_start=found.period_start,
        period_end=found.period_end,
        stated_at=found.stated_at,
        outlet="",  # the appearances move with the document
        series="",
    )


def _match(stored: list[Claim], found: Claim) -> Claim | None:
    for claim in stored:
        if claim.metric is found.metric and (
            (claim.span is not None and claim.span == found.span)
            or (claim.quote == found.quote and claim.value_text == found.value_text)
        ):
            return claim
    return None


@router.command(
    "reingest",
    params=(
        Param("document", "the document's number from /ingest", required=True, form=Form.NUMBER),
        Param("metadata", "date YYYY-MM-DD and/or outlet <name>", form=Form.WORDS),
    ),
)
async def reingest(msg: Incoming, ctx: Context) -> Reply:
    """Read a stored document again with its right date or outlet, keeping decisions (moderators).

    Each figure still found keeps its claim, status and every moderator's edit; figures found
    only now wait for review.

    Usage: /reingest <document> [date YYYY-MM-DD] [outlet <name>]
    Example: /reingest 12 date 2024-02-19 outlet Kyiv Independent
    """
    require_moderator(msg)
    if not msg.args:
        raise UserError(f"Which document, read with what? e.g. {_EXAMPLE}")
    number = parse_number(msg.args[0].lstrip("#"), "document number", example=_EXAMPLE)
    document = await ctx.storage.curation.document(number)
    if document is None:
        raise UserError(f"There is no document #{number}; /ingest reports each one's number.")
    if not document.text:
        raise UserError(
            f"Document #{number} was stored before Tally kept texts; it cannot be read again."
        )
    day_text, outlet = _options(list(msg.args[1:]))
    try:
        day, precision = (
            parse_partial(day_text) if day_text else (document.published, DatePrecision.DAY)
        )
    except ValueError:
        raise UserError(
            f"date '{clip(day_text)}' is not a date — write YYYY-MM-DD, YYYY-MM or YYYY."
        ) from None
    published: date = day or ctx.clock().date()
    outlet = outlet or document.outlet
    found = await asyncio.to_thread(
        extract, document.text, published, outlet, url=document.url, title=document.title,
        precision=precision, war_start=ctx.conflict.start, status=Status.PENDING,
    )  # fmt: skip
    found = [c for c in found if plausible_count(c.low) and plausible_count(c.high)]
    stored = await ctx.storage.curation.document_claims(number)
    await ctx.storage.curation.redate_document(number, outlet, published)
    kept: list[Claim] = []
    new: list[Claim] = []
    for claim in found:
        match = _match(stored, claim)
        if match is None:
            new.append(claim)
            continue
        stored.remove(match)
        kept.append(match)
        changed = _dated(match, claim)
        changes = diff(match, replace(changed, outlet=match.outlet))
        if changes:
            await store_changes(ctx, msg, match, changed, changes)
    result = await ctx.storage.claims.add(new, number) if new else None
    added = result.added if result else ()
    await record(
        ctx,
        msg,
        "reingest",
        document_id=number,
        before={"outlet": document.outlet, "published": str(document.published or "")},
        after={"outlet": outlet, "published": published.isoformat(), "kept": len(kept),
               "new": len(added), "not found": len(stored)},
    )  # fmt: skip
    blocks: list[Block] = [
        Heading(f"Read again: document #{number}"),
        Fields(
            (
                ("Outlet", outlet),
                ("Published", published.isoformat()),
                ("Kept", f"{len(kept)} (decisions kept: {_statuses(kept)})"),
                ("New", f"{len(added)} (waiting for review)"),
                ("Not found now", ", ".join(c.short_id for c in stored) or "none"),
            )
        ),
    ]
    if stored:
        blocks.append(
            Text(
                "Claims not found now keep their status; /retract or /reject them if wrong.",
                muted=True,
            )
        )
    return Reply(tuple(blocks), (Button("Review", "/review"),) if added else ())


def _statuses(claims: list[Claim]) -> str:
    counts: dict[str, int] = {}
    for claim in claims:
        counts[claim.status.value] = counts.get(claim.status.value, 0) + 1
    return ", ".join(f"{n} {s}" for s, n in counts.items()) or "none"
