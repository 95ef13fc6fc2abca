"""When a digest is due: daily or weekly at a local time in a time zone.

A schedule keeps the wall-clock time of its zone, so a 09:00 digest in Kyiv stays at 09:00 when
the clocks change. Its *slots* are the moments it falls due, as aware UTC datetimes: the latest
slot at or before a moment names the digest period (and its outbox key), the next one is what
``/subscriptions`` shows.

A local time skipped by a clock change (03:30 on a spring-forward night in Kyiv) falls due when
the old clock would have read it, 04:30 on the new one; a time that happens twice (autumn)
falls due the first time.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

__all__ = ["WEEKDAYS", "Schedule", "parse_clock", "zone_named", "zone_names"]

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
# [0-9], not \d: "٠٩:٣٠" is not a clock a person types here, and int() must see ASCII only
_CLOCK = re.compile(r"^([01]?[0-9]|2[0-3])[:.h]?([0-5][0-9])$")


def parse_clock(word: str) -> time | None:
    """``09:00``, ``9:00``, ``0900`` or ``21.30`` as a time; None when it is not one."""
    m = _CLOCK.match(word.strip().lower())
    return time(int(m.group(1)), int(m.group(2))) if m else None


@cache
def _zones() -> dict[str, str]:
    return {name.lower(): name for name in available_timezones()}


def zone_named(word: str) -> str | None:
    """The canonical IANA name for ``europe/kyiv`` or ``UTC``; None for an unknown zone."""
    name = _zones().get(word.strip().lower())
    if name is None and word.strip().lower() in ("utc", "gmt", "z"):
        return "UTC"
    return name


def zone_names() -> list[str]:
    return sorted(_zones().values())


@dataclass(frozen=True, slots=True)
class Schedule:
    """Daily (``weekday`` None) or weekly at ``at`` local time in ``zone`` (an IANA name)."""

    at: time
    zone: str = "UTC"
    weekday: int | None = None  # 0 is Monday

    def __post_init__(self) -> None:
        if self.weekday is not None and not 0 <= self.weekday <= 6:
            raise ValueError(f"weekday must be 0 (Monday) to 6, not {self.weekday}")
        try:
            ZoneInfo(self.zone)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {self.zone!r}") from exc

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.zone)

    def __str__(self) -> str:
        clock = self.at.strftime("%H:%M")
        if self.weekday is None:
            return f"daily {clock} {self.zone}"
        return f"weekly {WEEKDAYS[self.weekday]} {clock} {self.zone}"

    @classmethod
    def parse(cls, text: str) -> Schedule:
        """The inverse of ``str``: ``daily 09:00 Europe/Kyiv``, ``weekly mon 08:00 UTC``."""
        words = text.split()
        if len(words) == 3 and words[0] == "daily":
            clock, zone, weekday = words[1], words[2], None
        elif len(words) == 4 and words[0] == "weekly" and words[1] in WEEKDAYS:
            clock, zone, weekday = words[2], words[3], WEEKDAYS.index(words[1])
        else:
            raise ValueError(f"not a schedule: {text!r}")
        at = parse_clock(clock)
        if at is None:
            raise ValueError(f"not a time of day: {clock!r}")
        return cls(at, zone, weekday)

    def _slot(self, day: datetime) -> datetime | None:
        """The slot on a local calendar day, in UTC; None when the schedule skips that day."""
        if self.weekday is not None and day.weekday() != self.weekday:
            return None
        local = datetime.combine(day.date(), self.at, tzinfo=self.tz)
        # a skipped wall time converts with the offset from before the change (PEP 495)
        return local.astimezone(UTC)

    def _around(self, moment: datetime, days: range) -> Iterator[datetime]:
        """The slots on the local days ``days`` away from ``moment``'s, in that order."""
        local = moment.astimezone(self.tz)
        for offset in days:
            slot = self._slot(local + timedelta(days=offset))
            if slot is not None:
                yield slot

    def latest(self, moment: datetime) -> datetime:
        """The latest slot at or before ``moment`` (an aware datetime), in UTC."""
        # a weekly schedule has a slot in every 8 local days
        return next(s for s in self._around(moment, range(0, -9, -1)) if s <= moment)

    def next(self, moment: datetime) -> datetime:
        """The first slot strictly after ``moment``, in UTC."""
        return next(s for s in self._around(moment, range(9)) if s > moment)

    def local(self, slot: datetime) -> str:
        """A slot as its zone's wall clock reads it: ``2026-03-30 09:00 EEST``."""
        return slot.astimezone(self.tz).strftime("%Y-%m-%d %H:%M %Z")
