"""Claims as plain JSON-ready records: the JSON Lines contract of ``tally extract`` and seed files.

Reading a record validates every vocabulary and date, and a bad one names the field.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from claims.dates import parse_partial
from claims.model import Claim
from claims.registry import party_named
from claims.vocab import ClaimantSide, DatePrecision, Kind, Metric, Party, Population, Qualifier

__all__ = ["claim_from_record", "claim_to_record"]


def _day(record: dict[str, Any], key: str) -> date | None:
    value = record.get(key)
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise ValueError(f"{key}: {value!r} is not a YYYY-MM-DD date") from exc


def _party(record: dict[str, Any]) -> Party:
    """A registered party by any of its names ("North Korea", "hezbollah"), or a party key."""
    value = record.get("party")
    try:
        return party_named(str(value)) or Party(str(value))
    except ValueError as exc:
        raise ValueError(f"party: {value!r} is not a registered party or a party key") from exc


def _enum(vocab: Any, record: dict[str, Any], key: str) -> Any:
    try:
        return vocab(record[key])
    except (KeyError, ValueError) as exc:
        raise ValueError(
            f"{key}: {record.get(key)!r} is not one of {[v.value for v in vocab]}"
        ) from exc


def claim_from_record(record: dict[str, Any], **appearance: Any) -> Claim:
    """A claim from a record; ``appearance`` (outlet, url, published...) fills what it lacks."""
    as_of, precision = None, DatePrecision.DAY
    if record.get("as_of"):
        as_of, precision = parse_partial(str(record["as_of"]))
    span = record.get("span")
    fields: dict[str, Any] = {
        "outlet": record.get("outlet") or appearance.get("outlet", ""),
        "url": record.get("url") or appearance.get("url", ""),
        "title": record.get("title") or appearance.get("title", ""),
        "published": _day(record, "published") or appearance.get("published"),
    }
    return Claim(
        metric=_enum(Metric, record, "metric"),
        party=_party(record),
        population=_enum(Population, record, "population"),
        low=record.get("low"),
        high=record.get("high"),
        qualifier=_enum(Qualifier, record, "qualifier"),
        value_text=record.get("value_text") or "",
        claimant=str(record.get("claimant") or ""),
        claimant_key=record.get("claimant_key") or "",
        claimant_side=_enum(ClaimantSide, record, "claimant_side"),
        kind=_enum(Kind, record, "kind"),
        as_of=as_of,
        as_of_precision=precision,
        period_start=_day(record, "period_start"),
        period_end=_day(record, "period_end"),
        stated_at=_day(record, "stated_at"),
        quote=record.get("quote") or "",
        span=(int(span[0]), int(span[1])) if span else None,
        caveat=record.get("caveat") or "",
        **fields,
    )


def claim_to_record(claim: Claim) -> dict[str, Any]:
    """The JSON Lines contract of DESIGN.md section 6, plus the claim's other fields."""

    def iso(value: date | None) -> str | None:
        return None if value is None else value.isoformat()

    return {
        "id": claim.id,
        "metric": claim.metric.value,
        "party": claim.party.value,
        "population": claim.population.value,
        "low": claim.low,
        "high": claim.high,
        "qualifier": claim.qualifier.value,
        "value_text": claim.value_text,
        "claimant": claim.claimant,
        "claimant_side": claim.claimant_side.value,
        "kind": claim.kind.value,
        "as_of": claim.as_of_text,
        "period_start": iso(claim.period_start),
        "period_end": iso(claim.period_end),
        "stated_at": iso(claim.stated_at),
        "quote": claim.quote,
        "span": list(claim.span) if claim.span else None,
        "caveat": claim.caveat,
        "outlet": claim.outlet,
        "url": claim.url,
        "published": iso(claim.published),
    }
