"""Dates of partial precision ("2022-09", "2022") and how they read and sort.

A figure valid "last month" is known to a month, not a day; it is kept as the first day of that
month plus its precision, shown as ``2022-09``, and compared by the last day it could mean.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

from claims.vocab import DatePrecision

__all__ = ["format_partial", "format_period", "last_day", "parse_partial"]

_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


def parse_partial(text: str) -> tuple[date, DatePrecision]:
    """``"2022-09-21"``, ``"2022-09"`` or ``"2022"`` as a date and its precision."""
    m = _PARTIAL.match(text.strip())
    if not m:
        raise ValueError(f"not a date: {text!r} (use YYYY-MM-DD, YYYY-MM or YYYY)")
    year, month, day = m.groups()
    if day:
        return date(int(year), int(month), int(day)), DatePrecision.DAY
    if month:
        return date(int(year), int(month), 1), DatePrecision.MONTH
    return date(int(year), 1, 1), DatePrecision.YEAR


def format_partial(value: date, precision: DatePrecision) -> str:
    if precision is DatePrecision.YEAR:
        return f"{value.year:04d}"
    if precision is DatePrecision.MONTH:
        return f"{value.year:04d}-{value.month:02d}"
    return value.isoformat()


def last_day(value: date, precision: DatePrecision) -> date:
    """The last day a date of this precision could mean."""
    if precision is DatePrecision.YEAR:
        return date(value.year, 12, 31)
    if precision is DatePrecision.MONTH:
        return date(value.year, value.month, calendar.monthrange(value.year, value.month)[1])
    return value


def format_period(start: date | None, end: date | None) -> str:
    """A window as people write it: whole years and months are not spelled out to the day."""
    if start is None and end is None:
        return ""
    if start and end and start.month == 1 and start.day == 1 and (end.month, end.day) == (12, 31):
        return f"{start.year}" if start.year == end.year else f"{start.year}–{end.year}"
    first = start.isoformat() if start else "…"
    last = end.isoformat() if end else "…"
    return f"{first} – {last}"
