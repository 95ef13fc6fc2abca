"""Converting between Claim values and SQLite rows (dates as ISO text, vocabularies as strings)."""

from __future__ import annotations

import sqlite3
from datetime import date
from typing import Any

from claims.dates import parse_partial
from claims.model import Appearance, Claim
from claims.vocab import (
    ClaimantSide,
    DatePrecision,
    Kind,
    Metric,
    Party,
    Population,
    Qualifier,
    Status,
)

__all__ = [
    "APPEARANCE_COLUMNS",
    "CLAIM_COLUMNS",
    "appearance_from_row",
    "claim_from_row",
    "claim_values",
    "iso",
]

CLAIM_COLUMNS = (
    "c.id, c.metric, c.party, c.population, c.low, c.high, c.qualifier, c.value_text, "
    "c.claimant, c.claimant_key, c.claimant_side, c.kind, c.as_of, c.as_of_precision, "
    "c.period_start, c.period_end, c.stated_at, c.caveat, c.status, c.supersedes"
)
APPEARANCE_COLUMNS = "a.outlet, a.url, a.title, a.published, a.quote, a.span_start, a.span_end"
_N_CLAIM = CLAIM_COLUMNS.count(",") + 1


def iso(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _day(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text)


def claim_values(claim: Claim) -> tuple[Any, ...]:
    """The claim's own columns, in CLAIM_COLUMNS order."""
    return (
        claim.id,
        claim.metric.value,
        claim.party.value,
        claim.population.value,
        claim.low,
        claim.high,
        claim.qualifier.value,
        claim.value_text,
        claim.claimant,
        claim.claimant_key,
        claim.claimant_side.value,
        claim.kind.value,
        claim.as_of_text,
        claim.as_of_precision.value,
        iso(claim.period_start),
        iso(claim.period_end),
        iso(claim.stated_at),
        claim.caveat,
        claim.status.value,
        claim.supersedes,
    )


def appearance_from_row(row: sqlite3.Row | tuple[Any, ...], start: int = 0) -> Appearance:
    outlet, url, title, published, quote, span_start, span_end = row[start : start + 7]
    span = None if span_start is None else (int(span_start), int(span_end))
    return Appearance(outlet or "", url or "", title or "", _day(published), quote or "", span)


def claim_from_row(row: sqlite3.Row | tuple[Any, ...]) -> Claim:
    """A claim from CLAIM_COLUMNS, followed by APPEARANCE_COLUMNS when the query joined them."""
    as_of, precision = (None, DatePrecision.DAY) if row[12] is None else parse_partial(row[12])
    claim = Claim(
        id=row[0],
        metric=Metric(row[1]),
        party=Party(row[2]),
        population=Population(row[3]),
        low=row[4],
        high=row[5],
        qualifier=Qualifier(row[6]),
        value_text=row[7],
        claimant=row[8],
        claimant_key=row[9],
        claimant_side=ClaimantSide(row[10]),
        kind=Kind(row[11]),
        as_of=as_of,
        as_of_precision=precision,
        period_start=_day(row[14]),
        period_end=_day(row[15]),
        stated_at=_day(row[16]),
        caveat=row[17],
        status=Status(row[18]),
        supersedes=row[19],
    )
    if len(row) > _N_CLAIM and row[_N_CLAIM] is not None:
        claim = claim.with_appearance(appearance_from_row(row, _N_CLAIM))
    return claim
