"""How claims read in a reply: rows, dates and windows, whose losses, the spread."""

from __future__ import annotations

from claims.compare import Current, Spread
from claims.dates import format_period
from claims.model import Claim
from claims.registry import party_info
from claims.vocab import Metric, Party, Population
from handlers.types import Entry

__all__ = ["current_entry", "entry", "metric_title", "party_name", "spread_text", "when", "whose"]


def party_name(party: Party) -> str:
    """The party's display name from the registry ("North Korea", "USSR", "both sides")."""
    info = party_info(party)
    return info.name if info else party.value.replace("_", " ").capitalize()


def whose(party: Party, population: Population) -> str:
    return f"{party_name(party)} · {population.value}"


def metric_title(metric: Metric) -> str:
    return metric.value.capitalize()


def when(claim: Claim) -> str:
    """The time a figure holds for: its window, its as-of date, or when it was reported."""
    if claim.period_start or claim.period_end:
        if claim.period_end is None:
            window = f"since {claim.period_start}"
            return f"{window}, as of {claim.as_of_text}" if claim.as_of else window
        return format_period(claim.period_start, claim.period_end)
    if claim.as_of is not None:
        return f"as of {claim.as_of_text}"
    if claim.published is not None:
        return f"reported {claim.published.isoformat()}"
    return "date unknown"


def entry(claim: Claim, previous: Claim | None = None) -> Entry:
    note = f"replaced {previous.figure} ({when(previous)})" if previous else ""
    return Entry(
        figure=claim.figure,
        claimant=claim.claimant,
        tags=(claim.claimant_side.value, claim.kind.value),
        when=when(claim),
        source=claim.outlet,
        ref=claim.short_id,
        note=note,
    )


def current_entry(current: Current) -> Entry:
    return entry(current.claim, current.previous)


def spread_text(spread: Spread) -> str:
    def end(claim: Claim) -> str:
        window = f", {when(claim)}" if claim.period_start or claim.period_end else ""
        return f"{claim.figure} ({claim.claimant}{window})"

    return f"Spread: {end(spread.lowest)} to {end(spread.highest)}"
