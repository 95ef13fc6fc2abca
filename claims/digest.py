"""What changed: newly published figures collapsed to one per claimant's series, in order.

An alert or a digest shows, for each series that moved, the newest figure published in the
window and the claimant's figure from before the window, so a claimant who revised twice in a
day reads as one change ("up from >5,300"), not two rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from claims.compare import order_key, population_order, whose_order
from claims.figures import ceiling, floor
from claims.model import Claim
from claims.vocab import Metric, Party, Population

__all__ = ["Change", "Section", "changes", "direction", "sections"]

_METRIC_ORDER = {m: i for i, m in enumerate(Metric)}


@dataclass(frozen=True, slots=True)
class Change:
    """A series' newest figure from the window; ``before`` is the id of the figure it replaced."""

    claim: Claim
    before: str | None = None


@dataclass(frozen=True, slots=True)
class Section:
    """The changes for one metric and whose losses, newest first."""

    metric: Metric
    party: Party
    population: Population
    changes: tuple[Change, ...]


def changes(published: Iterable[Claim]) -> list[Change]:
    """One change per series: its newest figure, and what the earliest new figure replaced."""
    by_series: dict[str, list[Claim]] = {}
    for claim in published:
        by_series.setdefault(claim.series, []).append(claim)
    result = []
    for members in by_series.values():
        members.sort(key=order_key)
        new_ids = {c.id for c in members}
        before = members[0].supersedes
        result.append(Change(members[-1], before if before not in new_ids else None))
    return result


def sections(found: Sequence[Change], parties: Sequence[Party]) -> list[Section]:
    """Changes grouped by metric, then whose losses (the conflict's parties first)."""
    rank = whose_order(parties)
    groups: dict[tuple[Metric, Party, Population], list[Change]] = {}
    for change in found:
        c = change.claim
        groups.setdefault((c.metric, c.party, c.population), []).append(change)
    ordered = sorted(
        groups.items(),
        key=lambda item: (
            _METRIC_ORDER[item[0][0]],
            rank(item[0][1]),
            population_order(item[0][2]),
        ),
    )
    return [
        Section(
            metric,
            party,
            population,
            tuple(sorted(members, key=lambda ch: order_key(ch.claim), reverse=True)),
        )
        for (metric, party, population), members in ordered
    ]


def direction(new: Claim, old: Claim) -> str:
    """``up``, ``down`` or ``revised`` (the figures overlap or only the hedge changed)."""
    if floor(new.low, new.high) > ceiling(old.low, old.high):
        return "up"
    if ceiling(new.low, new.high) < floor(old.low, old.high):
        return "down"
    return "revised"
