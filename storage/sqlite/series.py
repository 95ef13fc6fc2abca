"""Keeping each claimant's series linked: which figure is current, and what each one replaced.

New figures usually arrive after the ones they replace, so the links are worked out before the
rows are written (an append). A figure that arrives out of order relinks its whole series in one
statement. Only published claims take part.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

import aiosqlite

from claims.compare import order_key
from claims.model import Claim
from claims.vocab import Status

__all__ = ["Links", "plan_links", "relink"]

_RELINK = """
WITH ordered AS (
    SELECT id,
           LAG(id) OVER (PARTITION BY series ORDER BY effective_date, id) AS prev,
           ROW_NUMBER() OVER (PARTITION BY series ORDER BY effective_date DESC, id DESC) AS rn
    FROM claims
    WHERE series IN (SELECT value FROM json_each(?)) AND status = 'published'
)
UPDATE claims SET supersedes = ordered.prev, is_current = (ordered.rn = 1)
FROM ordered
WHERE claims.id = ordered.id
  AND (claims.supersedes IS NOT ordered.prev OR claims.is_current != (ordered.rn = 1))
"""
_UNLINK_UNPUBLISHED = """
UPDATE claims SET is_current = 0, supersedes = NULL
WHERE series IN (SELECT value FROM json_each(?)) AND status != 'published'
  AND (is_current = 1 OR supersedes IS NOT NULL)
"""


@dataclass
class Links:
    """Link fields for new rows, heads to demote, and series that need a full relink."""

    supersedes: dict[str, str | None] = field(default_factory=dict)
    current: set[str] = field(default_factory=set)
    demote: list[str] = field(default_factory=list)
    relink: set[str] = field(default_factory=set)


async def _heads(conn: aiosqlite.Connection, series: Iterable[str]) -> dict[str, tuple[date, str]]:
    sql = (
        "SELECT series, effective_date, id FROM claims "
        "WHERE is_current = 1 AND series IN (SELECT value FROM json_each(?))"
    )
    async with conn.execute(sql, (json.dumps(list(series)),)) as cur:
        rows = await cur.fetchall()
    return {s: (date.fromisoformat(d) if d else date.min, i) for s, d, i in rows}


async def plan_links(conn: aiosqlite.Connection, new: Sequence[Claim]) -> Links:
    """Work out the links of new claims, appending to each series where the order allows."""
    links = Links()
    by_series: dict[str, list[Claim]] = defaultdict(list)
    for claim in new:
        if claim.status is Status.PUBLISHED:
            by_series[claim.series].append(claim)
    if not by_series:
        return links
    heads = await _heads(conn, by_series)
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


async def relink(conn: aiosqlite.Connection, series: Iterable[str]) -> None:
    """Recompute current flags and supersedes links of whole series."""
    names = json.dumps(sorted(set(series)))
    if names == "[]":
        return
    await conn.execute(_RELINK, (names,))
    await conn.execute(_UNLINK_UNPUBLISHED, (names,))
