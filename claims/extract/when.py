"""When a figure holds: date expressions in a sentence resolved against the publication date.

"as of Monday" in an article of Tuesday 2022-03-01 is 2022-02-28 (a day); "last month" and "in
April" are months; "recently" is unknown. "since Sept. 21" starts the figure's window rather
than dating it. A figure about years long past ("in 2014", "between 1979 and 1989", "over 10
years in Afghanistan") is historical: it has a window and no as-of date.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from claims.extract.eras import named_war
from claims.extract.lexicon import GENERIC_LOSS, METRIC_CUES
from claims.extract.windows import dated_range, window
from claims.vocab import DatePrecision

__all__ = ["Dating", "date_figure", "date_sentence"]

_MONTHS = {
    name.lower(): number
    for number in range(1, 13)
    for name in (calendar.month_name[number], calendar.month_abbr[number])
}
_MONTHS["sept"] = 9
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_WEEKDAYS = {name.lower(): number for number, name in enumerate(calendar.day_name)}
_WEEKDAY = "|".join(_WEEKDAYS)
_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "a": 1, "ten": 10}

_DAY_MONTH = re.compile(
    rf"(?i)\b(?:(?P<m1>{_MONTH})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m2>{_MONTH})\.?)"
    r"(?:,?\s+(?P<y>(?:19|20)\d\d))?\b"
)
_MONTH_ONLY = re.compile(
    rf"(?i)\b(?:in|as\s+of|since|by|to|until|of|during|through)\s+(?:early\s+|late\s+|mid-)?(?P<m>{_MONTH})\b(?!\.?\s+\d{{1,2}}\b)"
    r"(?:\s+(?P<y>(?:19|20)\d\d|last\s+year))?"
)
_END_OF = re.compile(r"(?i)\bend\s+$")  # "the end of September" (the "of" opens the month)
# the words between two figures of a list: a few nouns and a comma or "and"
_LIST_LINK = re.compile(r"^(?:\s*[A-Za-z][\w'’-]*){0,4}\s*(?:,\s*(?:and\s+)?|and\s+)$")
_WEEKDAY_RE = re.compile(rf"(?i)\b(?:on\s+|as\s+of\s+|last\s+)?(?P<w>{_WEEKDAY})\b")
_AGO = re.compile(
    r"(?i)\b(?P<n>\d+|one|two|three|four|five|six|a|ten)\s+(?P<u>days?|weeks?|months?)\s+ago\b"
)
_YEARS = re.compile(r"(?<![\d,.])(?P<y>1[89]\d\d|20\d\d)(?:\s*[-–]\s*(?P<y2>\d{2,4}))?(?!\d|,\d)")
_SPAN_YEARS = re.compile(
    r"(?i)\b(?:over|more\s+than|in|during|after)\s+(?:\w+\s+)?(?:\d+|ten|twenty)\s+(?:\w+\s+)?years\b"
)
_FIRST = re.compile(
    r"(?i)\b(?:in\s+)?the\s+first\s+(?P<n>\w+)\s+(?P<u>days?|weeks?|months?)\s+of\s+(?:the\s+)?(?:war|invasion|conflict|fighting)"
)
# a window's start: "since Sept. 21", "since the war began on Feb. 24", "since March 2011",
# "since Moscow's invasion 18 months ago", "since October", "since 2011", "since the 2003 invasion"
_SINCE = re.compile(
    rf"(?i)\bsince\s+(?:[^,;.\d]{{0,100}}?\b(?:on|in)\s+)?"
    rf"(?:(?P<m>{_MONTH})\.?\s+(?P<d>\d{{1,2}})(?!\d)(?:st|nd|rd|th)?(?:,?\s+(?P<y>(?:19|20)\d\d))?"
    rf"|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m2>{_MONTH})(?:,?\s+(?P<y2>(?:19|20)\d\d))?"
    rf"|(?P<m3>{_MONTH})\s+(?P<y3>(?:19|20)\d\d)|(?P<m4>{_MONTH})\b(?!\.?\s+\d)"
    rf"|(?:the\s+)?(?P<y5>(?:19|20)\d\d)\b(?!\s*[-–]))"
    r"|\bsince\s+[^,;.\d]{0,50}?\s(?P<n>\d+|one|two|three|four|five|six|a|ten)\s+"
    r"(?P<u>days?|weeks?|months?|years?)\s+ago\b"
)


_NUMERIC_DATE = re.compile(
    r"(?<![\d/.])(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<y>(?:19|20)\d\d)(?![\d/])"
)
_OPENS = re.compile(r"(?i)\b(?:since|from)\s+$")
# every date expression read below has one of these words: most sentences have none, and are
# dated by the publication day without trying each expression
_DATEISH = re.compile(
    rf"(?i)\b(?:since|years?|war|past|last|previous|preceding|recently|first|second|half|quarter"
    rf"|yesterday|ago|between|soviet|afghanistan|{_MONTH}|{_WEEKDAY})\b|\b(?:1[89]|20)\d\d"
)


@dataclass(frozen=True, slots=True)
class Dating:
    as_of: date | None
    precision: DatePrecision = DatePrecision.DAY
    period_start: date | None = None
    period_end: date | None = None
    historical: bool = False
    explicit: bool = True  # False: nothing in the text dates it, the publication day does


def _month_before(published: date, month: int, year: int | None = None) -> date:
    if year is not None:
        return date(year, month, 1)
    candidate = date(published.year, month, 1)
    if candidate > published:
        candidate = date(published.year - 1, month, 1)
    return candidate


def _add_months(start: date, months: int) -> date:
    month = start.month - 1 + months
    year = start.year + month // 12
    day = min(start.day, calendar.monthrange(year, month % 12 + 1)[1])
    return date(year, month % 12 + 1, day)


def _month(word: str) -> int:
    return _MONTHS[word.lower().rstrip(".")]


def _count(word: str) -> int | None:
    return int(word) if word.isdigit() else _NUMBERS.get(word.lower())


def _since(text: str, published: date) -> date | None:
    m = _SINCE.search(text)
    if not m:
        return None
    if m["m3"]:
        return date(int(m["y3"]), _month(m["m3"]), 1)
    if m["m4"]:
        return _month_before(published, _month(m["m4"]))
    if m["y5"]:
        return date(int(m["y5"]), 1, 1)
    if m["u"]:
        unit = m["u"].lower().rstrip("s")
        n = _count(m["n"]) or 1
        if unit in ("month", "year"):
            return _add_months(published, -n * (12 if unit == "year" else 1))
        return published - timedelta(days=n * (7 if unit == "week" else 1))
    month = _month(m["m"] or m["m2"])
    day = int(m["d"] or m["d2"])
    if m["y"] or m["y2"]:
        year = int(m["y"] or m["y2"])
        return date(year, month, min(day, calendar.monthrange(year, month)[1]))
    start = date(published.year, month, min(day, 28) if month == 2 else day)
    return start if start <= published else date(published.year - 1, month, start.day)


@lru_cache(maxsize=16)  # each figure of a sentence asks again for the whole sentence's dating
def _numeric_dates(text: str) -> tuple[list[date], list[date]]:
    """Dates written in numbers ("since 18/03/2011 until 05/02/2015"): those that start a window
    and the others. Day first, as outside the United States, unless the day is the second."""
    starts: list[date] = []
    ends: list[date] = []
    for m in _NUMERIC_DATE.finditer(text):
        first, second, year = int(m["a"]), int(m["b"]), int(m["y"])
        day, month = (second, first) if second > 12 >= first else (first, second)
        if not (1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]):
            continue
        opens = _OPENS.search(text, max(0, m.start() - 12), m.start())
        (starts if opens else ends).append(date(year, month, day))
    return starts, ends


def date_sentence(
    text: str,
    published: date,
    precision: DatePrecision = DatePrecision.DAY,
    war_start: date | None = None,
) -> Dating:
    """The dating of the figures a sentence states, resolved against the publication date."""
    if not _DATEISH.search(text):
        return Dating(published, precision, explicit=False)
    since = _since(text, published)
    cleaned = _SINCE.sub(" ", text)
    opened, closed = _numeric_dates(cleaned)
    if opened or closed:
        cleaned = _NUMERIC_DATE.sub(" ", cleaned)
        since = since or (opened[0] if opened else None)
        if closed:
            return Dating(closed[-1], DatePrecision.DAY, since)
    years = [int(m["y"]) for m in _YEARS.finditer(cleaned)]
    old = [y for y in years if y < published.year - 1]
    war = None if years else named_war(cleaned)
    if war is not None and war.end.year < published.year - 1:
        return Dating(None, DatePrecision.YEAR, war.start, war.end, historical=True)
    dated = _DAY_MONTH.search(cleaned)
    if old and dated and dated["y"] and int(dated["y"]) in old:
        old = []  # "on Friday 29th October 2004": a day long past dates the figure
    ranged = dated_range(cleaned, published) if old else None
    if (old or _SPAN_YEARS.search(cleaned)) and (ranged is None or ranged.finished):
        start = date(min(old), 1, 1) if old else None
        ends = [m for m in _YEARS.finditer(cleaned) if m["y2"]]
        last = max(old) if old else None
        if ends:
            tail = ends[0]["y2"]
            last = int(tail) if len(tail) == 4 else int(ends[0]["y"][:2] + tail)
        end = date(last, 12, 31) if last else None
        part = window(cleaned, published) if start and start.year == last else None
        if part is not None and part.finished and part.start.year == last:
            start, end = part.start, part.end  # "in the first half of 2019": part of the year
        return Dating(None, DatePrecision.YEAR, start, end, historical=True)
    bounded = window(cleaned, published)
    if bounded is not None:
        as_of = bounded.as_of(published)
        if as_of is None:
            return Dating(None, DatePrecision.DAY, bounded.start, bounded.end)
        exact = precision if as_of == published else DatePrecision.DAY
        return Dating(as_of, exact, bounded.start, bounded.end)
    if re.search(r"(?i)\brecently\b", cleaned):
        return Dating(None, period_start=since)
    first = _FIRST.search(cleaned)
    if first and war_start and published >= war_start:
        n = _count(first["n"]) or 1
        unit = first["u"].lower()
        if unit.startswith("month"):
            end = _add_months(war_start, n)
        else:
            end = war_start + timedelta(days=n * (7 if unit.startswith("week") else 1))
        return Dating(end, DatePrecision.MONTH, war_start, end)
    m = _DAY_MONTH.search(cleaned)
    if m:
        month = _month(m["m1"] or m["m2"])
        day = int(m["d1"] or m["d2"])
        if 1 <= day <= calendar.monthrange(published.year, month)[1]:
            if m["y"]:
                found = date(int(m["y"]), month, day)
            else:
                found = date(published.year, month, day)
                if found > published:
                    found = date(published.year - 1, month, day)
            return Dating(found, DatePrecision.DAY, since)
    lower = cleaned.lower()
    if "yesterday" in lower and precision is DatePrecision.DAY:
        return Dating(published - timedelta(days=1), DatePrecision.DAY, since)
    if re.search(r"\blast\s+week\b", lower):
        week_ago = published - timedelta(days=7)
        return Dating(date(week_ago.year, week_ago.month, 1), DatePrecision.MONTH, since)
    if re.search(r"\blast\s+month\b", lower):
        previous = date(published.year, published.month, 1) - timedelta(days=1)
        return Dating(date(previous.year, previous.month, 1), DatePrecision.MONTH, since)
    ago = _AGO.search(cleaned)
    if ago:
        n = _count(ago["n"]) or 1
        unit = ago["u"].lower()
        days = n * (30 if unit.startswith("month") else 7 if unit.startswith("week") else 1)
        when = published - timedelta(days=days)
        if unit.startswith("day"):
            return Dating(when, DatePrecision.DAY, since)
        return Dating(date(when.year, when.month, 1), DatePrecision.MONTH, since)
    month_only = _MONTH_ONLY.search(cleaned)
    if month_only:
        month = _month(month_only["m"])
        year_text = month_only["y"]
        year = None
        if year_text and year_text[0].isdigit():
            year = int(year_text)
        elif year_text:
            year = published.year - 1
        opens = _month_before(published, month, year)
        closes = date(opens.year, opens.month, calendar.monthrange(opens.year, opens.month)[1])
        if (
            _END_OF.search(cleaned, max(0, month_only.start() - 8), month_only.start())
            and closes <= published
        ):
            return Dating(closes, DatePrecision.DAY, since)  # "by the end of September"
        return Dating(opens, DatePrecision.MONTH, since)
    weekday = _WEEKDAY_RE.search(cleaned)
    if weekday and precision is DatePrecision.DAY:
        back = (published.weekday() - _WEEKDAYS[weekday["w"].lower()]) % 7
        return Dating(published - timedelta(days=back), DatePrecision.DAY, since)
    if re.search(r"\b(?:last\s+year)\b", lower):
        return Dating(date(published.year - 1, 1, 1), DatePrecision.YEAR, since)
    return Dating(published, precision, since, explicit=False)


def _in_a_list(link: str) -> bool:
    """Whether the words joining a figure to the next only list them ("soldiers, ", "rebels
    and"), so that the figures share the verb and window said after the last."""
    return (
        bool(_LIST_LINK.match(link))
        and not any(cue.search(link.lower()) for _, cue in METRIC_CUES)
        and not GENERIC_LOSS.search(link.lower())
    )


def date_figure(
    text: str,
    span: tuple[int, int],
    neighbours: tuple[int, int],
    published: date,
    precision: DatePrecision = DatePrecision.DAY,
    war_start: date | None = None,
) -> Dating:
    """The dating of one figure in a sentence of several: a date in its own stretch of the
    sentence ("1,360 died in 2021; 1,319 in 2022") wins over one elsewhere in it.

    ``span`` is the figure's, ``neighbours`` the end of the figure before it and the start of
    the figure after it (0 and the sentence's length when there are none).
    """
    (start, end), (previous_end, next_start) = span, neighbours
    for stretch in (text[end:next_start], text[previous_end:start]):
        own = date_sentence(stretch, published, precision, war_start)
        if own.explicit:
            return own
    whole = date_sentence(text, published, precision, war_start)
    if whole.period_end is not None and _in_a_list(text[end:next_start]):
        return whole  # "3,100 soldiers, 4,000 rebels and 900 others died in 2013": one window
    if whole.historical or whole.period_end is not None:
        # "60,000 have died, against 15,000 in Afghanistan in 1979-89": a window named after
        # a later figure is that figure's
        return date_sentence(text[:next_start], published, precision, war_start)
    return whole
