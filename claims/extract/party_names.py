"""Party names in free text: every phrase of the party registry, found the way news text writes it.

The registry (``claims.registry``) lists each party's names, demonyms, capitals, institutions and
armed groups in lower case. In running text they are proper nouns: "Hezbollah fighters", "North
Korean troops", "the Tatmadaw", "Kyiv said". A phrase counts only when written with a capital
(and a short one such as "US" or "IDF" only in capitals), so "us", "chad" or "turkey" as
everyday words are not parties. Matching visits each capitalised word of the text once and
looks it up by its first word, so the cost grows with the text, not with the registry's size.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from claims.registry import party_words
from claims.vocab import Party

__all__ = ["PartyName", "find_party_names", "single_party_word"]

_TOKEN = re.compile(r"[A-Za-z0-9]+")
# a name starts with a capital: "Hezbollah", "US", "North Korean"
_CAPITALISED = re.compile(r"(?<![A-Za-z0-9])[A-Z][A-Za-z0-9]*")
# the next word of a name, and what may stand before it: "U.S.", "al-Sham", "people's"
_NEXT = re.compile(r"[\s.'’-]{1,2}([A-Za-z0-9]+)")
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


def _following(text: str, end: int, count: int) -> list[re.Match[str]] | None:
    """The ``count`` words right after ``end``, each joined to the one before as in a name."""
    words = []
    for _ in range(count):
        m = _NEXT.match(text, end)
        if m is None:
            return None
        words.append(m)
        end = m.end()
    return words


def find_party_names(text: str) -> list[PartyName]:
    """Every registry phrase in ``text``, the longest where two start together, in order."""
    index = _by_first_word()
    found: list[PartyName] = []
    taken = 0
    for first in _CAPITALISED.finditer(text):
        if first.start() < taken:
            continue
        for tokens, party, kind in index.get(first.group(0).lower(), ()):
            rest = _following(text, first.end(), len(tokens) - 1)
            if rest is None or any(
                m.group(1).lower() != token for m, token in zip(rest, tokens[1:], strict=True)
            ):
                continue
            start, end = first.start(), rest[-1].end() if rest else first.end()
            if text[end : end + 1] == "." and text[end - 2 : end - 1] == ".":
                end += 1  # "U.S."
            if not _written_as_a_name(tokens, text[start:end]):
                continue
            found.append(PartyName(start, end, party, kind, text[start:end]))
            taken = end
            break
    return found


def single_party_word(word: str) -> Party | None:
    """The party a single written word names ("Russian", "Kyiv"), if any."""
    names = find_party_names(word)
    return names[0].party if len(names) == 1 and names[0].text == word else None
