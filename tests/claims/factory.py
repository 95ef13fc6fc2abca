"""A claim with sensible defaults, so each test states only what it is about."""

from __future__ import annotations

from datetime import date
from typing import Any

from claims.model import Claim
from claims.vocab import ClaimantSide, Kind, Metric, Party, Population, Qualifier


def make_claim(**fields: Any) -> Claim:
    values: dict[str, Any] = {
        "metric": Metric.KILLED,
        "party": Party.RUSSIA,
        "population": Population.MILITARY,
        "low": 1000,
        "high": 1000,
        "qualifier": Qualifier.EXACT,
        "claimant": "Ukraine",
        "claimant_side": ClaimantSide.UKRAINE,
        "kind": Kind.CLAIMED,
        "as_of": date(2022, 6, 1),
        "outlet": "The Daily Test",
        "published": date(2022, 6, 2),
    }
    values.update(fields)
    return Claim(**values)
