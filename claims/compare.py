"""Comparing claims: each claimant's latest figure, what it replaced, and the spread.

These are the rules behind ``/estimates``. The store keeps the same order (a series is ordered
by effective date, then id) so that it can answer from an index at scale; the functions here are
the reference and serve small sets of plain values.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from claims.figures import ceiling, floor
from claims.model import Claim
from claims.vocab import Party, Population

__all__ = [
    "Current",
    "Spread",
    "Whose",
    "latest_per_series",
    "order_key",
    "population_order",
    "spread",
    "whose_order",
]

Whose = tuple[Party, Population]
_POPULATION_ORDER = {p: i for i, p in enumerate(Population)}


@dataclass(frozen=True, slots=True)
class Current:
    """A claimant's latest figure in a series and the one it replaced, if any."""

    claim: Claim
    previous: Claim | None = None


@dataclass(frozen=True, slots=True)
class Spread:
    """The lowest and the highest current figure of a group, and who holds each end."""

    lowest: Claim
    highest: Claim


def order_key(claim: Claim) -> tuple[date, str]:
    """How claims of one series are ordered in time (ties broken by id, as the store does)."""
    return (claim.effective_date or date.min, claim.id)


def latest_per_series(claims: Iterable[Claim]) -> list[Current]:
    """For each claimant's series, its latest figure and the figure before it."""
    series: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        series[claim.series].append(claim)
    result = []
    for members in series.values():
        members.sort(key=order_key)
        previous = members[-2] if len(members) > 1 else None
        result.append(Current(members[-1], previous))
    result.sort(key=lambda c: order_key(c.claim), reverse=True)
    return result


def population_order(population: Population) -> int:
    """Military, then civilian, then mixed: the order groups of one party are shown in."""
    return _POPULATION_ORDER[population]


def whose_order(parties: Sequence[Party]) -> Callable[[Party], tuple[int, str]]:
    """Rank parties: the tracked conflict's in its order, then the rest alphabetically."""
    rank = {p: i for i, p in enumerate(parties)}

    def order(party: Party) -> tuple[int, str]:
        return rank.get(party, len(rank)), party.value

    return order


def spread(claims: Iterable[Claim]) -> Spread | None:
    """The lowest and highest running totals; None for fewer than two distinct figures.

    A window's figure ("12,000 in November alone") counts something else and stays out.
    """
    members = [c for c in claims if not c.is_window]
    if len(members) < 2:
        return None
    lowest = min(members, key=lambda c: (floor(c.low, c.high), order_key(c)))
    highest = max(members, key=lambda c: (ceiling(c.low, c.high), order_key(c)))
    if lowest.figure == highest.figure:
        return None
    return Spread(lowest, highest)
