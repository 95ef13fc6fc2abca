"""/estimates: every claimant's latest figure for a metric, side by side, with the spread."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from claims.compare import Current, group_by_whose, spread
from claims.conflict import is_context
from claims.errors import UserError
from claims.model import Claim
from claims.vocab import Metric, Party, Population, lookup
from handlers.context import Context
from handlers.parse import clip, parse_date, parse_positive, parse_word
from handlers.present import current_entry, metric_title, party_name, spread_text, whose
from handlers.router import Param, Router
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
    words = iter(args[1:])
    for word in words:
        low = word.lower()
        if low == "all":
            include_context = True
        elif low in ("since", "page"):
            value = next(words, None)
            if value is None:
                example = "since 2022-06-01" if low == "since" else "page 2"
                raise UserError(f"'{low}' needs a value, e.g. {example}.")
            if low == "since":
                since = parse_date(value)
            else:
                page = parse_positive(value, "page", MAX_PAGE)
        elif (found := lookup(Population, low)) is not None:
            population = found
        elif party is None:
            party = parse_word(Party, word, "party")
        else:
            raise UserError(
                f"I don't know what '{clip(word)}' means here. "
                "Usage: /estimates <metric> [party] [population] [since YYYY-MM-DD] [all]"
            )
    return EstimatesQuery(metric, party, population, since, include_context, page)


def _title(q: EstimatesQuery) -> str:
    parts = [f"{metric_title(q.metric)}: latest figure of each claimant"]
    if q.party:
        parts.append(party_name(q.party))
    if q.population:
        parts.append(q.population.value)
    if q.since:
        parts.append(f"since {q.since.isoformat()}")
    return " · ".join(parts)


async def _section(
    claims: list[Claim], q: EstimatesQuery, ctx: Context
) -> tuple[list[Block], bool]:
    """The groups of one section on the asked page, and whether any group has a next page."""
    groups = group_by_whose((Current(c) for c in claims), ctx.conflict.parties)
    start, stop = (q.page - 1) * ctx.page_size, q.page * ctx.page_size
    shown = [c.claim for _, members in groups for c in members[start:stop]]
    replaced = [c.supersedes for c in shown if c.supersedes]
    previous = {c.id: c for c in await ctx.storage.claims.get(replaced)}
    blocks: list[Block] = []
    more = False
    for (party, population), members in groups:
        page = members[start:stop]
        if not page:
            continue
        blocks.append(Heading(whose(party, population)))
        for current in page:
            claim = current.claim
            before = previous.get(claim.supersedes) if claim.supersedes else None
            blocks.append(current_entry(Current(claim, before)))
        if (s := spread(c.claim for c in members)) is not None:
            blocks.append(Text(spread_text(s), muted=True))
        if len(members) > stop:
            more = True
            blocks.append(Text(f"{len(members) - stop} more in this group.", muted=True))
    return blocks, more


@router.command(
    "estimates",
    params=(
        Param("metric", "what was counted", tuple(m.value for m in Metric), required=True),
        Param("party", "whose losses", tuple(p.value for p in Party)),
        Param("population", "military, civilian or mixed", tuple(p.value for p in Population)),
        Param("since", "only figures that hold on or after YYYY-MM-DD"),
        Param("all", "also figures from other wars and earlier periods", ("all",)),
    ),
)
async def estimates(msg: Incoming, ctx: Context) -> Reply:
    """Every claimant's latest figure for a metric, side by side.

    Usage: /estimates <metric> [party] [population] [since YYYY-MM-DD] [all]
    Figures are grouped by whose losses they count, newest first. Each row shows the figure as
    its claimant put it (~ about, > more than, ≤ up to), who claims it, their side and the kind
    of figure, the date or window it holds for, where it was reported and a short id to open
    with /claim. Each group ends with its spread. Figures from other wars or from before the
    tracked conflict are left out unless you add 'all'.
    Example: /estimates killed russia since 2022-06-01
    """
    q = parse_query(msg.args)
    claims = await ctx.storage.claims.current(q.metric, party=q.party, since=q.since)
    if q.population is not None:
        claims = [c for c in claims if c.population is q.population]
    main = [c for c in claims if not is_context(c, ctx.conflict)]
    context = [c for c in claims if is_context(c, ctx.conflict)]

    blocks: list[Block] = [Heading(_title(q))]
    section, more = await _section(main, q, ctx)
    blocks += section
    if q.include_context and context:
        blocks.append(Heading("Context: other wars and earlier periods"))
        extra, more_context = await _section(context, q, ctx)
        blocks += extra
        more = more or more_context
    if len(blocks) == 1:
        empty = "No figures" if q.page == 1 else f"No more figures on page {q.page}"
        blocks.append(Text(f"{empty} for {q.metric.value} match that yet."))
    if context and not q.include_context:
        blocks.append(
            Text(
                f"{len(context)} figures from other wars or earlier periods are left out; "
                "add 'all' to see them.",
                muted=True,
            )
        )
    buttons = (Button("More", q.command(q.page + 1)),) if more else ()
    return Reply(tuple(blocks), buttons)
