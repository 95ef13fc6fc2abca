"""/edit and /add: moderators correct any field of a claim, or enter a figure by hand.

A claim keeps its id through edits, so links, buttons and ``/claim <id>`` keep working; its
series and "replaced" links are worked out again. Editing a published claim is a correction
(recorded as ``correct``): ``/claim`` shows it and subscribers who had the old figure get it in
their next alert or digest. A figure entered by hand is published at once, and the record
says who entered it.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import urlsplit

from claims.corrections import ADD_ONLY, DEFAULT_KIND, FIELDS, apply, diff, parse_figure
from claims.errors import UserError
from claims.model import Claim
from claims.vocab import ClaimantSide, Metric, Population, Status, lookup
from handlers.context import Context
from handlers.fields import add_form, edit_form, fields_help, prefilled, read_fields, value_of
from handlers.moderators import claim_by_id, record, require_moderator, store_changes
from handlers.parse import clip, parse_party, parse_url, parse_word, unknown_party
from handlers.present import entry
from handlers.router import Form, Param, Router
from handlers.types import Block, Button, Fields, Heading, Incoming, Reply, Text

__all__ = ["add_claim", "edit_claim", "router"]

router = Router("edit")
_EDIT_EXAMPLE = "/edit 4b6f918e metric killed party russia figure ~6,000 as-of 2022-09-21"
_ADD_EXAMPLE = (
    '/add ~6,000 killed russia military by "Sergei Shoigu, Russian Defence Minister" '
    "side russia as-of 2022-09-21 source https://example.org/article"
)
_ADD_HINT = f"Give the figure, the metric, whose people and who says it: {_ADD_EXAMPLE}"


def _form(claim: Claim) -> Reply:
    pairs = tuple((f.name, value_of(f, claim)) for f in FIELDS)
    return Reply(
        (
            Heading(f"Edit {claim.short_id} ({claim.status.value})"),
            Fields(pairs),
            Text("Change what is wrong and send it back:"),
            Text(prefilled(claim)),
            Text("Fields:\n" + fields_help(), muted=True),
        ),
        form=edit_form(claim),
    )


async def edit_claim(msg: Incoming, ctx: Context, claim: Claim, words: list[str]) -> Reply:
    """Apply the fields typed in ``words`` to ``claim``, store it, record it, answer."""
    values, _ = read_fields(words, example=_EDIT_EXAMPLE)
    try:
        changed = apply(claim, values)
    except ValueError as exc:
        raise UserError(f"That would not be a claim Tally can keep: {exc}.") from None
    changes = diff(claim, changed)
    if not changes:
        return Reply.text(f"Nothing to change: {claim.short_id} already reads so.")
    stored = await store_changes(ctx, msg, claim, changed, changes)
    what = "; ".join(str(c) for c in changes)
    if stored.status is Status.PUBLISHED:
        heading = f"Corrected {stored.short_id}: {what}"
        note = (
            "Subscribers who had the old figure get the correction in their next alert or digest."
        )
    else:
        heading, note = f"Edited {stored.short_id}: {what}", ""
    blocks: list[Block] = [Text(heading), entry(stored)]
    if note:
        blocks.append(Text(note, muted=True))
    buttons = (
        (Button(f"Approve {stored.short_id}", f"/approve {stored.short_id}"),)
        if stored.status is Status.PENDING
        else ()
    )
    return Reply(tuple(blocks), buttons)


@router.command(
    "edit",
    params=(
        Param("id", "a claim id", required=True),
        Param("fields", "field value ... e.g. figure ~6,000 metric killed", form=Form.WORDS),
    ),
)
async def edit(msg: Incoming, ctx: Context) -> Reply:
    """Correct any field of a claim, pending or published, several at once (moderators).

    Usage: /edit <id> <field> <value> [<field> <value> ...]
    Fields: metric, party, population, figure, claimant, side, kind, as-of, period, caveat,
    outlet. A value with commas or field words goes in double quotes. /edit <id> alone shows
    the claim's fields as a form to change and send back.
    Example: /edit 4b6f918e metric killed party russia figure ~6,000 as-of 2022-09-21
    """
    require_moderator(msg)
    if not msg.args:
        raise UserError(f"Which claim, and what to change? e.g. {_EDIT_EXAMPLE}")
    claim = await claim_by_id(ctx, msg.args[0])
    if len(msg.args) == 1:
        return _form(claim)
    return await edit_claim(msg, ctx, claim, list(msg.args[1:]))


def _head(words: list[str]) -> tuple[Any, Metric, list[str]]:
    if len(words) < 2:
        raise UserError(_ADD_HINT)
    try:
        figure = parse_figure(words[0])
    except ValueError:
        raise UserError(
            f"'{clip(words[0])}' is not a figure — write it as 6,000, ~6,000, >6,000, ≤6,000 "
            f"or 2,000-4,000, e.g. {_ADD_EXAMPLE}"
        ) from None
    return figure, parse_word(Metric, words[1], "metric"), words[2:]


def _whose(words: list[str]) -> tuple[dict[str, Any], list[str]]:
    """The party and population right after the metric ("north korea military"); the rest."""
    known = {f.name for f in (*FIELDS, *ADD_ONLY)} | {a for f in FIELDS for a in f.aliases}
    cut = next((i for i, w in enumerate(words) if w.lower() in known), len(words))
    head, rest = words[:cut], words[cut:]
    values: dict[str, Any] = {}
    if head and (population := lookup(Population, head[-1])) is not None:
        values["population"] = population
        head = head[:-1]
    if head:
        found = parse_party(head)
        if found is None or found[1] != len(head):
            raise unknown_party(" ".join(head))
        values["party"] = found[0]
    return values, rest


def _source(text: str) -> dict[str, str]:
    if text.lower().startswith(("http://", "https://")):
        url = parse_url(text, example="source https://example.org/article")
        return {"url": url, "outlet": urlsplit(url).hostname or url}
    return {"outlet": text}


async def add_claim(msg: Incoming, ctx: Context, words: list[str]) -> Reply:
    """Build a claim from ``/add``'s words, publish it, record it, answer."""
    (low, high, qualifier), metric, rest = _head(words)
    values, rest = _whose(rest)
    typed, pairs = read_fields(rest, (*FIELDS, *ADD_ONLY), example=_ADD_EXAMPLE)
    values.update(typed)
    if "party" not in values:
        raise UserError(f"Whose people? Name the party after the metric, e.g. {_ADD_EXAMPLE}")
    if "claimant" not in values:
        raise UserError(f'Who says it? Add by "<name>", e.g. {_ADD_EXAMPLE}')
    values.pop("claimant_key", None)
    if "source" in values:
        values.update(_source(values.pop("source")))
    given: dict[str, Any] = {
        "metric": metric,
        "low": low,
        "high": high,
        "qualifier": qualifier,
        "value_text": words[0],
        "population": Population.MIXED,
        "claimant_side": ClaimantSide.OTHER,
        "outlet": f"entered by {msg.user.name or msg.user.id}",
        **values,  # a field typed after the head wins
    }
    given.setdefault("kind", DEFAULT_KIND[given["claimant_side"]])
    today: date = ctx.clock().date()
    try:
        claim = Claim(**given, published=today, status=Status.PUBLISHED)
    except ValueError as exc:
        raise UserError(f"That is not a claim Tally can keep: {exc}.") from None
    known = await ctx.storage.claims.get([claim.id])
    if known:
        raise UserError(f"Tally already holds that claim: /claim {claim.short_id}")
    await ctx.storage.claims.add([claim])
    after = {f.name: f.show(claim) for f in FIELDS}
    after.update({f.name: text for f, text in pairs if f in ADD_ONLY})
    await record(ctx, msg, "add", claim_id=claim.id, after=after)
    [stored] = await ctx.storage.claims.get([claim.id])
    return Reply(
        (Text(f"Added and published {stored.short_id}, entered by you."), entry(stored)),
        (Button(f"Edit {stored.short_id}", f"/edit {stored.short_id}"),),
    )


@router.command(
    "add",
    params=(
        Param(
            "claim",
            "figure metric party [population] by <claimant> [field value ...]",
            form=Form.WORDS,
        ),
    ),
)
async def add(msg: Incoming, ctx: Context) -> Reply:
    """Enter a figure by hand; it is published at once, marked as entered by you (moderators).

    Usage: /add <figure> <metric> <party> [population] by "<claimant>" [side S] [kind K]
           [as-of DATE] [period A..B] [source URL-or-outlet] [quote "..."] [caveat "..."]
    After the figure and metric the fields come in any order; kind defaults from the side.
    Example: /add ~6,000 killed russia military by "Sergei Shoigu, Russian Defence Minister"
             side russia as-of 2022-09-21 source https://example.org/article
    """
    require_moderator(msg)
    if not msg.args:  # the form: Discord opens it as a modal
        return Reply(
            (Text(_ADD_HINT),),
            form=add_form(),
        )
    return await add_claim(msg, ctx, list(msg.args))
