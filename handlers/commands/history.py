"""/history: a metric's figures over time, optionally for the claimants your words name."""

from __future__ import annotations

from dataclasses import replace

from claims.errors import UserError
from claims.vocab import Metric
from handlers.completion import claimant_names
from handlers.context import Context
from handlers.moderators import withdrawal_reasons
from handlers.params import CONTEXT, METRIC
from handlers.parse import clip, parse_number, parse_word
from handlers.present import entry, metric_title
from handlers.router import Form, Param, Router
from handlers.types import Block, Button, Heading, Incoming, Reply, Text

__all__ = ["router"]

router = Router("history")
PAGE = 15
MAX_PAGE = 1000
MAX_WORDS = 6


@router.command(
    "history",
    params=(
        METRIC,
        Param(
            "claimant",
            "words from the claimant's name, e.g. nato or shoigu",
            form=Form.WORDS,
            complete=claimant_names,
        ),
        CONTEXT,
    ),
)
async def history(msg: Incoming, ctx: Context) -> Reply:
    """A metric's figures over time, newest first, optionally for one claimant.

    Usage: /history <metric> [claimant words] [all] [page N]
    Every published figure is listed, including the ones a claimant has since revised, and
    withdrawn ones with the reason.
    Claimant words must all occur in the claimant's name.
    Example: /history killed nato
    """
    if not msg.args:
        raise UserError("Which metric? e.g. /history killed, or /history killed nato.")
    metric = parse_word(Metric, msg.args[0], "metric")
    words: list[str] = []
    include_context, page = False, 1
    rest = list(msg.args[1:])
    while rest:
        word = rest.pop(0)
        if word.lower() == "all":
            include_context = True
        elif word.lower() == "page" and rest:
            page = parse_number(rest.pop(0), "page", MAX_PAGE, example="page 2")
        else:
            words.append(clip(word, 60).lower())
    if len(words) > MAX_WORDS:
        raise UserError(f"Give at most {MAX_WORDS} words of the claimant's name.")
    found = await ctx.storage.claims.history(
        metric,
        words=words,
        conflict=None if include_context else ctx.conflict,
        limit=PAGE + 1,
        offset=(page - 1) * PAGE,
    )
    title = f"{metric_title(metric)}: figures over time"
    if words:
        title += f" · claimants matching '{' '.join(words)}'"
    blocks: list[Block] = [Heading(title)]
    reasons = await withdrawal_reasons(ctx, found[:PAGE])
    blocks += [
        replace(entry(c), note=f"withdrawn: {reasons[c.id]}") if c.id in reasons else entry(c)
        for c in found[:PAGE]
    ]
    if not found:
        blocks.append(Text("No figures match. /sources lists the claimants Tally knows."))
    buttons: tuple[Button, ...] = ()
    if len(found) > PAGE:
        command = " ".join(
            [
                "/history",
                metric.value,
                *words,
                *(["all"] if include_context else []),
                "page",
                str(page + 1),
            ]
        )
        buttons = (Button("More", command),)
    return Reply(tuple(blocks), buttons)
