"""Reading what users type: commands, vocabulary words, dates, numbers.

Numbers are ASCII digits within a range, read by ``claims.numbers`` and nothing else.

Every failure is a ``UserError`` that says what was wrong, suggests the closest valid word and
lists the valid ones. A user's word is echoed back clipped and cleaned of control characters;
renderers escape it.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from datetime import date
from enum import StrEnum
from typing import TypeVar
from urllib.parse import urlsplit

from claims.errors import UserError
from claims.numbers import MAX_ID, NotANumber, OutOfRange, whole_number
from claims.registry import party_named, party_suggestions
from claims.text import printable
from claims.vocab import ALIASES, Party, lookup

__all__ = [
    "MAX_INPUT",
    "clean",
    "clip",
    "parse_command",
    "parse_date",
    "parse_number",
    "parse_party",
    "parse_url",
    "parse_word",
    "rank",
    "suggest",
    "unknown_party",
]

MAX_INPUT = 4096
E = TypeVar("E", bound=StrEnum)
_COMMAND = re.compile(r"^/([A-Za-z0-9_]{1,32})(?:@([A-Za-z0-9_]{1,64}))?$")


def clean(text: str) -> str:
    """Cap the length; drop control and format characters and lone surrogates, as a document's
    text loses them (``claims.text``), but keep tabs and newlines, which separate words."""
    return printable(text[:MAX_INPUT], keep="\n\t")


def clip(word: str, limit: int = 40) -> str:
    word = " ".join(clean(word).split())
    return word if len(word) <= limit else word[: limit - 1] + "…"


def parse_command(text: str, bot_username: str = "") -> tuple[str, tuple[str, ...]] | None:
    """``/estimates@TallyBot killed russia`` -> ("estimates", ("killed", "russia")).

    None when the text is not a command, or is addressed to another bot.
    """
    words = clean(text).split()
    if not words:
        return None
    m = _COMMAND.match(words[0])
    if m is None:
        return None
    name, addressee = m.groups()
    if addressee and bot_username and addressee.lower() != bot_username.lower():
        return None
    return name.lower(), tuple(words[1:])


def _unknown(
    what: str, word: str, match: str | None, valid: Sequence[str], prefix: str
) -> UserError:
    hint = f" — did you mean {prefix}{match}?" if match else "."
    listing = ", ".join(f"{prefix}{v}" for v in valid)
    plural = what[:-1] + "ies" if what.endswith("y") else what + "s"
    return UserError(
        f"unknown {what} '{prefix}{clip(word)}'{hint} {plural.capitalize()}: {listing}"
    )


def suggest(what: str, word: str, valid: Sequence[str], *, prefix: str = "") -> UserError:
    """``unknown metric 'kiled' — did you mean killed? Metrics: killed, wounded, ...``"""
    close = difflib.get_close_matches(word.lower(), valid, n=1, cutoff=0.6)
    return _unknown(what, word, close[0] if close else None, valid, prefix)


def rank(typed: str, valid: Sequence[str]) -> list[str]:
    """The valid words that fit what was typed: those it starts, contains, then resembles."""
    typed = typed.strip().lower()
    if not typed:
        return list(valid)
    starts = [v for v in valid if v.lower().startswith(typed)]
    contains = [v for v in valid if typed in v.lower() and v not in starts]
    lowered = {v.lower(): v for v in valid}
    close = difflib.get_close_matches(typed, list(lowered), n=5, cutoff=0.6)
    near = [lowered[c] for c in close if lowered[c] not in starts and lowered[c] not in contains]
    return starts + contains + near


def parse_word(vocab: type[E], word: str, what: str) -> E:
    """A vocabulary value from its name or an alias, or a UserError with a suggestion."""
    found = lookup(vocab, word)
    if found is not None:
        return found
    valid = [v.value for v in vocab]
    close = difflib.get_close_matches(word.lower(), [*valid, *ALIASES.get(vocab, {})], n=1)
    target = lookup(vocab, close[0]) if close else None
    match = target.value if target is not None else None
    raise _unknown(what, word, match, valid, "")


def parse_date(word: str) -> date:
    try:
        return date.fromisoformat(word)
    except ValueError:
        raise UserError(
            f"'{clip(word)}' is not a date — write it as YYYY-MM-DD, e.g. 2022-06-01."
        ) from None


def parse_number(word: str, what: str, maximum: int = MAX_ID, *, example: str) -> int:
    """A whole number from 1 to ``maximum`` in the digits 0-9 (``claims.numbers``): a page, a
    count or an id. A UserError says what was wrong and shows ``example``, e.g. ``/latest 5``."""
    try:
        return whole_number(word, 1, maximum)
    except NotANumber:
        if maximum == MAX_ID:
            problem = f"'{clip(word)}' is not a {what} — give digits 0-9"
        else:
            problem = f"'{clip(word)}' is not a number — give digits 0-9, from 1 to {maximum}"
    except OutOfRange:
        if maximum == MAX_ID:  # an id: a bound would be news to the user
            problem = f"there is no {what} {clip(word)}"
        else:
            problem = f"{what} must be a whole number from 1 to {maximum}, not '{clip(word)}'"
    raise UserError(f"{problem}, e.g. {example}")


_HOST_PORT = re.compile(r"^(?:\[[0-9A-Fa-f:.]+\]|[^\[\]:]+)(?::[0-9]*)?$")


def parse_url(word: str, *, example: str) -> str:
    """An http(s) address a user gave, checked before anything uses it: the scheme, a host,
    brackets only around an IPv6 address, and a port (when given) from 1 to 65535."""
    try:
        parts = urlsplit(word)
    except ValueError:  # unbalanced brackets, or brackets around something else
        raise _bad_url(word, "its brackets do not hold an IPv6 address", example) from None
    try:
        port = parts.port
    except ValueError:  # out of range or not digits
        port = 0
    if parts.scheme.lower() not in ("http", "https"):
        raise _bad_url(word, "it does not start with http:// or https://", example)
    if port == 0:
        raise _bad_url(word, "its port is not a number from 1 to 65535", example)
    if not parts.hostname or not _HOST_PORT.match(parts.netloc.rpartition("@")[2]):
        raise _bad_url(word, "it has no valid host name", example)
    return word


def _bad_url(word: str, problem: str, example: str) -> UserError:
    return UserError(
        f"'{clip(word)}' is not an http(s) address I can use: {problem}, e.g. {example}"
    )


MAX_PARTY_WORDS = 6  # "democratic people's republic of korea"


def parse_party(words: Sequence[str]) -> tuple[Party, int] | None:
    """The party that the longest run of ``words`` from the first names, and the run's length.

    ``("north", "korea", "all")`` -> ``(north_korea, 2)``; None when no run names a party.
    """
    for n in range(min(len(words), MAX_PARTY_WORDS), 0, -1):
        if (party := party_named(" ".join(words[:n]))) is not None:
            return party, n
    return None


def unknown_party(words: str) -> UserError:
    """``unknown party 'north kora' — did you mean north_korea?``"""
    close = party_suggestions(words)
    if close:
        hint = " — did you mean " + " or ".join(p.value for p in close) + "?"
    else:
        hint = ". Name a country or people, e.g. russia, north_korea, lebanon or hezbollah."
    return UserError(f"unknown party '{clip(words)}'{hint}")
