"""Keeping each claimant's series linked: which figure is current, and what each one replaced.

New figures usually arrive after the ones they replace, so the links are worked out before the
rows are written (an append). A figure that arrives out of order relinks its whole series in one
statement. Only published claims take part.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from claims.compare import order_key
from claims.model import Claim
from claims.vocab import Status
from storage.sql.base import Dialect, Tx

__all__ = ["Links", "plan_links", "relink"]


def _relink_sql(dialect: Dialect) -> str:
    return f"""
WITH ordered AS (
    SELECT id,
           LAG(id) OVER (PARTITION BY series ORDER BY effective_date, id) AS prev,
           CASE WHEN ROW_NUMBER() OVER (PARTITION BY series ORDER BY effective_date DESC, id DESC)
                = 1 THEN 1 ELSE 0 END AS head
    FROM claims
    WHERE {dialect.any_of("series")} AND status = 'published'
)
UPDATE claims SET supersedes = ordered.prev, is_current = ordered.head
FROM ordered
WHERE claims.id = ordered.id
  AND (claims.supersedes IS DISTINCT FROM ordered.prev OR claims.is_current != ordered.head)
"""


def _unlink_sql(dialect: Dialect) -> str:
    return f"""
UPDATE claims SET is_current = 0, supersedes = NULL
WHERE {dialect.any_of("series")} AND status != 'published'
  AND (is_current = 1 OR supersedes IS NOT NULL)
"""


@dataclass
class Links:
    """Link fields for new rows, heads to demote, and series that need a full relink."""

    supersedes: dict[str, str | None] = field(default_factory=dict)
    current: set[str] = field(default_factory=set)
    demote: list[str] = field(default_factory=list)
    relink: set[str] = field(default_factory=set)


async def _heads(tx: Tx, dialect: Dialect, series: Iterable[str]) -> dict[str, tuple[date, str]]:
    rows = await tx.fetchall(
        "SELECT series, effective_date, id FROM claims "
        f"WHERE is_current = 1 AND {dialect.any_of('series')}",
        (dialect.values(series),),
    )
    return {s: (date.fromisoformat(d) if d else date.min, i) for s, d, i in rows}


async def plan_links(tx: Tx, dialect: Dialect, new: Sequence[Claim]) -> Links:
    """Work out the links of new claims, appending to each series where the order allows."""
    links = Links()
    by_series: dict[str, list[Claim]] = defaultdict(list)
    for claim in new:
        if claim.status is Status.PUBLISHED:
            by_series[claim.series].append(claim)
    if not by_series:
        return links
    heads = await _heads(tx, dialect, by_series)
    for series, members in by_series.items():
        members.sort(key=order_key)
        head = heads.get(series)
        if head is not None and order_key(members[0]) < head:
            links.relink.add(series)
            continue
        previous = head[1] if head else None
        for claim in members:
            links.supersedes[claim.id] = previous
            previous = claim.id
        links.current.add(members[-1].id)
        if head is not None:
            links.demote.append(head[1])
    return links


async def relink(tx: Tx, dialect: Dialect, series: Iterable[str]) -> None:
    """Recompute current flags and supersedes links of whole series."""
    names = sorted(set(series))
    if not names:
        return
    await tx.execute(_relink_sql(dialect), (dialect.values(names),))
    await tx.execute(_unlink_sql(dialect), (dialect.values(names),))
