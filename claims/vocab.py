"""The closed vocabularies of the claim model, and the everyday words that name them.

Each vocabulary is a ``StrEnum`` so values are stored and shown as plain strings. ``ALIASES``
maps the words people type ("dead", "injured", "pows", "russian") to the canonical value, so
commands understand them without guessing.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TypeVar

__all__ = [
    "ALIASES",
    "ClaimantSide",
    "DatePrecision",
    "Kind",
    "Metric",
    "Party",
    "Population",
    "Qualifier",
    "Status",
    "lookup",
]


class Metric(StrEnum):
    KILLED = "killed"
    WOUNDED = "wounded"
    CASUALTIES = "casualties"  # killed and wounded together, or unspecified "losses"
    CAPTURED = "captured"
    MISSING = "missing"
    FLED = "fled"  # left the country
    DISPLACED = "displaced"  # inside the country
    MOBILIZED = "mobilized"
    DEPLOYED = "deployed"


class Party(StrEnum):
    """Whose people a figure counts."""

    RUSSIA = "russia"
    UKRAINE = "ukraine"
    USSR = "ussr"
    USA = "usa"
    BELARUS = "belarus"
    GEORGIA = "georgia"
    PALESTINE = "palestine"
    ISRAEL = "israel"
    SYRIA = "syria"
    SUDAN = "sudan"
    ETHIOPIA = "ethiopia"
    IRAQ = "iraq"
    YEMEN = "yemen"
    GERMANY = "germany"
    COALITION = "coalition"
    BOTH = "both"  # a combined total of both sides


class Population(StrEnum):
    MILITARY = "military"
    CIVILIAN = "civilian"
    MIXED = "mixed"


class Qualifier(StrEnum):
    EXACT = "exact"
    APPROX = "approx"  # "about"
    AT_LEAST = "at_least"  # "more than"; high is empty
    AT_MOST = "at_most"  # "up to", "as many as"; low is empty
    RANGE = "range"  # "between 2,000 and 4,000"


class ClaimantSide(StrEnum):
    UKRAINE = "ukraine"
    RUSSIA = "russia"
    USA = "usa"
    UK = "uk"
    NATO = "nato"
    UN = "un"
    EU_STATE = "eu_state"
    INDEPENDENT = "independent"
    OTHER = "other"


class Kind(StrEnum):
    CLAIMED = "claimed"  # a party's own statement
    ESTIMATED = "estimated"  # intelligence or analysts
    COUNTED = "counted"  # a named or verified count: a floor
    MODELLED = "modelled"  # statistical


class DatePrecision(StrEnum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"


class Status(StrEnum):
    PENDING = "pending"
    PUBLISHED = "published"
    REJECTED = "rejected"


ALIASES: dict[type[StrEnum], dict[str, str]] = {
    Metric: {
        "kill": "killed",
        "dead": "killed",
        "deaths": "killed",
        "death": "killed",
        "died": "killed",
        "fatalities": "killed",
        "kia": "killed",
        "injured": "wounded",
        "wia": "wounded",
        "losses": "casualties",
        "loss": "casualties",
        "pow": "captured",
        "pows": "captured",
        "prisoners": "captured",
        "mia": "missing",
        "refugees": "fled",
        "idps": "displaced",
        "mobilised": "mobilized",
        "mobilization": "mobilized",
        "mobilisation": "mobilized",
    },
    Party: {
        "russian": "russia",
        "russians": "russia",
        "ru": "russia",
        "ukrainian": "ukraine",
        "ukrainians": "ukraine",
        "ua": "ukraine",
        "soviet": "ussr",
        "us": "usa",
        "american": "usa",
        "americans": "usa",
    },
    Population: {
        "soldiers": "military",
        "troops": "military",
        "civilians": "civilian",
    },
}


E = TypeVar("E", bound=StrEnum)


def lookup(vocab: type[E], word: str) -> E | None:
    """The member of ``vocab`` that ``word`` names (its value or an alias), or None."""
    key = word.strip().lower().replace("-", "_")
    key = ALIASES.get(vocab, {}).get(key, key)
    try:
        return vocab(key)
    except ValueError:
        return None
