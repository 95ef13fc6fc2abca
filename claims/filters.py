"""Which claims a subscription wants: metrics, whose losses, who claims them, what kind.

An empty set means "any". Figures from other wars and earlier periods (context, see
claims.conflict) never alert and never appear in a digest: they are history, not news.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from claims.conflict import Conflict, is_context
from claims.model import Claim
from claims.vocab import ClaimantSide, Kind, Metric, Party

__all__ = ["ClaimFilter"]


def _ordered(values: Iterable[Any], vocab: Iterable[Any]) -> list[Any]:
    chosen = set(values)
    return [v for v in vocab if v in chosen]


@dataclass(frozen=True, slots=True)
class ClaimFilter:
    metrics: frozenset[Metric] = frozenset()
    parties: frozenset[Party] = frozenset()
    sides: frozenset[ClaimantSide] = frozenset()
    kinds: frozenset[Kind] = frozenset()

    def matches(self, claim: Claim, conflict: Conflict) -> bool:
        return (
            (not self.metrics or claim.metric in self.metrics)
            and (not self.parties or claim.party in self.parties)
            and (not self.sides or claim.claimant_side in self.sides)
            and (not self.kinds or claim.kind in self.kinds)
            and not is_context(claim, conflict)
        )

    @property
    def is_everything(self) -> bool:
        return not (self.metrics or self.parties or self.sides or self.kinds)

    def describe(self) -> str:
        """``killed, wounded · russia · claimed by ukraine · estimated`` or ``all figures``."""
        if self.is_everything:
            return "all figures"
        parts = []
        if self.metrics:
            parts.append(", ".join(m.value for m in _ordered(self.metrics, Metric)))
        else:
            parts.append("all metrics")
        if self.parties:
            parts.append(", ".join(p.value for p in sorted(self.parties)) + " losses")
        if self.sides:
            sides = ", ".join(s.value for s in _ordered(self.sides, ClaimantSide))
            parts.append(f"claimed by {sides}")
        if self.kinds:
            parts.append(", ".join(k.value for k in _ordered(self.kinds, Kind)))
        return " · ".join(parts)

    def words(self) -> list[str]:
        """The filter as /subscribe words, so a description can be typed back."""
        words = [m.value for m in _ordered(self.metrics, Metric)]
        words += [p.value for p in sorted(self.parties)]
        words += [f"by {s.value}" for s in _ordered(self.sides, ClaimantSide)]
        words += [k.value for k in _ordered(self.kinds, Kind)]
        return words or ["all"]

    def to_record(self) -> dict[str, list[str]]:
        return {
            "metrics": [m.value for m in _ordered(self.metrics, Metric)],
            "parties": [p.value for p in sorted(self.parties)],
            "sides": [s.value for s in _ordered(self.sides, ClaimantSide)],
            "kinds": [k.value for k in _ordered(self.kinds, Kind)],
        }

    @classmethod
    def from_record(cls, record: dict[str, list[str]]) -> ClaimFilter:
        return cls(
            frozenset(Metric(v) for v in record.get("metrics", ())),
            frozenset(Party(v) for v in record.get("parties", ())),
            frozenset(ClaimantSide(v) for v in record.get("sides", ())),
            frozenset(Kind(v) for v in record.get("kinds", ())),
        )
