"""Towns and cities that say whose civilians a figure counts: "killed in Sagaing", "near Bakhmut".

The gazetteer (``claims/data/places.tsv``, built from GeoNames by ``scripts/build_places.py``)
holds each city name a news text can use without doubt with the party whose people live there,
read once, when first needed. A city's name is a place only where a text writes it as one:
capitalised, after a word that puts something somewhere ("in", "near", "the city of"), before
a word for an area or its people ("Sagaing region", "Kharkiv's governor", "Mandalay
residents"), as what was attacked ("Kramatorsk was shelled"), or next in a list of places ("in
Kharkiv, Sumy and Kherson"). So "Reading" starting a sentence, or a
person named like a city, names no place. Candidates are found by those words, so the cost
grows with the text, not with the gazetteer.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from importlib.resources import files

from claims.vocab import Party

__all__ = ["find_places", "place_party"]

# a capitalised word, where a name may start, and the words that may follow it in a name
_CAPITAL = re.compile(r"(?<![\w'’-])[A-Z][A-Za-z-]*")
_FOLLOWING = re.compile(r"(?:\s[A-Za-z][A-Za-z-]*){1,3}")
_BEFORE = re.compile(
    r"\b(?i:in|near|around|outside|inside|across|throughout|at|from|on|into|toward|towards"
    r"|of|struck|hit|shelled|bombed|attacked|besieged)\s+(?:the\s+)?$"
)
# "in Kharkiv, Sumy and Kherson": the next of a list of places
_LISTED = re.compile(r",?\s+(?:and|or)\s+|,\s+")
# "Sagaing region", "Kharkiv's governor", "Mandalay residents", "Kramatorsk was shelled"
_AFTER = re.compile(
    r"(?:['’]s)?\s+(?i:region|oblast|province|governorate|district|city|area|state|residents"
    r"|mayor|governor|authorities|council|municipality|suburbs|outskirts)\b"
    r"|\s+(?:was|were|came|has\s+been|had\s+been)\s+(?:shelled|hit|struck|bombed|attacked"
    r"|targeted|under)\b"
)


@cache
def _gazetteer() -> dict[str, str]:
    """Each place name with its party's key (made a ``Party`` only when found in a text)."""
    text = files("claims.data").joinpath("places.tsv").read_text("utf-8")
    return dict(line.split("\t") for line in text.splitlines() if not line.startswith("#"))


@cache
def _first_words() -> frozenset[str]:
    """The first word of every name, so most capitalised words are passed over at once."""
    return frozenset(name.split(" ", 1)[0] for name in _gazetteer())


def place_party(name: str) -> Party | None:
    """The party whose people live in the city ``name``, if the gazetteer knows it alone."""
    key = _gazetteer().get(name.lower())
    return Party(key) if key is not None else None


def _name_at(text: str, start: int, end: int) -> tuple[int, Party] | None:
    """The longest name the gazetteer knows from ``start`` (a capitalised word ending at
    ``end`` that starts some name, perhaps followed by more words), with its end."""
    gazetteer = _gazetteer()
    more = _FOLLOWING.match(text, end)
    if more is not None:
        ends = [end + w.end() for w in re.finditer(r"\s\S+", more.group())]
        for stop in reversed(ends):
            key = gazetteer.get(text[start:stop].lower())
            if key is not None:
                return stop, Party(key)
    key = gazetteer.get(text[start:end].lower())
    return (end, Party(key)) if key is not None else None


def find_places(text: str) -> Iterator[tuple[int, int, Party]]:
    """Each city the text names as a place, as (start, end, party), in order."""
    taken = last_place = 0
    first_words = _first_words()
    for word in _CAPITAL.finditer(text):
        start = word.start()
        if start < taken or word.group().lower() not in first_words:
            continue
        name = _name_at(text, start, word.end())
        if name is None:
            continue
        end, party = name
        if (
            _BEFORE.search(text, max(0, start - 30), start)
            or _AFTER.match(text, end)
            or (last_place and _LISTED.fullmatch(text, last_place, start))
        ):
            taken = last_place = end
            yield start, end, party
