"""The General Staff of Ukraine's daily series of Russian losses, read into claims.

Each record (``{date, day, personnel, "personnel*": "about", POW}``) is the General Staff's
cumulative figure as of its date: Russian personnel losses, which by the claim model's
conventions are casualties (killed and wounded together), with the claimant's own "about";
and, while it was reported, prisoners of war. Records that are not of that shape are reported
and skipped, never guessed at.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from claims.model import Claim
from claims.vocab import ClaimantSide, Kind, Metric, Party, Population, Qualifier, Status

__all__ = ["CLAIMANT", "SeriesReading", "read_general_staff"]

CLAIMANT = "General Staff of the Armed Forces of Ukraine"
_START = date(2022, 2, 24)


@dataclass
class SeriesReading:
    claims: list[Claim] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def _count(record: dict[str, Any], key: str) -> int | None:
    value = record.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"{key} is {value!r}, not a count")
    return value


def _claim(metric: Metric, figure: int, day: date, qualifier: Qualifier, url: str) -> Claim:
    return Claim(
        metric=metric,
        party=Party.RUSSIA,
        population=Population.MILITARY,
        low=figure,
        high=figure,
        qualifier=qualifier,
        value_text=f"about {figure:,}" if qualifier is Qualifier.APPROX else f"{figure:,}",
        claimant=CLAIMANT,
        claimant_side=ClaimantSide.UKRAINE,
        kind=Kind.CLAIMED,
        as_of=day,
        period_start=_START,
        outlet=CLAIMANT,
        url=url,
        published=day,
        quote=f"Russian {metric.value} since {_START.isoformat()}: {figure:,} (as of {day})",
        status=Status.PUBLISHED,
    )


def read_general_staff(records: Iterable[Any], url: str = "") -> SeriesReading:
    """Every well-formed record's claims; the others named in ``problems``."""
    reading = SeriesReading()
    for index, record in enumerate(records):
        try:
            if not isinstance(record, dict):
                raise ValueError("not an object")
            day = date.fromisoformat(str(record.get("date")))
            personnel = _count(record, "personnel")
            prisoners = _count(record, "POW")
        except ValueError as exc:
            reading.problems.append(f"record {index + 1}: {exc}")
            continue
        if personnel is None:
            reading.problems.append(f"record {index + 1}: no personnel figure")
            continue
        hedged = str(record.get("personnel*", "")).strip().lower() == "about"
        qualifier = Qualifier.APPROX if hedged else Qualifier.EXACT
        reading.claims.append(_claim(Metric.CASUALTIES, personnel, day, qualifier, url))
        if prisoners:
            reading.claims.append(_claim(Metric.CAPTURED, prisoners, day, Qualifier.EXACT, url))
    return reading
