"""The party registry: every country or people a figure can count, with the names texts use.

The registry is data, not code: ``claims/data/parties.toml`` lists each party's display name,
other names, demonyms, capitals, institutions and armed groups, read once here. Commands read a
user's party word with ``party_named``; the extractor builds its patterns from ``party_words``.
Some phrases are also everyday words ("us", "chad", "jordan", "both"): a reader of free text
decides by case and context, which a table cannot.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from difflib import SequenceMatcher, get_close_matches
from functools import cache
from importlib.resources import files
from types import MappingProxyType
from typing import Any

from claims.vocab import ClaimantSide, Party

__all__ = [
    "PARTIES",
    "PartyInfo",
    "party_info",
    "party_named",
    "party_suggestions",
    "party_words",
]

_KINDS = ("name", "demonym", "capital", "institution", "group")


@dataclass(frozen=True, slots=True)
class PartyInfo:
    key: Party  # "north_korea"
    name: str  # "North Korea", for display
    side: ClaimantSide  # whose side its officials speak for
    names: tuple[str, ...]  # lower case, the display name first
    demonyms: tuple[str, ...]
    capitals: tuple[str, ...]
    institutions: tuple[str, ...]  # bodies that name it alone: "the kremlin", "idf"
    groups: tuple[str, ...]  # armed groups fighting for it: "wagner", "hezbollah"
    historical: bool  # ussr, yugoslavia, east germany ...

    def phrases(self) -> list[tuple[str, str]]:
        """Every phrase that names this party, with its kind."""
        lists = (self.names, self.demonyms, self.capitals, self.institutions, self.groups)
        return [
            (phrase, kind) for kind, words in zip(_KINDS, lists, strict=True) for phrase in words
        ]


def _words(entry: Mapping[str, Any], field: str) -> tuple[str, ...]:
    return tuple(str(w).strip().lower() for w in entry.get(field, ()))


def _info(key: str, entry: Mapping[str, Any]) -> PartyInfo:
    name = str(entry["name"])
    names = (key.replace("_", " "), name.lower(), *_words(entry, "names"))
    return PartyInfo(
        key=Party(key),
        name=name,
        side=ClaimantSide(entry.get("side", ClaimantSide.OTHER)),
        names=tuple(dict.fromkeys(names)),
        demonyms=_words(entry, "demonyms"),
        capitals=_words(entry, "capitals"),
        institutions=_words(entry, "institutions"),
        groups=_words(entry, "groups"),
        historical=bool(entry.get("historical", False)),
    )


def _load() -> Mapping[str, PartyInfo]:
    data = tomllib.loads(files("claims.data").joinpath("parties.toml").read_text("utf-8"))
    return MappingProxyType({key: _info(key, entry) for key, entry in data.items()})


PARTIES: Mapping[str, PartyInfo] = _load()


def party_info(key: str) -> PartyInfo | None:
    return PARTIES.get(key)


def _plain(words: str) -> str:
    text = " ".join(words.strip().lower().replace("’", "'").split())
    if text.startswith("the "):
        text = text[4:]
    if text.endswith(("'s", "'")):
        text = text.removesuffix("'s").removesuffix("'")
    return text


@cache
def _by_phrase() -> dict[str, Party]:
    found: dict[str, Party] = {}
    for info in PARTIES.values():
        found.setdefault(info.key.value, info.key)
        for phrase, _kind in info.phrases():
            found.setdefault(_plain(phrase), info.key)
            found.setdefault(_plain(phrase).replace("-", " "), info.key)
    return found


def party_named(words: str) -> Party | None:
    """The party that ``words`` name: its key, a name, demonym, capital, institution or group.

    Case does not matter, nor a leading "the", a possessive or underscores for spaces.
    """
    text = _plain(words)
    return _by_phrase().get(text) or _by_phrase().get(text.replace("_", " ").replace("-", " "))


def party_suggestions(words: str, limit: int = 3) -> list[Party]:
    """Registered parties whose key or a name is closest to ``words``, for a "did you mean".

    Only those nearly as close as the best are offered: "rusia" is russia, not also usa.
    """
    typed = _plain(words)
    scored = []
    for phrase in get_close_matches(typed, list(_by_phrase()), n=limit * 3, cutoff=0.75):
        scored.append((SequenceMatcher(None, typed, phrase).ratio(), _by_phrase()[phrase]))
    best = scored[0][0] if scored else 0.0
    near = [party for score, party in scored if score >= best - 0.1]
    return list(dict.fromkeys(near))[:limit]


@cache
def _all_words() -> tuple[tuple[str, Party, str], ...]:
    found = [
        (phrase, info.key, kind) for info in PARTIES.values() for phrase, kind in info.phrases()
    ]
    return tuple(sorted(found, key=lambda row: (-len(row[0]), row[0])))


def party_words() -> list[tuple[str, Party, str]]:
    """(lower-case phrase, party, kind) for every phrase of every party, longest first.

    Kind is one of name, demonym, capital, institution, group. A phrase listed under two
    parties appears twice; the extractor decides.
    """
    return list(_all_words())
