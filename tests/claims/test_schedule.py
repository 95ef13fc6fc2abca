"""Digest schedules: local wall-clock times that hold across daylight-saving changes."""

from __future__ import annotations

from datetime import UTC, datetime, time

import pytest

from claims.schedule import Schedule, parse_clock, zone_named

KYIV = "Europe/Kyiv"


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def test_a_schedule_reads_back_from_its_text() -> None:
    for text in ("daily 09:00 Europe/Kyiv", "weekly mon 08:30 UTC"):
        assert str(Schedule.parse(text)) == text
    with pytest.raises(ValueError, match="not a schedule"):
        Schedule.parse("hourly 09:00 UTC")


def test_clock_words_and_zone_names_are_read_leniently() -> None:
    assert parse_clock("9:00") == time(9, 0)
    assert parse_clock("0930") == time(9, 30)
    assert parse_clock("21.45") == time(21, 45)
    assert parse_clock("25:00") is None
    assert parse_clock("٠٩:٣٠") is None  # digits other than 0-9 are not read as a clock
    assert zone_named("europe/kyiv") == KYIV
    assert zone_named("utc") == "UTC"
    assert zone_named("Mars/Olympus") is None


def test_daily_slots_are_at_the_local_time() -> None:
    nine = Schedule(time(9, 0), KYIV)
    # winter: Kyiv is UTC+2
    assert nine.next(utc(2026, 1, 10, 6, 59)) == utc(2026, 1, 10, 7, 0)
    assert nine.next(utc(2026, 1, 10, 7, 0)) == utc(2026, 1, 11, 7, 0)
    assert nine.latest(utc(2026, 1, 10, 7, 0)) == utc(2026, 1, 10, 7, 0)
    assert nine.latest(utc(2026, 1, 10, 6, 59)) == utc(2026, 1, 9, 7, 0)


def test_daylight_saving_changes_keep_the_local_time() -> None:
    nine = Schedule(time(9, 0), KYIV)
    # clocks go forward on 2026-03-29 and back on 2026-10-25
    assert nine.next(utc(2026, 3, 28, 12)) == utc(2026, 3, 29, 6, 0)
    assert nine.latest(utc(2026, 3, 29, 6, 30)) == utc(2026, 3, 29, 6, 0)
    assert nine.next(utc(2026, 10, 24, 12)) == utc(2026, 10, 25, 7, 0)
    assert nine.local(utc(2026, 3, 29, 6, 0)) == "2026-03-29 09:00 EEST"
    assert nine.local(utc(2026, 10, 25, 7, 0)) == "2026-10-25 09:00 EET"


def test_a_skipped_or_doubled_local_time_falls_due_once() -> None:
    skipped = Schedule(time(3, 30), KYIV)  # 03:00-04:00 does not exist on 2026-03-29
    assert skipped.next(utc(2026, 3, 28, 12)) == utc(2026, 3, 29, 1, 30)  # 04:30 EEST
    doubled = Schedule(time(3, 30), KYIV)  # 03:00-04:00 happens twice on 2026-10-25
    assert doubled.next(utc(2026, 10, 24, 12)) == utc(2026, 10, 25, 0, 30)  # the first
    assert doubled.next(utc(2026, 10, 25, 0, 30)) == utc(2026, 10, 26, 1, 30)


def test_weekly_slots_fall_on_their_weekday() -> None:
    monday = Schedule(time(8, 0), "UTC", weekday=0)
    assert monday.next(utc(2026, 11, 22, 12)) == utc(2026, 11, 23, 8)  # a Sunday -> Monday
    assert monday.latest(utc(2026, 11, 22, 12)) == utc(2026, 11, 16, 8)
    assert str(monday) == "weekly mon 08:00 UTC"
