"""Choosing what one page of ``/estimates`` shows from the list of current figures.

The store lists every current figure cheaply as a ``Standing`` (no claimant, no quote); the
plan here decides which of them are worth reading whole: the rows of the page, the figures
they replaced, and each group's lowest and highest figure for its spread. A chat message
should stay readable, so the more groups an answer has, the fewer rows each shows per page.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from claims.compare import Whose, population_order, whose_order
from claims.figures import ceiling, floor
from claims.vocab import Party, Population

__all__ = ["MIN_ROWS", "GroupPage", "PagePlan", "Standing", "plan_page", "rows_per_group"]

MIN_ROWS = 3
"""However many groups an answer has, each shows at least this many rows per page."""


class Standing(NamedTuple):
    """A current figure as far as grouping, ordering and spreads need it.

    A named tuple, not a dataclass: the store makes hundreds per ``/estimates`` and a tuple is
    three times cheaper to build.
    """

    id: str
    party: Party
    population: Population
    low: int | None
    high: int | None
    effective_date: date | None
    supersedes: str | None = None
    context: bool = False
    window: bool = False  # a finished window's figure: shown, but no end of the spread


@dataclass(frozen=True, slots=True)
class GroupPage:
    """One group's rows on the page (newest first), its two ends, and how many rows follow.

    The ends are running totals; a group of window figures alone has none.
    """

    whose: Whose
    shown: tuple[Standing, ...]
    lowest: Standing | None
    highest: Standing | None
    size: int
    after: int


@dataclass(frozen=True, slots=True)
class PagePlan:
    groups: tuple[GroupPage, ...]
    rows: int
    """Rows per group on every page of this answer."""

    @property
    def more(self) -> bool:
        return any(g.after for g in self.groups)

    def wanted(self) -> list[str]:
        """Ids to read whole: the rows, what they replaced, and the ends of each group."""
        ids: list[str] = []
        for group in self.groups:
            ids += [s.id for s in group.shown]
            ids += [s.supersedes for s in group.shown if s.supersedes]
            ids += [end.id for end in (group.lowest, group.highest) if end is not None]
        return list(dict.fromkeys(ids))


def _order(s: Standing) -> tuple[date, str]:
    return (s.effective_date or date.min, s.id)


def _low_end(s: Standing) -> tuple[int, date, str]:
    return (floor(s.low, s.high), s.effective_date or date.min, s.id)


def _high_end(s: Standing) -> tuple[int, date, str]:
    return (ceiling(s.low, s.high), s.effective_date or date.min, s.id)


def rows_per_group(groups: int, page_size: int, budget: int) -> int:
    """``page_size`` rows per group while ``budget`` rows hold them all, never under MIN_ROWS."""
    return max(min(MIN_ROWS, page_size), min(page_size, budget // max(groups, 1)))


def plan_page(
    standings: Iterable[Standing],
    parties: Sequence[Party],
    *,
    page: int = 1,
    page_size: int = 8,
    budget: int = 24,
) -> PagePlan:
    """Group by whose losses (the conflict's parties first), newest first, and cut out a page."""
    groups: dict[Whose, list[Standing]] = defaultdict(list)
    for standing in standings:
        groups[(standing.party, standing.population)].append(standing)
    rank = whose_order(parties)
    rows = rows_per_group(len(groups), page_size, budget)
    start, stop = (page - 1) * rows, page * rows
    planned = []
    for whose in sorted(groups, key=lambda w: (rank(w[0]), population_order(w[1]))):
        members = groups[whose]
        members.sort(key=_order, reverse=True)
        shown = tuple(members[start:stop])
        if not shown:
            continue
        totals = [s for s in members if not s.window]
        planned.append(
            GroupPage(
                whose=whose,
                shown=shown,
                lowest=min(totals, key=_low_end) if totals else None,
                highest=max(totals, key=_high_end) if totals else None,
                size=len(members),
                after=max(0, len(members) - stop),
            )
        )
    return PagePlan(tuple(planned), rows)
