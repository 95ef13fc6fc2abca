"""/estimates: every claimant's latest figure for a metric, side by side, with the spread."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from claims.compare import Current, group_by_whose, spread
from claims.errors import UserError
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
    q: EstimatesQuery, ctx: Context, *, context: bool
) -> tuple[list[Block], bool, int]:
    """One section's groups on the asked page, whether a next page exists, and what was left out."""
    start, stop = (q.page - 1) * ctx.page_size, q.page * ctx.page_size
    page = await ctx.storage.claims.current_page(
        q.metric,
        ctx.conflict,
        context=context,
        party=q.party,
        population=q.population,
        since=q.since,
        offset=start,
        limit=ctx.page_size,
    )
    groups = group_by_whose((Current(c) for c in page.claims), ctx.conflict.parties)
    previous = page.previous
    blocks: list[Block] = []
    more = False
    for whose_key, members in groups:
        shown = [c.claim for c in members if start <= page.rank[c.claim.id] < stop]
        if not shown:
            continue
        blocks.append(Heading(whose(*whose_key)))
        for claim in shown:
            before = previous.get(claim.supersedes) if claim.supersedes else None
            blocks.append(current_entry(Current(claim, before)))
        # the page holds each group's two ends, so the spread is the whole group's
        if (s := spread(c.claim for c in members)) is not None:
            blocks.append(Text(spread_text(s), muted=True))
        if (size := page.sizes[whose_key]) > stop:
            more = True
            blocks.append(Text(f"{size - stop} more in this group.", muted=True))
    return blocks, more, page.left_out


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
    blocks: list[Block] = [Heading(_title(q))]
    section, more, left_out = await _section(q, ctx, context=False)
    blocks += section
    if q.include_context:
        extra, more_context, _ = await _section(q, ctx, context=True)
        if extra:
            blocks += [Heading("Context: other wars and earlier periods"), *extra]
        more = more or more_context
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
