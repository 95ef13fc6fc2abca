"""/ingest, /review, /approve, /reject, /side and /feeds: the moderators' commands.

Moderators are configured per platform (MODERATORS); everyone else is told so. Ingested
claims wait in the review queue, each shown in full with the sentence it was read from;
approving publishes a claim (subscribers hear of it), rejecting keeps it out of every answer,
and any field can be corrected (/edit, handlers/commands/edit.py). Every action is recorded.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, datetime

from claims.dates import parse_partial
from claims.errors import UserError
from claims.headers import Header, read_header
from claims.vocab import ClaimantSide, Status, lookup
from handlers.commands.edit import edit_claim
from handlers.context import Context
from handlers.ingestion import IngestFailed, IngestReport
from handlers.moderators import claim_by_id, entry_for, move_claim, record, require_moderator
from handlers.parse import clip, parse_number, parse_url, suggest
from handlers.present import entry
from handlers.review_card import review_card
from handlers.router import Form, Param, Router
from handlers.types import Block, Button, Fields, Heading, Incoming, Reply, Text
from storage.curation import PublicationNote
from storage.protocols import Feed, FeedKind

__all__ = ["router"]

router = Router("moderation")
REVIEW_PAGE = 5
REVIEW_MAX_PAGE = 100_000


def _report(report: IngestReport) -> Reply:
    name = report.title or report.outlet
    if not report.new_document:
        return Reply.text(
            f"Already ingested: '{name}' is document #{report.document_id}; nothing was added."
        )
    state = "published" if report.published_now else "waiting for review"
    lines = [
        ("Document", f"#{report.document_id} {name}"),
        ("Outlet", report.outlet),
        ("Published", report.published),
        ("Claims found", str(report.found)),
        ("New", f"{len(report.added)} ({state})"),
        ("Already known", f"{len(report.reappeared)} (this document added as an appearance)"),
    ]
    buttons = () if report.published_now or not report.added else (Button("Review", "/review"),)
    blocks: list[Block] = [Heading("Ingested"), Fields(tuple(lines))]
    if report.left_out:
        blocks.append(Text(report.left_out))
    return Reply(tuple(blocks), buttons)


async def _ingest_pasted(ctx: Context, text: str, by: str) -> IngestReport:
    """Pasted text, with what its header lines say (``outlet:``, ``date:``, ``url:``,
    ``title:``); a date that is not one is refused, never replaced by today."""
    assert ctx.ingestion is not None
    header = read_header(text)
    if header == Header(body=header.body):
        return await ctx.ingestion.ingest_text(text, by=by)
    if header.date:
        try:
            parse_partial(header.date)
        except ValueError:
            raise UserError(
                f"date: '{clip(header.date)}' is not a date — write YYYY-MM-DD, YYYY-MM or YYYY."
            ) from None
    url = parse_url(header.url, example="url: https://example.org/article") if header.url else ""
    return await ctx.ingestion.ingest_document(
        header.body,
        outlet=header.outlet or f"pasted by {by}",
        url=url,
        title=header.title,
        published=header.date,
    )


@router.command(
    "ingest",
    params=(
        Param(
            "source", "an article's http(s) address, or pasted text", required=True, form=Form.WORDS
        ),
    ),
)
async def ingest(msg: Incoming, ctx: Context) -> Reply:
    """Read an article's claims into the review queue (moderators).

    Usage: /ingest <url>   or   /ingest [outlet: O] [date: YYYY-MM-DD] [url: U] [title: T] <text>
    Header values of several words go in double quotes when another key does not follow.
    The page is fetched and its main text read; the same URL or text is never stored twice,
    and a claim already known gains this article as a new appearance.
    Example: /ingest https://example.org/news/casualties
    """
    require_moderator(msg)
    if ctx.ingestion is None:
        raise UserError("Ingestion is not available in this deployment.")
    if not msg.args:
        raise UserError("Give an article's address or paste its text: /ingest https://…")
    by = msg.user.name or msg.user.id
    try:
        if len(msg.args) == 1 and re.match(r"(?i)^https?://", msg.args[0]):
            url = parse_url(msg.args[0], example="/ingest https://example.org/news/casualties")
            report = await ctx.ingestion.ingest_url(url, by=by)
        else:
            report = await _ingest_pasted(ctx, " ".join(msg.args), by)
    except IngestFailed as exc:
        raise UserError(f"Could not ingest that: {exc}.") from exc
    if report.new_document:
        await record(
            ctx,
            msg,
            "ingest",
            document_id=report.document_id,
            after={"outlet": report.outlet, "published": report.published, "claims": report.found},
        )
    return _report(report)


@router.command(
    "review",
    params=(Param("page", "which page of the queue", form=Form.NUMBER, maximum=REVIEW_MAX_PAGE),),
)
async def review(msg: Incoming, ctx: Context) -> Reply:
    """Go through claims waiting for review, with the sentence each was read from (moderators).

    Usage: /review [page]
    Each claim has buttons to approve, reject or correct its claimant side; on the console
    type /approve <id>, /reject <id> or /side <id> <side>.
    """
    require_moderator(msg)
    page = 1
    if msg.args:
        page = parse_number(msg.args[0], "page", REVIEW_MAX_PAGE, example="/review 2")
    total = await ctx.storage.claims.pending_count()
    found = await ctx.storage.claims.pending(REVIEW_PAGE, (page - 1) * REVIEW_PAGE)
    if not found:
        return Reply.text("Nothing is waiting for review." if total == 0 else "No more claims.")
    blocks: list[Block] = [Heading(f"Waiting for review: {total}")]
    buttons: list[Button] = []
    for claim in found:
        blocks += await review_card(ctx, claim)
        short = claim.short_id
        buttons += [
            Button(f"Approve {short}", f"/approve {short}"),
            Button(f"Reject {short}", f"/reject {short}"),
            Button(f"Side {short}", f"/side {short}"),
            Button(f"Edit {short}", f"/edit {short}"),
        ]
    if total > page * REVIEW_PAGE:
        buttons.append(Button("More", f"/review {page + 1}"))
    return Reply(tuple(blocks), tuple(buttons))


_TAKE_BACK = {
    (Status.PUBLISHED, Status.REJECTED): "/retract {id} <reason> withdraws it",
    (Status.REJECTED, Status.PUBLISHED): "/reopen {id} puts it back in the queue",
    (Status.WITHDRAWN, Status.PUBLISHED): "/restore {id} publishes it again",
}


async def _moderate(msg: Incoming, ctx: Context, status: Status) -> Reply:
    require_moderator(msg)
    if not msg.args:
        raise UserError(f"Which claim? e.g. /{msg.command} 4b6f918e (ids are shown by /review).")
    done: list[Block] = []
    for word in msg.args:
        claim = await claim_by_id(ctx, word)
        if claim.status is not Status.PENDING:
            way = _TAKE_BACK.get((claim.status, status), "")
            way = f"; {way.format(id=claim.short_id)}" if way else ""
            done.append(Text(f"{claim.short_id} was already {claim.status.value}{way}."))
            continue
        changed = await move_claim(ctx, msg, claim, status, PublicationNote.FIRST)
        done.append(Text(f"{status.value.capitalize()}: {changed.short_id}"))
        done.append(entry(changed))
    left = await ctx.storage.claims.pending_count()
    buttons = (Button(f"Next ({left} left)", "/review"),) if left else ()
    return Reply(tuple(done), buttons)


@router.command(
    "approve", params=(Param("ids", "claim ids from /review", required=True, form=Form.WORDS),)
)
async def approve(msg: Incoming, ctx: Context) -> Reply:
    """Publish claims from the review queue (moderators); subscribers hear of them.

    Usage: /approve <id> [<id> ...]
    """
    return await _moderate(msg, ctx, Status.PUBLISHED)


@router.command(
    "reject", params=(Param("ids", "claim ids from /review", required=True, form=Form.WORDS),)
)
async def reject(msg: Incoming, ctx: Context) -> Reply:
    """Keep claims from the review queue out of every answer (moderators).

    Usage: /reject <id> [<id> ...]
    """
    return await _moderate(msg, ctx, Status.REJECTED)


@router.command(
    "side",
    params=(
        Param("id", "a claim id from /review", required=True),
        Param("side", "the claimant's side", choices=tuple(s.value for s in ClaimantSide)),
    ),
)
async def side(msg: Incoming, ctx: Context) -> Reply:
    """Correct the claimant side of a claim (moderators); on a published claim, a correction.

    Usage: /side <id> [ukraine|russia|usa|uk|nato|un|eu_state|independent|other]
    Without a side, offers each as a button.
    """
    require_moderator(msg)
    if not msg.args:
        raise UserError("Which claim? e.g. /side 4b6f918e nato")
    claim = await claim_by_id(ctx, msg.args[0])
    if len(msg.args) == 1:
        buttons = tuple(Button(s.value, f"/side {claim.short_id} {s.value}") for s in ClaimantSide)
        return Reply(
            (Text(f"{claim.claimant} is now '{claim.claimant_side.value}'. Pick the side:"),),
            buttons,
        )
    chosen = lookup(ClaimantSide, msg.args[1])
    if chosen is None:
        raise suggest("claimant side", msg.args[1], [s.value for s in ClaimantSide])
    if claim.status is Status.PUBLISHED:  # never silently: a correction, on record and sent
        return await edit_claim(msg, ctx, claim, ["side", chosen.value])
    on_record = entry_for(
        ctx,
        msg,
        "side",
        claim_id=claim.id,
        before={"side": claim.claimant_side.value},
        after={"side": chosen.value},
    )
    changed = await ctx.storage.curation.update(replace(claim, claimant_side=chosen), on_record)
    return Reply(
        (Text(f"{changed.claimant}: side set to {chosen.value}."), entry(changed)),
        (Button(f"Approve {changed.short_id}", f"/approve {changed.short_id}"),)
        if changed.status is Status.PENDING
        else (),
    )


def _feed_line(feed: Feed) -> tuple[str, str]:
    if feed.disabled:
        state = f"disabled after {feed.failures} failures: {feed.last_error}"
    elif feed.failures:
        state = f"failing ({feed.failures}): {feed.last_error}"
    elif feed.polled_at:
        state = "polled " + datetime.fromtimestamp(feed.polled_at, UTC).strftime(
            "%Y-%m-%d %H:%M UTC"
        )
    else:
        state = "not polled yet"
    return f"#{feed.id}", f"{feed.url} ({feed.kind.value}) — {state}"


@router.command(
    "feeds",
    params=(
        Param("action", "add, list or remove", choices=("add", "list", "remove")),
        Param("target", "a feed's URL (add) or id (remove)"),
        Param(
            "kind",
            "articles (RSS or Atom) or general-staff",
            choices=tuple(k.value for k in FeedKind),
        ),
    ),
)
async def feeds(msg: Incoming, ctx: Context) -> Reply:
    """The feeds Tally polls for new articles (moderators).

    Usage: /feeds list
           /feeds add <url> [articles|general-staff]
           /feeds remove <id>
    An RSS or Atom feed's new entries are fetched and their claims queued for review; a
    general-staff feed is a URL serving the General Staff's daily JSON series. A feed that
    keeps failing backs off and is disabled after repeated failures; adding it again
    re-enables it.
    """
    require_moderator(msg)
    action = msg.args[0].lower() if msg.args else "list"
    store = ctx.storage.feeds
    if action == "list":
        found = await store.all()
        if not found:
            return Reply.text("No feeds yet. Add one: /feeds add https://example.org/rss")
        return Reply((Heading("Feeds"), Fields(tuple(_feed_line(f) for f in found))))
    if action == "add":
        if len(msg.args) < 2:
            raise UserError("Give the feed's address: /feeds add https://example.org/rss")
        url = parse_url(msg.args[1], example="/feeds add https://example.org/rss")
        kind = FeedKind.ARTICLES
        if len(msg.args) > 2:
            try:
                kind = FeedKind(msg.args[2].lower())
            except ValueError:
                raise suggest("feed kind", msg.args[2], [k.value for k in FeedKind]) from None
        feed, new = await store.add(url, kind, msg.user.id, ctx.clock().timestamp())
        if new or feed.disabled:
            await record(ctx, msg, "feed add", after={"feed": feed.id, "url": url, "kind": kind})
        if not new and feed.disabled:
            await store.enable(feed.id, ctx.clock().timestamp())
            return Reply.text(f"Feed #{feed.id} re-enabled: {feed.url}")
        if not new:
            return Reply.text(f"Already polled as feed #{feed.id}.")
        return Reply.text(f"Added feed #{feed.id} ({feed.kind.value}): {feed.url}")
    if action == "remove":
        if len(msg.args) < 2:
            raise UserError("Give the feed's number from /feeds list: /feeds remove 3")
        feed_id = parse_number(msg.args[1].lstrip("#"), "feed number", example="/feeds remove 3")
        gone = await store.get(feed_id)
        if gone is None or not await store.remove(feed_id):
            raise UserError(f"There is no feed #{feed_id}; /feeds list shows them.")
        await record(ctx, msg, "feed remove", before={"feed": feed_id, "url": gone.url})
        return Reply.text(f"Removed feed #{feed_id}.")
    raise suggest("action", action, ["add", "list", "remove"])
