"""/estimates: every claimant's latest figure for a metric, side by side, with the spread."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from claims.compare import Current, spread
from claims.errors import UserError
from claims.model import Claim
from claims.paging import PagePlan, Standing, plan_page
from claims.registry import PARTIES
from claims.vocab import Metric, Party, Population, lookup
from handlers.completion import parties
from handlers.context import Context
from handlers.params import CONTEXT, METRIC
from handlers.parse import (
    clip,
    parse_date,
    parse_number,
    parse_party,
    parse_word,
    unknown_party,
)
from handlers.present import current_entry, metric_title, party_name, spread_text, whose
from handlers.router import Form, Param, Router
from handlers.types import Block, Button, Heading, Incoming, Reply, Text

__all__ = ["EstimatesQuery", "parse_query", "router"]

router = Router("estimates")
MAX_PAGE = 1000


@dataclass(frozen=True, slots=True)
class EstimatesQuery:
    metric: Metric
    party: Party | None = None
    population: Population | None = None
    since: date | None = None
    include_context: bool = False
    page: int = 1

    def command(self, page: int) -> str:
        words = ["/estimates", self.metric.value]
        if self.party:
            words.append(self.party.value)
        if self.population:
            words.append(self.population.value)
        if self.since:
            words += ["since", self.since.isoformat()]
        if self.include_context:
            words.append("all")
        return " ".join([*words, "page", str(page)])


def parse_query(args: Sequence[str]) -> EstimatesQuery:
    if not args:
        raise UserError(
            "Which figures? Give a metric, e.g. /estimates killed. Metrics: "
            + ", ".join(m.value for m in Metric)
        )
    metric = parse_word(Metric, args[0], "metric")
    party: Party | None = None
    population: Population | None = None
    since: date | None = None
    include_context, page = False, 1
    words = list(args[1:])
    at = 0
    while at < len(words):
        word = words[at]
        low = word.lower()
        at += 1
        if low == "all":
            include_context = True
        elif low in ("since", "page"):
            if at == len(words):
                example = "since 2022-06-01" if low == "since" else "page 2"
                raise UserError(f"'{low}' needs a value, e.g. {example}.")
            value, at = words[at], at + 1
            if low == "since":
                since = parse_date(value)
            else:
                page = parse_number(value, "page", MAX_PAGE, example="page 2")
        elif (found := lookup(Population, low)) is not None:
            population = found
        elif party is None:
            named = parse_party(words[at - 1 :])
            if named is None:
                raise unknown_party(" ".join(_up_to_keyword(words[at - 1 :])))
            party, at = named[0], at - 1 + named[1]
        else:
            raise UserError(
                f"I don't know what '{clip(word)}' means here. "
                "Usage: /estimates <metric> [party] [population] [since YYYY-MM-DD] [all]"
            )
    return EstimatesQuery(metric, party, population, since, include_context, page)


def _up_to_keyword(words: Sequence[str]) -> list[str]:
    """The words before the next one the query knows, the phrase a user meant as a party."""
    known = {"all", "since", "page"}
    run = []
    for word in words:
        if word.lower() in known or lookup(Population, word) is not None:
            break
        run.append(word)
    return run


def _plan(q: EstimatesQuery, ctx: Context, standings: list[Standing]) -> PagePlan:
    # up to three full groups per message; more groups share that budget
    return plan_page(
        standings,
        ctx.conflict.parties,
        page=q.page,
        page_size=ctx.page_size,
        budget=ctx.page_size * 3,
    )


def _title(q: EstimatesQuery) -> str:
    parts = [f"{metric_title(q.metric)}: latest figure of each claimant"]
    if q.party:
        parts.append(party_name(q.party))
    if q.population:
        parts.append(q.population.value)
    if q.since:
        parts.append(f"since {q.since.isoformat()}")
    return " · ".join(parts)


def _section(plan: PagePlan, claims: dict[str, Claim]) -> list[Block]:
    """One section's groups: heading, rows with what they replaced, spread, what follows."""
    blocks: list[Block] = []
    for group in plan.groups:
        blocks.append(Heading(whose(*group.whose)))
        for standing in group.shown:
            before = claims.get(standing.supersedes) if standing.supersedes else None
            blocks.append(current_entry(Current(claims[standing.id], before)))
        ends = [claims[end.id] for end in (group.lowest, group.highest) if end is not None]
        if (s := spread(ends)) is not None:
            blocks.append(Text(spread_text(s), muted=True))
        if group.after:
            blocks.append(Text(f"{group.after} more in this group.", muted=True))
    return blocks


@router.command(
    "estimates",
    params=(
        METRIC,
        Param("party", "whose losses: a country or people", tuple(PARTIES), complete=parties),
        Param("population", "military, civilian or mixed", tuple(p.value for p in Population)),
        Param("since", "only figures that hold on or after YYYY-MM-DD", form=Form.KEYWORD),
        CONTEXT,
    ),
)
async def estimates(msg: Incoming, ctx: Context) -> Reply:
    """Every claimant's latest figure for a metric, side by side.

    Usage: /estimates <metric> [party] [population] [since YYYY-MM-DD] [all]
    Figures are grouped by whose losses they count, newest first. Each row shows the figure as
    its claimant put it (~ about, > more than, ≤ up to), who claims it, their side and the kind
    of figure, the date or window it holds for, where it was reported and a short id to open
    with /claim. Each group ends with its spread of running totals (a figure for one window,
    such as a single month, is shown but is no end of it). A party is any country or people, by
    any of its names: north korea, dprk, hezbollah. Figures from other wars or from before the
    tracked conflict are left out unless you add 'all'.
    Example: /estimates killed russia since 2022-06-01
    """
    q = parse_query(msg.args)
    standings = await ctx.storage.claims.standings(
        q.metric, ctx.conflict, party=q.party, population=q.population, since=q.since
    )
    inside = [s for s in standings if not s.context]
    left_out = len(standings) - len(inside)
    plans = [_plan(q, ctx, inside)]
    if q.include_context:
        plans.append(_plan(q, ctx, [s for s in standings if s.context]))
    wanted = [i for plan in plans for i in plan.wanted()]
    claims = {c.id: c for c in await ctx.storage.claims.get(wanted)}
    blocks: list[Block] = [Heading(_title(q)), *_section(plans[0], claims)]
    if q.include_context and (extra := _section(plans[1], claims)):
        blocks += [Heading("Context: other wars and earlier periods"), *extra]
    more = any(plan.more for plan in plans)
    if len(blocks) == 1:
        empty = "No figures" if q.page == 1 else f"No more figures on page {q.page}"
        blocks.append(Text(f"{empty} for {q.metric.value} match that yet."))
    if left_out and not q.include_context:
        blocks.append(
            Text(
                f"{left_out} figures from other wars or earlier periods are left out; "
                "add 'all' to see them.",
                muted=True,
            )
        )
    buttons = (Button("More", q.command(q.page + 1)),) if more else ()
    return Reply(tuple(blocks), buttons)
