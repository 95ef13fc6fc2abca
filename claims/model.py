"""The claim: one figure asserted by one claimant, and where it was reported.

A claim's ``id`` is a hash of what makes it the same assertion (metric, party, population,
figure, claimant key, as-of date), so the same claim relayed by several outlets is one claim
with several appearances. Its *series* is the claimant's run of figures for one metric, party,
population and window; a newer figure in the series supersedes the older one. The claimant
key says who the claimant is however the name is written (``claims.claimants``); the claim
keeps the name as written. A stored claim keeps its id when its key is refined later.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date

from claims.claimants import key_of
from claims.dates import format_partial, last_day
from claims.figures import check_figure, render_figure
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

__all__ = ["SHORT_ID", "Appearance", "Claim", "Document", "claimant_key"]

SHORT_ID = 8


def claimant_key(claimant: str) -> str:
    """Who a claimant is, read from the name alone (``claims.claimants``): "Russian Defence
    Minister Sergei Shoigu" and "Sergei Shoigu, Russian Defence Minister" are one key."""
    return key_of(claimant)


def _digest(*parts: object) -> str:
    text = "|".join("" if p is None else str(p) for p in parts)
    return hashlib.sha256(text.encode()).hexdigest()[:32]


@dataclass(frozen=True, slots=True)
class Appearance:
    """Where a claim was reported: one outlet's article and the sentence that states it."""

    outlet: str
    url: str = ""
    title: str = ""
    published: date | None = None
    quote: str = ""
    span: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True)
class Claim:
    """One figure asserted by one claimant (DESIGN.md section 2)."""

    metric: Metric
    party: Party
    population: Population
    low: int | None
    high: int | None
    qualifier: Qualifier
    claimant: str
    claimant_side: ClaimantSide
    kind: Kind
    value_text: str = ""
    as_of: date | None = None
    as_of_precision: DatePrecision = DatePrecision.DAY
    period_start: date | None = None
    period_end: date | None = None
    stated_at: date | None = None
    outlet: str = ""
    url: str = ""
    title: str = ""
    published: date | None = None
    quote: str = ""
    span: tuple[int, int] | None = None
    caveat: str = ""
    status: Status = Status.PUBLISHED
    supersedes: str | None = None
    claimant_key: str = ""
    id: str = field(default="")
    series: str = field(default="", repr=False, compare=False)

    def __post_init__(self) -> None:
        check_figure(self.low, self.high, self.qualifier)
        if not self.claimant.strip():
            raise ValueError("a claim needs a claimant")
        if self.period_start and self.period_end and self.period_start > self.period_end:
            raise ValueError("the period ends before it starts")
        if not self.claimant_key:
            object.__setattr__(self, "claimant_key", claimant_key(self.claimant))
        if not self.id:
            object.__setattr__(self, "id", self.identity())
        if not self.series:
            object.__setattr__(self, "series", self._series())

    def identity(self) -> str:
        """The stable id: equal for the same assertion, whoever relays it."""
        return _digest(
            self.metric.value,
            self.party.value,
            self.population.value,
            self.low,
            self.high,
            self.claimant_key,
            self.as_of_text,
        )

    @property
    def is_window(self) -> bool:
        """A figure for a finished window ("in November alone", "1979–1989"), not a running
        total: its own series, never one end of a spread of running totals."""
        return self.as_of is None and (self.period_start is not None or self.period_end is not None)

    @property
    def short_id(self) -> str:
        return self.id[:SHORT_ID]

    def _series(self) -> str:
        """The claimant's run of figures this claim belongs to."""
        return _digest(
            self.metric.value,
            self.party.value,
            self.population.value,
            self.claimant_key,
            self.period_start,
            self.period_end,
        )[:16]

    @property
    def as_of_text(self) -> str | None:
        if self.as_of is None:
            return None
        return format_partial(self.as_of, self.as_of_precision)

    @property
    def effective_date(self) -> date | None:
        """The date the figure is taken to hold for, for ordering: as-of, else what we know.

        A figure known to a month ("last month") holds until that month's last day.
        """
        if self.as_of is not None:
            return last_day(self.as_of, self.as_of_precision)
        return self.period_end or self.stated_at or self.published

    @property
    def figure(self) -> str:
        return render_figure(self.low, self.high, self.qualifier)


@dataclass(frozen=True, slots=True)
class Document:
    """An article or pasted text that claims were read from."""

    outlet: str
    text: str = ""
    url: str = ""
    title: str = ""
    published: date | None = None

    @property
    def text_hash(self) -> str:
        """Identifies the same text however it arrived; whitespace differences do not count."""
        body = " ".join(self.text.split()) or f"{self.outlet}|{self.title}|{self.url}"
        return hashlib.sha256(body.encode()).hexdigest()
