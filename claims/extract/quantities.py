"""Quantities as news text writes them: digits, number words, hedges, ranges and vague amounts.

``quantities(text)`` finds every quantity with its character span and reads it into low, high
and a qualifier the way the claim model keeps figures: "more than 5,300" is at least 5,300,
"up to 4,000" at most 4,000, "between 2,000 and 4,000" and "70 or 80,000" ranges, "about 1.5
million" approximately 1,500,000. A vague amount ("thousands", "tens of thousands") is found
but has no number: nothing is invented. Whether a quantity counts people is decided elsewhere.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from claims.vocab import Qualifier

__all__ = ["Quantity", "quantities", "read_number"]

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES = {
    "hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
    "k": 1_000, "m": 1_000_000, "mln": 1_000_000, "mn": 1_000_000, "bn": 1_000_000_000,
}  # fmt: skip
_WORD_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_FRACTIONS = {
    "a quarter of a": 0.25,
    "quarter of a": 0.25,
    "a third of a": 1 / 3,
    "a half": 0.5,
    "half a": 0.5,
    "three quarters of a": 0.75,
}
_WORD = "|".join(sorted(_UNITS, key=len, reverse=True))
_SCALE = r"hundred|thousand|million|billion"
_DIGITS = (
    r"\d{1,3}(?:\.\d{3}){2,}(?![\d.])"  # "1.200.000": dots grouping thousands
    r"|\d{1,3}(?:(?:,|\u00a0|\u202f| )\d{3}(?!\d))+(?:\.\d+)?|\d+(?:\.\d+)?"
)

# how many dozen: "a dozen", "two dozen" (a count of twelves, read as its product)
_DOZENS = r"a|one|two|three|four|five|six|seven|eight|nine|ten"

# one number: digits with an optional scale, or number words, or a fraction of a scale
_NUMBER = (
    rf"(?:(?:{_DIGITS})(?:\s*(?:{_SCALE})\b|(?:k|m)\b|\s?(?:mln|mn|bn)\b|(?![\w\u00a0]|[.,]\d))"
    rf"|(?:{_DOZENS})\s+dozen\b"  # "two dozen": before the words, which would stop at "two"
    rf"|(?:a\s+)?(?:(?:{_WORD})(?:[\s-]+(?:and\s+)?(?:{_WORD}|{_SCALE}))*|a\s+(?:{_SCALE}))\b"
    rf"|(?:(?:a\s+)?quarter\s+of\s+a|a\s+third\s+of\s+a|half\s+a|three\s+quarters\s+of\s+a)\s+(?:{_SCALE})\b"
    r")"
)
_AT_LEAST = (
    r"more\s+than|over|at\s+least|well\s+over|upwards?\s+of|in\s+excess\s+of|no\s+fewer\s+than"
    r"|no\s+less\s+than|above|exceed(?:s|ed|ing)?|surpass(?:es|ed|ing)?|top(?:s|ped|ping)"
    r"|passed|just\s+over|beyond"
)
_APPROX = (
    r"about|around|roughly|some|nearly|almost|close\s+to|an\s+estimated|approximately|approx\.?"
    r"|circa|an\s+approximate|just\s+under|more\s+or\s+less|probably|perhaps|possibly"
    r"|in\s+the\s+vicinity\s+of|in\s+the\s+region\s+of|nearing|approaching|closer\s+to"
)
_AT_MOST = (
    r"up\s+to|as\s+many\s+as|as\s+high\s+as|could\s+reach|no\s+more\s+than|at\s+most|fewer\s+than"
    r"|less\s+than"
)
_VAGUE = (
    r"(?:tens|hundreds)\s+of\s+thousands|thousands|hundreds|dozens|scores|millions"
    r"|several\s+(?:hundred|thousand|dozen)|a\s+few\s+(?:hundred|thousand|dozen)"
)

_RANGE = re.compile(
    rf"(?i)\b(?:between|from)\s+(?P<a>{_NUMBER})\s+(?:and|to)\s+(?P<b>{_NUMBER})"
    rf"|(?<![\w.,])(?P<c>{_NUMBER})\s*(?:-|–|—|to|or)\s*(?P<d>{_NUMBER})"
)
# a single number, and the hedge that may end right before it: the same matches as the one
# pattern "(?:\b(?P<hedge>...)\s+)?(?<![\w.,])(?P<n>...)", which tries every hedge at every
# position of the text, where this tries them only before a number
_SINGLE = re.compile(
    rf"(?i)(?<![\w.,])(?P<n>{_NUMBER})(?P<plus>\+|-plus\b)?(?P<odd>\s+or\s+so\b|-odd\b)?"
)
_HEDGE_BEFORE = re.compile(rf"(?i)\b(?P<hedge>{_AT_LEAST}|{_APPROX}|{_AT_MOST})\s+$")
_PARTICLE_VERB = re.compile(r"(?i)\b(?:hand(?:s|ed|ing)?|turn(?:s|ed|ing)?|took|taken?|takes)\s+$")
_VAGUE_RE = re.compile(rf"(?i)\b(?:{_VAGUE})\b")
# every quantity holds a digit or one of the words of the patterns above, whole: most
# sentences hold neither, and two cheap scans rule them out before those patterns try each
# of their positions
_DIGIT = re.compile(r"\d")
_TOKEN = re.compile(r"\w+")
_NUMBER_TOKENS = frozenset(re.findall(r"[a-z]{3,}", _NUMBER + _VAGUE)) - {"and"}
_HEDGE_WORDS = {
    Qualifier.AT_LEAST: re.compile(rf"(?i)^(?:{_AT_LEAST})$"),
    Qualifier.APPROX: re.compile(rf"(?i)^(?:{_APPROX})$"),
    Qualifier.AT_MOST: re.compile(rf"(?i)^(?:{_AT_MOST})$"),
}


@dataclass(frozen=True, slots=True)
class Quantity:
    start: int
    end: int
    text: str
    low: int | None
    high: int | None
    qualifier: Qualifier
    vague: bool = False


def _words_value(words: list[str]) -> int | None:
    total, current = 0, 0
    seen = False
    for word in words:
        if word in ("and", "a"):
            if word == "a":
                current = max(current, 1)
            continue
        if word in _UNITS:
            current += _UNITS[word]
            seen = True
        elif word in _WORD_SCALES:
            current = max(current, 1) * _WORD_SCALES[word]
            if _WORD_SCALES[word] >= 1000:
                total, current = total + current, 0
            seen = True
        else:
            return None
    return total + current if seen else None


def read_number(text: str) -> tuple[int, bool] | None:
    """A number's value and whether it carried its own scale ("80,000" or "80 thousand": yes;
    "70": no). None when the text is not one number."""
    t = " ".join(text.lower().replace("-", " ").split())
    if t.endswith(" dozen"):
        count = 1 if t == "a dozen" else _UNITS.get(t.removesuffix(" dozen"))
        return (12 * count, False) if count else None
    for fraction, share in _FRACTIONS.items():
        if t.startswith(fraction + " "):
            scale = _SCALES.get(t[len(fraction) + 1 :])
            return (round(share * scale), True) if scale else None
    m = re.fullmatch(r"([\d,.\u00a0\u202f ]+?)\s*([a-z]+)?", t)
    if m and m.group(1).strip() and m.group(1).strip()[0].isdigit():
        digits = re.sub(r"[,\u00a0\u202f ]", "", m.group(1).strip())
        scale_word = m.group(2)
        if not scale_word and re.fullmatch(r"\d{1,3}(?:\.\d{3})+", digits):
            digits = digits.replace(".", "")  # "2.500 soldiers": no count of people has a fraction
        if scale_word and scale_word not in _SCALES:
            return None
        try:
            figure = float(digits)
        except ValueError:
            return None
        scaled = figure * _SCALES.get(scale_word or "", 1)
        if not math.isfinite(scaled):  # too large for any reading (309 digits): not a figure
            return None
        grouped = "," in m.group(1) or len(digits.split(".")[0]) >= 4
        return round(scaled), bool(scale_word) or grouped
    value = _words_value(t.split())
    if value is None:
        return None
    return value, any(_WORD_SCALES.get(w, 0) >= 1000 for w in t.split())


def _qualifier(hedge: str | None, plus: bool) -> Qualifier:
    if plus:
        return Qualifier.AT_LEAST
    if hedge:
        words = " ".join(hedge.lower().split())
        for qualifier, pattern in _HEDGE_WORDS.items():
            if pattern.match(words):
                return qualifier
    return Qualifier.EXACT


def _range_ends(a: str, b: str) -> tuple[int, int] | None:
    first, second = read_number(a), read_number(b)
    if first is None or second is None:
        return None
    (low, low_scaled), (high, high_scaled) = first, second
    if not low_scaled and high_scaled and low < high:
        # "70 or 80,000", "7 to 15 thousand": the first end borrows the second's scale
        for scale in (1_000_000_000, 1_000_000, 1_000):
            if high >= scale and low * scale <= high and high % scale == 0:
                low *= scale
                break
    if low > high:
        return None
    return low, high


def quantities(text: str) -> list[Quantity]:
    """Every quantity in the text, in order, ranges before the numbers inside them."""
    if not _DIGIT.search(text) and _NUMBER_TOKENS.isdisjoint(_TOKEN.findall(text.casefold())):
        return []
    found: list[Quantity] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in taken)

    for m in _RANGE.finditer(text):
        a, b = (m["a"], m["b"]) if m["a"] else (m["c"], m["d"])
        ends = _range_ends(a, b)
        if ends is None or not free(m.start(), m.end()):
            continue
        found.append(Quantity(m.start(), m.end(), m[0], ends[0], ends[1], Qualifier.RANGE))
        taken.append((m.start(), m.end()))
    previous_end = 0
    for m in _SINGLE.finditer(text):
        hedged = _HEDGE_BEFORE.search(text, max(previous_end, m.start() - 60), m.start())
        previous_end = m.end()
        hedge = hedged["hedge"] if hedged else None
        match_start = hedged.start() if hedged else m.start()
        if hedge and _PARTICLE_VERB.search(text[max(0, match_start - 12) : match_start]):
            hedge = None  # "handed over 90 prisoners": a verb's particle, not a hedge
        start = match_start if hedge else m.start("n")
        if not free(start, m.end()):
            continue
        read = read_number(m["n"])
        if read is None:
            continue
        value = read[0]
        qualifier = _qualifier(hedge or (m["odd"] and "about"), bool(m["plus"]))
        low = None if qualifier is Qualifier.AT_MOST else value
        high = None if qualifier is Qualifier.AT_LEAST else value
        found.append(Quantity(start, m.end(), text[start : m.end()], low, high, qualifier))
        taken.append((start, m.end()))
    for m in _VAGUE_RE.finditer(text):
        if free(m.start(), m.end()):
            found.append(
                Quantity(m.start(), m.end(), m[0], None, None, Qualifier.APPROX, vague=True)
            )
    return sorted(found, key=lambda q: q.start)
