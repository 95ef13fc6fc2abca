"""The conflict a deployment tracks, and which claims are *context* rather than part of it.

A claim belongs to the tracked conflict when its party is a party to it and the time it covers
lies inside it. Soviet losses in Afghanistan or Russian losses in Crimea in 2014 are context:
kept and shown on request, never mixed into the default answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from claims.dates import last_day
from claims.model import Claim
from claims.vocab import Party

__all__ = ["Conflict", "is_context"]


@dataclass(frozen=True, slots=True)
class Conflict:
    parties: tuple[Party, ...]
    start: date
    name: str = ""

    def __post_init__(self) -> None:
        if not self.parties:
            raise ValueError("a conflict needs at least one party")

    @property
    def first_year(self) -> date:
        """The first day of the year the conflict began."""
        return date(self.start.year, 1, 1)


def is_context(claim: Claim, conflict: Conflict) -> bool:
    if claim.party not in conflict.parties and claim.party != Party.BOTH:
        return True
    # a window written as the war's first year ("in 2022") is the war's, as a month is below
    if claim.period_start is not None and claim.period_start < conflict.first_year:
        return True
    if claim.period_end is not None and claim.period_end < conflict.start:
        return True
    return claim.as_of is not None and last_day(claim.as_of, claim.as_of_precision) < conflict.start
