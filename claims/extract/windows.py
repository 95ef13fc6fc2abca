"""Windows: the stretch of time a figure counts, when it is not a running total.

"in the past week", "in the past 24 hours", "in November alone", "in 2023", "last year", "in the
first half of 2019", "between March 3 and 5", "since Friday", "so far this year": each bounds
the figure to a window, resolved against the publication day. A window that reaches the
publication day ("in the past week") is dated that day; one that ended before it ("in November
alone" in a December article) is finished and has no as-of date of its own, unless it is a
running total: years long and cut off shortly before publication ("from February 1, 2021 to
December 31, 2023" in a January report), dated its last day.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

__all__ = ["Window", "dated_range", "window"]

_MONTHS = {
    name.lower(): number
    for number in range(1, 13)
    for name in (calendar.month_name[number], calendar.month_abbr[number])
} | {"sept": 9}
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_WEEKDAYS = {name.lower(): number for number, name in enumerate(calendar.day_name)}
_COUNTS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
_UNIT_DAYS = {"hour": 1 / 24, "day": 1, "week": 7, "month": 30, "year": 365}

_PAST = re.compile(
    r"(?i)\b(?:in|over|during|within|across)\s+the\s+(?:past|last|previous|preceding)\s+"
    r"(?:(?P<n>\d+|[a-z]+)\s+)?(?P<u>hours?|days?|weeks?|months?|years?)\b"
)
_MONTH_WINDOW = re.compile(
    rf"(?i)\b(?:(?:in|during|throughout)\s+(?:the\s+month\s+of\s+)?(?P<m>{_MONTH})"
    rf"(?:\s+(?P<y>(?:19|20)\d\d))?\s+alone|(?:during|throughout)\s+(?:the\s+month\s+of\s+)?"
    rf"(?P<m2>{_MONTH})(?:\s+(?P<y2>(?:19|20)\d\d))?)\b"
)
_HALF = re.compile(
    r"(?i)\b(?:in\s+)?the\s+(?P<which>first|second)\s+(?P<part>half|quarter)\s+of\s+"
    r"(?:(?P<y>(?:19|20)\d\d)|(?P<this>this|last)\s+year)\b"
)
_MONTHS_TO = re.compile(
    rf"(?i)\b(?:in\s+)?the\s+(?P<n>\d+|[a-z]+)\s+months\s+(?:to|through|ending)\s+"
    rf"(?P<m>{_MONTH})\.?\s+(?P<d>\d{{1,2}})\b"
)
_BETWEEN = re.compile(
    rf"(?i)\b(?:between|from)\s+(?P<m1>{_MONTH})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?"
    rf"(?:,?\s+(?P<y1>(?:19|20)\d\d))?\s+(?:and|to|until|through)\s+(?:(?P<m2>{_MONTH})\.?\s+)?"
    rf"(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<y2>(?:19|20)\d\d))?\b"
)
# "between the start of the invasion in February 2022 and December 2025"
_MONTH_RANGE = re.compile(
    rf"(?i)\b(?:between|from)\s+(?:the\s+(?:start|beginning|outbreak)\s+of\s+[^.;]{{0,60}}?"
    rf"\s+in\s+)?(?P<m1>{_MONTH})\.?\s+(?P<y1>(?:19|20)\d\d)\s+(?:and|to|until|through)\s+"
    rf"(?P<m2>{_MONTH})\.?\s+(?P<y2>(?:19|20)\d\d)\b"
)
# a count over more than this, up to a day this close to publication, is a running total as of
# that day ("from February 1, 2021 to December 31, 2023" in a January report), not a window
_RUNNING_TOTAL_SPAN = timedelta(days=366)
_RUNNING_TOTAL_CUTOFF = timedelta(days=92)
_YEAR = re.compile(r"(?i)\b(?:in|during|throughout|over|for)\s+(?:the\s+year\s+)?(?P<y>20\d\d)\b")
# "the war that began in 2022": a year that dates an event, not the figure's window
_EVENT_YEAR = re.compile(
    r"(?i)\b(?:began|begun|started|launched|invaded|invasion|since|from|start|erupted|broke\s+out"
    r"|seized|annexed|born|founded|elected)\s+(?:\w+\s+){0,2}$"
)
_LAST_YEAR = re.compile(r"(?i)\blast\s+year\b")
# "Kyiv said last year that ...": when it was said, not the figure's window
_SAID_LAST_YEAR = re.compile(
    r"(?i)\b(?:said|told|announced|reported|estimated|claimed|stated|wrote)\s+(?:\w+\s+){0,3}?"
    r"last\s+year\b|\blast\s+year\b[^.;]{0,20}\b(?:said|told|announced|reported|estimated)\b"
)
_THIS_YEAR = re.compile(r"(?i)\b(?:so\s+far\s+this\s+year|since\s+the\s+start\s+of\s+the\s+year)\b")
_SINCE_WEEKDAY = re.compile(rf"(?i)\bsince\s+(?:last\s+)?(?P<w>{'|'.join(_WEEKDAYS)})\b")


@dataclass(frozen=True, slots=True)
class Window:
    start: date
    end: date
    finished: bool  # ended before the publication day: the figure has no as-of date

    def as_of(self, published: date) -> date | None:
        """The day the figure is valid for: none for a finished window, else its last day."""
        return None if self.finished else min(self.end, published)


def _count(word: str | None) -> int:
    if not word:
        return 1
    return int(word) if word.isdigit() else _COUNTS.get(word.lower(), 1)


def _month(word: str) -> int:
    return _MONTHS[word.lower().rstrip(".")]


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _latest(published: date, month: int, day: int, year: str | None) -> date | None:
    """A day written without its year is the latest such day not after publication."""
    chosen = int(year) if year else published.year
    if not 1 <= day <= calendar.monthrange(chosen, month)[1]:
        return None
    found = date(chosen, month, day)
    if not year and found > published:
        found = date(chosen - 1, month, min(day, calendar.monthrange(chosen - 1, month)[1]))
    return found


def _window(start: date, end: date, published: date) -> Window:
    end = min(end, published)
    running = end - start > _RUNNING_TOTAL_SPAN and published - end <= _RUNNING_TOTAL_CUTOFF
    return Window(start, end, finished=end < published and not running)


def dated_range(text: str, published: date) -> Window | None:
    """A window written with both its ends: "between March 3 and 5", "from February 1, 2021
    to December 31, 2023", "between February 2022 and December 2025"."""
    if m := _BETWEEN.search(text):
        first_month = _month(m["m1"])
        start = _latest(published, first_month, int(m["d1"]), m["y1"] or m["y2"])
        end_month = _month(m["m2"]) if m["m2"] else first_month
        end = _latest(published, end_month, int(m["d2"]), m["y2"] or m["y1"])
        if start is not None and end is not None and start <= end:
            return _window(start, end, published)
    if m := _MONTH_RANGE.search(text):
        start = date(int(m["y1"]), _month(m["m1"]), 1)
        end = _month_end(int(m["y2"]), _month(m["m2"]))
        if start <= end:
            return _window(start, end, published)
    return None


def window(text: str, published: date) -> Window | None:
    """The window a sentence bounds its figures to, if it names one; both ends written out win
    over a stretch counted back ("over the past three years, from February 1, 2021 to ...")."""
    if ranged := dated_range(text, published):
        return ranged
    if m := _PAST.search(text):
        days = _count(m["n"]) * _UNIT_DAYS[m["u"].lower().rstrip("s")]
        return Window(published - timedelta(days=max(1, round(days))), published, False)
    if m := _MONTH_WINDOW.search(text):
        month = _month(m["m"] or m["m2"])
        year_text = m["y"] or m["y2"]
        year = int(year_text) if year_text else published.year
        if not year_text and date(year, month, 1) > published:
            year -= 1
        return _window(date(year, month, 1), _month_end(year, month), published)
    if m := _HALF.search(text):
        year = int(m["y"]) if m["y"] else published.year - (m["this"].lower() == "last")
        months = 6 if m["part"].lower() == "half" else 3
        first = 1 if m["which"].lower() == "first" else 1 + months
        last = first + months - 1
        return _window(date(year, first, 1), _month_end(year, last), published)
    if m := _MONTHS_TO.search(text):
        end = _latest(published, _month(m["m"]), int(m["d"]), None)
        if end is not None:
            months = _count(m["n"])
            start_month = (end.month - months) % 12 + 1
            start_year = end.year - (1 if start_month > end.month else 0)
            return _window(date(start_year, start_month, 1), end, published)
    if m := _SINCE_WEEKDAY.search(text):
        back = (published.weekday() - _WEEKDAYS[m["w"].lower()]) % 7 or 7
        return Window(published - timedelta(days=back), published, False)
    if _THIS_YEAR.search(text):
        return Window(date(published.year, 1, 1), published, False)
    for m in _YEAR.finditer(text):
        year = int(m["y"])
        if published.year - 1 <= year <= published.year and not _EVENT_YEAR.search(
            text, max(0, m.start() - 40), m.start()
        ):
            return _window(date(year, 1, 1), date(year, 12, 31), published)
    if _LAST_YEAR.search(text) and not _SAID_LAST_YEAR.search(text):
        year = published.year - 1
        return Window(date(year, 1, 1), date(year, 12, 31), True)
    return None
