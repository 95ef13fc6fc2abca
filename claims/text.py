"""Text from documents and feeds, normalised once on the way in.

A document is written by someone else: it may carry control characters that move a terminal's
cursor, invisible marks that reorder text, line breaks where one line is expected (a feed whose
channel title says ``&#10;``), and lone surrogates that no encoder accepts. Whatever enters
storage passes through one of two functions here:

- ``one_line`` for fields shown on one line (claimant, outlet, title, caveat): every line or
  paragraph break (``\\n \\r`` U+2028 U+2029 U+0085, vertical tab, form feed and the rest
  that ``str.splitlines`` knows) and tab becomes a space, runs of spaces become one;
- ``paragraphs`` for quotes and bodies: line breaks are kept, as ``\\n``; a tab is a space.

Both compose to NFC and drop control characters, invisible format characters and lone
surrogates. Renderers fold line breaks in one-line fields again (``one_line`` is cheap and
idempotent), so a field that skipped this still cannot forge a row.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["LINE_BREAKS", "one_line", "paragraphs", "printable"]

LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
"""Every character that ``str.splitlines`` breaks a line at."""

_BREAK = re.compile("\r\n|[" + LINE_BREAKS + "]")
_DROPPED = frozenset(("Cc", "Cf", "Cs", "Cn"))  # controls, format marks, surrogates, unassigned


def printable(text: str, keep: str = "") -> str:
    """Text without control characters, invisible format marks, lone surrogates and unassigned
    code points (but the characters in ``keep``), composed to NFC."""
    if not text.isprintable():  # what isprintable() passes holds none of _DROPPED: skip the walk
        text = "".join(ch for ch in text if ch in keep or unicodedata.category(ch) not in _DROPPED)
    return unicodedata.normalize("NFC", text)


def one_line(text: str) -> str:
    """A one-line field: breaks and tabs become spaces, spaces collapse, ends trimmed."""
    return " ".join(printable(_BREAK.sub(" ", text)).split())


def paragraphs(text: str) -> str:
    """Running text: every line break kept as ``\\n``, a tab made a space, spaces as written."""
    return printable(_BREAK.sub("\n", text).replace("\t", " "), keep="\n")
