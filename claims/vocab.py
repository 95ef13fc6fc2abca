"""The vocabularies of the claim model, and the everyday words that name them.

Each closed vocabulary is a ``StrEnum`` so values are stored and shown as plain strings.
``ALIASES`` maps the words people type ("dead", "injured", "pows") to the canonical value, so
commands understand them without guessing. ``Party`` is open: a checked key, whose names live
in the party registry (``claims.registry``).
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import ClassVar, TypeVar

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


class Party(str):
    """Whose people a figure counts: a party's key, such as ``russia`` or ``north_korea``.

    Parties are open: any country or people can be one, and ``claims.registry`` holds the
    registered ones with their names. The key is the country's common English short name in
    lower case with underscores. The constants below are the parties code names often; compare
    parties with ``==``, never ``is`` (a key read from storage is a new object).
    """

    __slots__ = ()

    RUSSIA: ClassVar[Party]
    UKRAINE: ClassVar[Party]
    USSR: ClassVar[Party]
    USA: ClassVar[Party]
    UK: ClassVar[Party]
    BELARUS: ClassVar[Party]
    GEORGIA: ClassVar[Party]
    PALESTINE: ClassVar[Party]
    ISRAEL: ClassVar[Party]
    LEBANON: ClassVar[Party]
    SYRIA: ClassVar[Party]
    SUDAN: ClassVar[Party]
    ETHIOPIA: ClassVar[Party]
    IRAQ: ClassVar[Party]
    YEMEN: ClassVar[Party]
    AFGHANISTAN: ClassVar[Party]
    NORTH_KOREA: ClassVar[Party]
    GERMANY: ClassVar[Party]
    COALITION: ClassVar[Party]
    BOTH: ClassVar[Party]  # a combined total of both sides

    def __new__(cls, key: str) -> Party:
        if not _PARTY_KEY.fullmatch(key):
            raise ValueError(f"not a party key: {key!r}")
        return super().__new__(cls, key)

    @property
    def value(self) -> str:
        return str.__str__(self)

    def __repr__(self) -> str:
        return f"Party({str.__repr__(self)})"


_PARTY_KEY = re.compile(r"[a-z]+(?:_[a-z]+)*")
Party.RUSSIA = Party("russia")
Party.UKRAINE = Party("ukraine")
Party.USSR = Party("ussr")
Party.USA = Party("usa")
Party.UK = Party("uk")
Party.BELARUS = Party("belarus")
Party.GEORGIA = Party("georgia")
Party.PALESTINE = Party("palestine")
Party.ISRAEL = Party("israel")
Party.LEBANON = Party("lebanon")
Party.SYRIA = Party("syria")
Party.SUDAN = Party("sudan")
Party.ETHIOPIA = Party("ethiopia")
Party.IRAQ = Party("iraq")
Party.YEMEN = Party("yemen")
Party.AFGHANISTAN = Party("afghanistan")
Party.NORTH_KOREA = Party("north_korea")
Party.GERMANY = Party("germany")
Party.COALITION = Party("coalition")
Party.BOTH = Party("both")


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
    WITHDRAWN = "withdrawn"  # published, then retracted by a moderator: kept, shown as such


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
