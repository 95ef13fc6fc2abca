"""Party names in free text: every phrase of the party registry, found the way news text writes it.

The registry (``claims.registry``) lists each party's names, demonyms, capitals, institutions and
armed groups in lower case. In running text they are proper nouns: "Hezbollah fighters", "North
Korean troops", "the Tatmadaw", "Kyiv said". A phrase counts only when written with a capital
(and a short one such as "US" or "IDF" only in capitals), so "us", "chad" or "turkey" as
everyday words are not parties. Matching walks the words of the text once and looks each one
up by its first word, so the cost grows with the text, not with the size of the registry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from claims.registry import party_words
from claims.vocab import Party

__all__ = ["PartyName", "find_party_names", "single_party_word"]

_TOKEN = re.compile(r"[A-Za-z0-9]+")
# what may stand between the words of one name: "U.S.", "al-Sham", "people's", "Storm-Z"
_JOIN = re.compile(r"[\s.'’-]{1,2}")
# values that are not named in news text as parties
_NOT_IN_TEXT = frozenset({Party.BOTH})


@dataclass(frozen=True, slots=True)
class PartyName:
    start: int
    end: int
    party: Party
    kind: str  # name, demonym, capital, institution, group
    text: str  # as written


@cache
def _by_first_word() -> dict[str, list[tuple[tuple[str, ...], Party, str]]]:
    """Registry phrases split into words, indexed by their first word, longest first."""
    index: dict[str, list[tuple[tuple[str, ...], Party, str]]] = {}
    seen: set[tuple[str, ...]] = set()
    for phrase, party, kind in party_words():
        if party in _NOT_IN_TEXT or phrase.startswith("the "):
            continue
        tokens = tuple(_TOKEN.findall(phrase))
        if not tokens or tokens in seen:
            continue  # a phrase listed under two parties: the first, most written about, wins
        seen.add(tokens)
        index.setdefault(tokens[0], []).append((tokens, party, kind))
    for entries in index.values():
        entries.sort(key=lambda entry: -len(entry[0]))
    return index


def _written_as_a_name(tokens: tuple[str, ...], written: str) -> bool:
    if len(tokens[0]) <= 3:
        return written[: len(tokens[0])].isupper()  # "US", "IDF", "U.S.", not "us"
    return written[0].isupper()


def find_party_names(text: str) -> list[PartyName]:
    """Every registry phrase in ``text``, longest first where two overlap, in order."""
    index = _by_first_word()
    words = list(_TOKEN.finditer(text))
    found: list[PartyName] = []
    i = 0
    while i < len(words):
        entries = index.get(words[i].group(0).lower())
        matched = None
        for tokens, party, kind in entries or ():
            n = len(tokens)
            if i + n > len(words):
                continue
            if any(words[i + k].group(0).lower() != tokens[k] for k in range(1, n)):
                continue
            if any(
                not _JOIN.fullmatch(text[words[i + k - 1].end() : words[i + k].start()])
                for k in range(1, n)
            ):
                continue
            start, end = words[i].start(), words[i + n - 1].end()
            if end < len(text) and text[end] == "." and text[end - 2 : end - 1] == ".":
                end += 1  # "U.S."
            if not _written_as_a_name(tokens, text[start:end]):
                continue
            matched = PartyName(start, end, party, kind, text[start:end]), n
            break
        if matched is None:
            i += 1
            continue
        found.append(matched[0])
        i += matched[1]
    return found


def single_party_word(word: str) -> Party | None:
    """The party a single written word names ("Russian", "Kyiv"), if any."""
    names = find_party_names(word)
    return names[0].party if len(names) == 1 and names[0].text == word else None
