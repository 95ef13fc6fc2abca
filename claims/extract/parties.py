"""Whose people a figure counts: party words in a sentence and the role each one plays.

"Russian troops" names the people counted; "in Ukraine" and "the Ukrainian city of Bakhmut"
are places (they say whose civilians died, not whose soldiers); "Russia's invasion" and "the
Israeli aggression" name the side doing harm; "the Russian Defence Ministry said" names a
source. ``mentions`` reads every party word with its role; the extractor chooses among them.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from claims.extract.captivity import is_captor
from claims.extract.lexicon import (
    AGGRESSION,
    OFFICIAL_NOUNS,
    PLACE_NOUNS,
    PLACES,
)
from claims.extract.party_names import PartyName, find_party_names
from claims.extract.phrases import PhraseSearch
from claims.extract.places import find_places
from claims.vocab import Party

__all__ = ["Mention", "Role", "mentions", "opponent", "top_parties"]

_PLACE = PhraseSearch(PLACES, possessive=False, after_hyphen=True)
_LOCATIVE = re.compile(
    r"(?i)\b(?:in|into|inside|across|throughout|near|at|to|from|of|on|over|toward|towards"
    r"|entered|left|leave|leaving|invaded|invade|occupied|attack|attacked|against|such\s+as)"
    r"\s+(?:the\s+)?$"
)
# how far around a party word its role is read: further than any phrase the role patterns
# match, and short, so that reading every word of a long text stays linear in its length
_NEAR = 200
# "the Israel-Hamas war", "Russia-Ukraine talks": the sides name the war, not the people counted
_NAMES_A_WAR = re.compile(
    r"(?i)^(?:\s*[-–/]\s*[A-Z][\w'’-]*)*\s+(?:war|conflict|ceasefire|truce|talks|negotiations"
    r"|peace|front(?:line)?|border|frontier)\b"
)
# "Afghanistan's Paktika province", "Ukraine's Donetsk region": a place inside the country
_NAMED_AREA = re.compile(
    r"^['’]s\s+(?:[A-Z][\w'’-]*\s+){1,3}(?i:province|region|oblast|state|governorate|district"
    r"|city|town|village)\b"
)
# kinds of registry phrase that name a country or its government, so may be a place or a source
_COUNTRY_KINDS = frozenset({"name", "capital", "institution"})
_OPPONENTS = {
    Party.RUSSIA: Party.UKRAINE,
    Party.UKRAINE: Party.RUSSIA,
    Party.ISRAEL: Party.PALESTINE,
    Party.PALESTINE: Party.ISRAEL,
    Party.GERMANY: Party.USSR,
    Party.USSR: Party.GERMANY,
}


class Role(StrEnum):
    PEOPLE = "people"  # the people counted, or may be
    PLACE = "place"
    AGGRESSOR = "aggressor"
    SOURCE = "source"
    CAPTOR = "captor"  # the side holding prisoners: "Russian captivity", "held by Hamas"
    WAR = "war"  # a side naming a war: "the Israel-Hamas war", not where its dead died


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    party: Party
    role: Role
    word: str


def opponent(party: Party) -> Party | None:
    return _OPPONENTS.get(party)


def _role(text: str, name: PartyName) -> Role:
    after = text[name.end : name.end + _NEAR]
    bare = after[2:] if after[:2] in ("'s", "’s") else after
    if is_captor(text, name.start, name.end):
        return Role.CAPTOR
    if AGGRESSION.match(after):
        return Role.AGGRESSOR
    if OFFICIAL_NOUNS.match(after):
        return Role.SOURCE
    if _NAMES_A_WAR.match(bare):
        return Role.WAR
    if PLACE_NOUNS.match(bare) or _NAMED_AREA.match(after):
        return Role.PLACE
    if name.kind in _COUNTRY_KINDS and not re.match(r"'s|’s", after):
        if _LOCATIVE.search(text, max(0, name.start - 40), name.start):
            return Role.PLACE
        if re.match(r"\s+(?:said|says|claimed|claims|estimated|reported|stated)\b", after):
            return Role.SOURCE
    return Role.PEOPLE


def mentions(text: str) -> list[Mention]:
    """Every party word and place in the text, with the role it plays there."""
    return list(_mentions(text))


@lru_cache(maxsize=16)  # a sentence's figures and each of its sources ask for its party words
def _mentions(text: str) -> tuple[Mention, ...]:
    found = [
        Mention(name.start, name.end, name.party, _role(text, name), name.text)
        for name in find_party_names(text)
    ]
    found += [
        Mention(start, end, PLACES[text[start:end].lower()], Role.PLACE, text[start:end])
        for start, end in _PLACE.spans(text)
    ]
    taken = sorted((m.start, m.end) for m in found)
    found += [
        Mention(start, end, party, Role.PLACE, text[start:end])
        for start, end, party in find_places(text)
        if not _overlaps(taken, start, end)
    ]
    return tuple(_joined(text, sorted(found, key=lambda x: x.start)))


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether (start, end) overlaps any of the sorted, non-overlapping ``spans``."""
    i = bisect_left(spans, (end, -1)) - 1
    return i >= 0 and spans[i][1] > start


_JOINED = re.compile(r"(?i)^\s*(?:and|&)\s+$")
_COUNTED_NOUN = re.compile(
    r"(?i)^(?:['’]s)?\s+(?:\w+\s+)?(?:troops|soldiers|forces|servicemen|military|armies|sides"
    r"|casualt(?:y|ies)|losses|deaths|dead|fatalities|combatants|fighters|personnel)\b"
)


def _joined(text: str, found: list[Mention]) -> list[Mention]:
    """ "Russian and Ukrainian troops", "combined Ukrainian and Russian casualties": two
    sides' people counted together are one mention of both. The last two of a longer list
    ("Arab, European and Australian fighters") are not two sides."""
    merged: list[Mention] = []
    for mention in found:
        last = merged[-1] if merged else None
        if (
            last is not None
            and last.role is Role.PEOPLE
            and mention.role is Role.PEOPLE
            and last.party != mention.party
            and _JOINED.match(text[last.end : mention.start])
            and _COUNTED_NOUN.match(text[mention.end : mention.end + 60])
            and not re.search(r",\s*$", text[max(0, last.start - 3) : last.start])
        ):
            word = text[last.start : mention.end]
            merged[-1] = Mention(last.start, mention.end, Party.BOTH, Role.PEOPLE, word)
            continue
        merged.append(mention)
    return merged


def top_parties(text: str, limit: int = 2) -> list[Party]:
    """The parties a text speaks of most, most first."""
    counts: Counter[Party] = Counter()
    for m in mentions(text):
        if m.party != Party.BOTH:
            # a source's name ("the Syrian Observatory") says what the text is about, less
            counts[m.party] += 2 if m.role is not Role.SOURCE else 1
    return [party for party, _ in counts.most_common(limit)]
