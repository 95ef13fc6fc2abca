"""The fields a moderator can set on a claim, in one table, and what an edit changes.

Each field has its name, the form it accepts, its help text, a parser from what was typed to
the claim's values, and how its current value is written back (so a prefilled ``/edit`` form,
a Discord modal and the before/after of the record all read the same). ``/edit``'s and
``/add``'s grammar, their help, the "unknown field — did you mean" answers and the modal's
inputs are all derived from ``FIELDS``.

A command line is ``<field> <value words> <field> <value words> ...``; a value in double
quotes may hold any words, field names included.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum
from typing import Any

from claims.dates import parse_partial
from claims.model import Claim
from claims.numbers import MAX_COUNT, NotANumber, OutOfRange, whole_number
from claims.registry import party_named, party_suggestions
from claims.text import one_line
from claims.vocab import ClaimantSide, Kind, Metric, Population, Qualifier, lookup

__all__ = [
    "ADD_ONLY",
    "DEFAULT_KIND",
    "FIELDS",
    "MODAL_FIELDS",
    "BadValue",
    "Change",
    "Field",
    "UnknownField",
    "Values",
    "apply",
    "diff",
    "field_named",
    "parse_figure",
    "parse_values",
    "split_fields",
]

Values = dict[str, Any]


class BadValue(ValueError):
    """A value a field cannot take; ``close`` is the nearest valid word when there is one."""

    def __init__(self, field: Field, given: str, close: str | None = None) -> None:
        super().__init__(f"{field.name}: {given!r}")
        self.field, self.given, self.close = field, given, close


class UnknownField(ValueError):
    def __init__(self, word: str, close: str | None) -> None:
        super().__init__(word)
        self.word, self.close = word, close


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    form: str
    help: str
    parse: Callable[[Field, str], Values]
    show: Callable[[Claim], str]
    aliases: tuple[str, ...] = ()


def _closest(word: str, valid: Sequence[str]) -> str | None:
    found = difflib.get_close_matches(word.lower(), valid, n=1, cutoff=0.6)
    return found[0] if found else None


def _vocab(vocab: type[StrEnum], key: str) -> Callable[[Field, str], Values]:
    def parse(field: Field, text: str) -> Values:
        found = lookup(vocab, text)
        if found is None:
            raise BadValue(field, text, _closest(text, [v.value for v in vocab]))
        return {key: found}

    return parse


def _party(field: Field, text: str) -> Values:
    party = party_named(text)
    if party is None:
        close = party_suggestions(text, limit=1)
        raise BadValue(field, text, close[0].value if close else None)
    return {"party": party}


_FIGURE = re.compile(
    r"^(?P<sign>[~≈>≥<≤]|>=|<=)?\s*(?P<low>[0-9][0-9,]*)(?:\s*[-–]\s*(?P<high>[0-9][0-9,]*))?$"
)
_SIGNS = {
    "~": Qualifier.APPROX,
    "≈": Qualifier.APPROX,
    ">": Qualifier.AT_LEAST,
    "≥": Qualifier.AT_LEAST,
    ">=": Qualifier.AT_LEAST,
    "<": Qualifier.AT_MOST,
    "≤": Qualifier.AT_MOST,
    "<=": Qualifier.AT_MOST,
}


def _count(text: str) -> int:
    digits = text.replace(",", "")
    if "," in text and not re.fullmatch(r"[0-9]{1,3}(,[0-9]{3})+", text):
        raise NotANumber(text)
    return whole_number(digits, 0, MAX_COUNT)


def parse_figure(text: str) -> tuple[int | None, int | None, Qualifier]:
    """``6,000``, ``~6,000``, ``>6,000``, ``≥6,000``, ``≤6,000``, ``2,000-4,000`` as low, high
    and the hedge; ValueError for anything else."""
    m = _FIGURE.match(text.strip())
    if m is None:
        raise ValueError(text)
    sign, low_text, high_text = m.group("sign"), m.group("low"), m.group("high")
    try:
        low = _count(low_text)
        high = _count(high_text) if high_text else None
    except (NotANumber, OutOfRange):
        raise ValueError(text) from None
    if high is not None:
        if sign or low > high:
            raise ValueError(text)
        return low, high, Qualifier.RANGE
    qualifier = _SIGNS.get(sign or "", Qualifier.EXACT)
    if qualifier is Qualifier.AT_LEAST:
        return low, None, qualifier
    if qualifier is Qualifier.AT_MOST:
        return None, low, qualifier
    return low, low, qualifier


def _figure(field: Field, text: str) -> Values:
    try:
        low, high, qualifier = parse_figure(text)
    except ValueError:
        raise BadValue(field, text) from None
    return {"low": low, "high": high, "qualifier": qualifier, "value_text": text}


def _text(key: str, *, clearable: bool = False) -> Callable[[Field, str], Values]:
    def parse(field: Field, text: str) -> Values:
        value = one_line(text)
        if clearable and value.lower() == "none":
            value = ""
        if not value and not clearable:
            raise BadValue(field, text)
        return {key: value}

    return parse


def _claimant(field: Field, text: str) -> Values:
    # the key is read again from the new name; the name keeps the words as written
    return {**_text("claimant")(field, text), "claimant_key": ""}


def _as_of(field: Field, text: str) -> Values:
    if text.strip().lower() == "none":
        return {"as_of": None}
    try:
        day, precision = parse_partial(text)
    except ValueError:
        raise BadValue(field, text) from None
    return {"as_of": day, "as_of_precision": precision}


def _day(field: Field, text: str) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise BadValue(field, text) from None


def _period(field: Field, text: str) -> Values:
    text = text.strip()
    if text.lower() == "none":
        return {"period_start": None, "period_end": None}
    start, dots, end = text.partition("..")
    if not dots or not (start or end):
        raise BadValue(field, text)
    first, last = _day(field, start), _day(field, end)
    if first and last and first > last:
        raise BadValue(field, text)
    return {"period_start": first, "period_end": last}


def _show_period(claim: Claim) -> str:
    if claim.period_start is None and claim.period_end is None:
        return "none"
    return f"{claim.period_start or ''}..{claim.period_end or ''}"


FIELDS: tuple[Field, ...] = (
    Field("metric", "killed, wounded, captured, ...", "what the figure counts",
          _vocab(Metric, "metric"), lambda c: c.metric.value),
    Field("party", "a country or people, e.g. russia, north korea", "whose people",
          _party, lambda c: c.party.value),
    Field("population", "military, civilian or mixed", "which of them",
          _vocab(Population, "population"), lambda c: c.population.value),
    Field("figure", "6,000  ~6,000  >6,000  ≥6,000  ≤6,000  2,000-4,000",
          "the figure with its hedge", _figure, lambda c: c.figure),
    Field("claimant", "a name as written, in quotes when it has commas",
          "who says it", _claimant, lambda c: c.claimant, ("by",)),
    Field("side", "ukraine, russia, usa, uk, nato, un, eu_state, independent or other",
          "the claimant's side", _vocab(ClaimantSide, "claimant_side"),
          lambda c: c.claimant_side.value),
    Field("kind", "claimed, estimated, counted or modelled", "what sort of figure",
          _vocab(Kind, "kind"), lambda c: c.kind.value),
    Field("as-of", "YYYY-MM-DD, YYYY-MM, YYYY or none", "the date the figure holds for",
          _as_of, lambda c: c.as_of_text or "none", ("as_of", "asof", "date")),
    Field("period", "YYYY-MM-DD..YYYY-MM-DD or none", "the window the figure covers",
          _period, _show_period, ("window",)),
    Field("caveat", "words as written, or none", "what the source warns of",
          _text("caveat", clearable=True), lambda c: c.caveat or "none"),
    Field("outlet", "the outlet's name", "where it was reported",
          _text("outlet"), lambda c: c.outlet or "none"),
)  # fmt: skip

ADD_ONLY: tuple[Field, ...] = (
    Field("source", "an http(s) address or an outlet's name", "where it was reported",
          _text("source"), lambda c: c.url or c.outlet),
    Field("quote", "the sentence, in quotes", "the words that state the figure",
          _text("quote"), lambda c: c.quote),
)  # fmt: skip
"""Fields only ``/add`` takes: a stored claim's appearances keep their own source and quote."""

DEFAULT_KIND: dict[ClaimantSide, Kind] = {
    ClaimantSide.UKRAINE: Kind.CLAIMED,
    ClaimantSide.RUSSIA: Kind.CLAIMED,
    ClaimantSide.USA: Kind.ESTIMATED,
    ClaimantSide.UK: Kind.ESTIMATED,
    ClaimantSide.NATO: Kind.ESTIMATED,
    ClaimantSide.EU_STATE: Kind.ESTIMATED,
    ClaimantSide.UN: Kind.COUNTED,
    ClaimantSide.INDEPENDENT: Kind.ESTIMATED,
    ClaimantSide.OTHER: Kind.CLAIMED,
}
"""A hand-entered figure's kind when none is given: a party's own word is claimed, an
intelligence service's or analyst's estimated, the UN's monitors count."""

MODAL_FIELDS = ("figure", "metric", "party", "claimant", "as-of")
"""The five fields most often corrected: the inputs of Discord's edit modal (five at most);
the others are edited with the /edit command."""


def field_named(word: str, fields: Sequence[Field] = FIELDS) -> Field | None:
    word = word.lower()
    for field in fields:
        if word == field.name or word in field.aliases:
            return field
    return None


def _names(fields: Sequence[Field]) -> list[str]:
    return [f.name for f in fields]


def split_fields(words: Sequence[str], fields: Sequence[Field] = FIELDS) -> list[tuple[Field, str]]:
    """``metric killed party north korea claimant "Shoigu, minister"`` -> the fields and their
    values in the order given. Raises UnknownField for a first word that names no field, and
    BadValue for a field with no value."""
    found: list[tuple[Field, list[str]]] = []
    quoted = False
    for word in words:
        if quoted:
            found[-1][1].append(word)
            quoted = not word.endswith('"')
            continue
        field = field_named(word, fields)
        if field is not None:
            found.append((field, []))
            continue
        if not found:
            raise UnknownField(word, _closest(word, _names(fields)))
        found[-1][1].append(word)
        quoted = word.startswith('"') and not (len(word) > 1 and word.endswith('"'))
    result = []
    for field, value_words in found:
        text = " ".join(value_words).strip()
        if len(text) >= 2 and text[0] == text[-1] == '"':
            text = text[1:-1].strip()
        if not text:
            raise BadValue(field, "")
        result.append((field, text))
    return result


def parse_values(pairs: Sequence[tuple[Field, str]]) -> Values:
    values: Values = {}
    for field, text in pairs:
        values.update(field.parse(field, text))
    return values


def apply(claim: Claim, values: Mapping[str, Any]) -> Claim:
    """The claim with ``values`` set, keeping its id; its series is read again from the new
    values. ValueError when the result is no valid claim (a window that ends before it starts)."""
    return replace(claim, **values, series="")


@dataclass(frozen=True, slots=True)
class Change:
    field: str
    before: str
    after: str

    def __str__(self) -> str:
        return f"{self.field} {self.before} → {self.after}"


def diff(before: Claim, after: Claim) -> list[Change]:
    """What differs, field by field, as each field writes its value."""
    return [
        Change(f.name, f.show(before), f.show(after))
        for f in FIELDS
        if f.show(before) != f.show(after)
    ]
