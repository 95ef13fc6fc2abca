"""News text cut into sentences, each with its character span, paragraph and role.

Abbreviations that end in a full stop ("Gen.", "Sept.", "U.S.", "James G. Stavridis") do not end
a sentence; a closing quote after the stop stays with its sentence. A line without closing
punctuation near the top is a headline: claims in it usually restate the body's. A sentence
that opens a quotation without naming its speaker continues the previous speaker's words. A
run of over a thousand characters without a sentence end is cut at a clause break.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from claims.extract.lexicon import words

__all__ = ["Sentence", "sentences"]

_ABBREVIATIONS = words(
    """mr mrs ms dr gen lt col maj sgt adm capt cmdr gov sen rep rev st jr sr prof pres
    jan feb mar apr jun jul aug sep sept oct nov dec no vs etc approx est dept govt inc corp co
    u.s u.k u.n e.u"""
)  # fmt: skip
_END = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s+|$)")
_HEADLINE_LINES = 3
# no sentence of news text comes near this many characters (the longest in the annotated
# corpus has 652); a longer run without a sentence end is a list or a page read without its
# punctuation, and is read in clauses, so that the work per sentence stays bounded
_LONGEST = 1_000
_CLAUSE_END = re.compile(r"[;:,)\]–—](?=\s)")


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str
    paragraph: int
    headline: bool = False

    @property
    def opens_quote(self) -> bool:
        return self.text.lstrip()[:1] in "\"“«'‘"


def _token_before(text: str, stop: int) -> str:
    """The word or dotted abbreviation that ends at ``stop``, read backwards from it: a search
    anchored at the stop would try every position of the paragraph before it."""
    begin = stop
    while begin and (text[begin - 1].isalnum() or text[begin - 1] in "._"):
        begin -= 1
    return text[begin:stop]


def _ends_sentence(text: str, stop: int, after: int) -> bool:
    """Whether the stop at ``stop`` ends a sentence: not an abbreviation or an initial."""
    if text[stop] != ".":
        return True
    token = _token_before(text, stop).lower()
    if token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha()):
        return False
    if re.fullmatch(r"(?:[a-z]\.)+[a-z]", token):  # U.S. / a.m.
        return False
    following = text[after : after + 2].lstrip()
    return not following or not following[0].islower()


def _pieces(text: str, begin: int, end: int) -> Iterator[tuple[int, int]]:
    """The span from ``begin`` to ``end`` in pieces of at most ``_LONGEST`` characters, each
    cut after the last clause break (or else space) of its second half."""
    while end - begin > _LONGEST:
        limit = begin + _LONGEST
        cut = 0
        for m in _CLAUSE_END.finditer(text, begin + _LONGEST // 2, limit):
            cut = m.end()
        cut = cut or text.rfind(" ", begin + _LONGEST // 2, limit) + 1 or limit
        yield begin, cut
        begin = cut
    yield begin, end


def _split_paragraph(text: str, offset: int, paragraph: int, headline: bool) -> list[Sentence]:
    ends = [m.end() for m in _END.finditer(text) if _ends_sentence(text, m.start(), m.end())]
    found: list[Sentence] = []
    begin = 0
    for end in [*ends, len(text)]:
        for start, stop in _pieces(text, begin, end):
            piece = text[start:stop]
            body = piece.strip()
            if body:
                lead = len(piece) - len(piece.lstrip())
                at = offset + start + lead
                found.append(Sentence(at, at + len(body), body, paragraph, headline))
        begin = end
    return found


def sentences(text: str) -> list[Sentence]:
    """Every sentence of the text in order; each line of the text is its own paragraph."""
    found: list[Sentence] = []
    position = 0
    paragraph = 0
    for line in text.splitlines(keepends=True):
        body = line.strip()
        if body:
            headline = (
                paragraph < _HEADLINE_LINES
                and not re.search(r"[.!?…][\"'”’)]*$", body)
                and len(body) < 200
            )
            found.extend(_split_paragraph(line, position, paragraph, headline))
            paragraph += 1
        position += len(line)
    return found
