"""Header lines at the top of pasted text: ``outlet:``, ``date:``, ``url:`` and ``title:``.

A moderator pasting an article may say where and when it was published::

    outlet: Kyiv Independent
    date: 2024-02-19
    url: https://example.org/article
    title: Losses rise

    Ukraine said on Monday that ...

Text that arrives as one line (a chat command's words) reads the same way, a key's value
running to the next key; the last key's value is one word, or several in double quotes
(``outlet: "Kyiv Independent" date: 2024-02-19 Ukraine said ...``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from claims.text import one_line

__all__ = ["HEADER_KEYS", "Header", "read_header"]

HEADER_KEYS = ("outlet", "date", "url", "title")
_LINE = re.compile(r"^\s*(outlet|date|url|title)\s*:\s*(.*?)\s*$", re.IGNORECASE)
_KEY = re.compile(r"^(outlet|date|url|title):$", re.IGNORECASE)
_VALUE_WORDS = 40  # a longer run before the next key is the body, not a value


@dataclass(frozen=True, slots=True)
class Header:
    outlet: str = ""
    date: str = ""
    url: str = ""
    title: str = ""
    body: str = ""


def _by_lines(text: str) -> Header | None:
    lines = text.lstrip("\n").split("\n")
    values: dict[str, str] = {}
    taken = 0
    for line in lines:
        m = _LINE.match(line)
        if m is None:
            break
        values[m.group(1).lower()] = one_line(m.group(2))
        taken += 1
    if not values:
        return None
    return Header(**values, body="\n".join(lines[taken:]).strip())


def _by_words(text: str) -> Header:
    words = text.split()
    values: dict[str, str] = {}
    i = 0
    while i < len(words) and (m := _KEY.match(words[i])):
        i += 1
        taken: list[str] = []
        if i < len(words) and words[i].startswith('"'):  # a quoted value: to its closing quote
            while i < len(words):
                taken.append(words[i])
                i += 1
                joined = " ".join(taken)
                if len(joined) > 1 and joined.endswith('"'):
                    break
        else:  # to the next key when one follows soon, else one word
            ahead = range(i, min(len(words), i + _VALUE_WORDS))
            end = next((j for j in ahead if _KEY.match(words[j])), i + 1)
            taken, i = words[i:end], end
        values[m.group(1).lower()] = " ".join(taken).strip('"').strip()
    if not values:
        return Header(body=text.strip())
    return Header(**values, body=" ".join(words[i:]))


def read_header(text: str) -> Header:
    """The header's values and the text after it; a text without header lines is all body."""
    if "\n" in text.strip():
        found = _by_lines(text)
        return found if found is not None else Header(body=text.strip())
    return _by_words(text)
