"""Wars a text names without giving their years, and the years they span.

"The greatest losses since the Second World War, in which 8.7 million soldiers died", "the
15,000 troops killed when the Soviet Union invaded Afghanistan": the war named is the figure's
window, and it makes the figure a historical one. A war named only as a yardstick ("the
deadliest fighting since World War II") is not the window of the figure beside it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

__all__ = ["Era", "named_war"]


@dataclass(frozen=True, slots=True)
class Era:
    start: date
    end: date


_WARS: list[tuple[re.Pattern[str], Era]] = [
    (
        re.compile(
            r"(?i)\b(?:second\s+world\s+war|world\s+war\s+(?:ii|2|two)|great\s+patriotic\s+war"
            r"|world\s+war(?!\s+(?:i|iii|3|one|three|1)\b))\b"
        ),
        Era(date(1939, 9, 1), date(1945, 9, 2)),
    ),
    (
        re.compile(r"(?i)\b(?:first\s+world\s+war|world\s+war\s+(?:i|1|one)|the\s+great\s+war)\b"),
        Era(date(1914, 7, 28), date(1918, 11, 11)),
    ),
    (
        re.compile(
            r"(?i)\bsoviet[\s-]+afghan\s+war\b|\bsoviet\s+(?:union\s+)?(?:invasion|invaded|war"
            r"|occupation|occupied)\b[^.;]{0,40}\bafghanistan\b|\bafghanistan\s+in\s+the\s+1980s\b"
        ),
        Era(date(1979, 12, 24), date(1989, 2, 15)),
    ),
    (
        re.compile(r"(?i)\b(?:first\s+chechen\s+war)\b"),
        Era(date(1994, 12, 11), date(1996, 8, 31)),
    ),
    (
        re.compile(r"(?i)\b(?:second\s+chechen\s+war)\b"),
        Era(date(1999, 8, 26), date(2009, 4, 16)),
    ),
    (re.compile(r"(?i)\bkorean\s+war\b"), Era(date(1950, 6, 25), date(1953, 7, 27))),
    (re.compile(r"(?i)\bvietnam\s+war\b"), Era(date(1955, 11, 1), date(1975, 4, 30))),
    (re.compile(r"(?i)\biran[\s-]+iraq\s+war\b"), Era(date(1980, 9, 22), date(1988, 8, 20))),
]
# "since World War II" compares; "since World War II, in which ..." goes on about that war
_YARDSTICK = re.compile(r"(?i)\b(?:since|than\s+in|than\s+during|than)\s+(?:the\s+)?$")
_ABOUT_IT = re.compile(r"(?i)^\W*(?:in\s+which|during\s+which|when)\b")


def named_war(text: str) -> Era | None:
    """The war a sentence names as its figures' window, if it names one."""
    for pattern, era in _WARS:
        for m in pattern.finditer(text):
            yardstick = _YARDSTICK.search(text[max(0, m.start() - 12) : m.start()])
            if yardstick and not _ABOUT_IT.match(text[m.end() : m.end() + 20]):
                continue
            return era
    return None
