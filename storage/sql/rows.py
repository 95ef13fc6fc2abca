"""Claim values to and from database rows (dates as ISO text, vocabularies as strings)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from claims.dates import parse_partial
from claims.model import Appearance, Claim
from claims.paging import Standing
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
from storage.sql.base import Row

__all__ = [
    "APPEARANCE_COLUMNS",
    "CLAIM_COLUMNS",
    "FIGURE_COLUMNS",
    "appearance_from_row",
    "claim_figure_values",
    "claim_from_row",
    "claim_values",
    "iso",
    "now_iso",
    "standing_from_row",
]

# What a curator may edit: the columns claim_figure_values fills, in its order.
FIGURE_COLUMNS = (
    "metric", "party", "population", "low", "high", "qualifier", "value_text", "claimant",
    "claimant_key", "claimant_side", "kind", "as_of", "as_of_precision", "period_start",
    "period_end", "stated_at", "caveat",
)  # fmt: skip
CLAIM_COLUMNS = ", ".join(
    f"c.{name}" for name in ("id", *FIGURE_COLUMNS, "status", "supersedes", "series")
)
APPEARANCE_COLUMNS = "a.outlet, a.url, a.title, a.published, a.quote, a.span_start, a.span_end"
_N_CLAIM = CLAIM_COLUMNS.count(",") + 1


# Vocabulary lookups by value: a dict is many times faster than calling the enum.
_METRIC = {m.value: m for m in Metric}
_PARTIES: dict[str, Party] = {}  # parties are open: each key is checked once, then reused
_POPULATION = {p.value: p for p in Population}
_QUALIFIER = {q.value: q for q in Qualifier}
_SIDE = {s.value: s for s in ClaimantSide}
_KIND = {k.value: k for k in Kind}
_STATUS = {s.value: s for s in Status}
_NO_DATE: tuple[date | None, DatePrecision] = (None, DatePrecision.DAY)


def _party(text: str) -> Party:
    found = _PARTIES.get(text)
    if found is None:
        found = _PARTIES[text] = Party(text)
    return found


def _as_of(text: str | None) -> tuple[date | None, DatePrecision]:
    if text is None:
        return _NO_DATE
    if len(text) == 10:
        return date.fromisoformat(text), DatePrecision.DAY
    return parse_partial(text)


def iso(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def now_iso() -> str:
    """This moment in UTC, as the ISO text the stores write their times in."""
    return datetime.now(UTC).isoformat()


def _day(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text)


def claim_values(claim: Claim) -> tuple[Any, ...]:
    """The claim's own columns, in CLAIM_COLUMNS order (series last)."""
    return (
        claim.id,
        *claim_figure_values(claim),
        claim.status.value,
        claim.supersedes,
        claim.series,
    )


def claim_figure_values(claim: Claim) -> tuple[Any, ...]:
    """What a curator may edit, in FIGURE_COLUMNS order."""
    return (
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
    )


def appearance_from_row(row: Row, start: int = 0) -> Appearance:
    outlet, url, title, published, quote, span_start, span_end = row[start : start + 7]
    span = None if span_start is None else (int(span_start), int(span_end))
    return Appearance(outlet or "", url or "", title or "", _day(published), quote or "", span)


def standing_from_row(row: Row) -> Standing:
    """A Standing from id, party, population, low, high, effective_date, supersedes, inside
    and whether it is a window's figure."""
    return Standing(
        id=row[0],
        party=_party(row[1]),
        population=_POPULATION[row[2]],
        low=row[3],
        high=row[4],
        effective_date=_day(row[5]),
        supersedes=row[6],
        context=not row[7],
        window=bool(row[8]),
    )


def claim_from_row(row: Row) -> Claim:
    """A claim from CLAIM_COLUMNS, followed by APPEARANCE_COLUMNS when the query joined them."""
    as_of, precision = _as_of(row[12])
    seen = (
        appearance_from_row(row, _N_CLAIM)
        if len(row) > _N_CLAIM and row[_N_CLAIM] is not None
        else Appearance("")
    )
    return Claim(
        id=row[0],
        metric=_METRIC[row[1]],
        party=_party(row[2]),
        population=_POPULATION[row[3]],
        low=row[4],
        high=row[5],
        qualifier=_QUALIFIER[row[6]],
        value_text=row[7],
        claimant=row[8],
        claimant_key=row[9],
        claimant_side=_SIDE[row[10]],
        kind=_KIND[row[11]],
        as_of=as_of,
        as_of_precision=precision,
        period_start=_day(row[14]),
        period_end=_day(row[15]),
        stated_at=_day(row[16]),
        caveat=row[17],
        status=_STATUS[row[18]],
        supersedes=row[19],
        series=row[20],
        outlet=seen.outlet,
        url=seen.url,
        title=seen.title,
        published=seen.published,
        quote=seen.quote,
        span=seen.span,
    )
