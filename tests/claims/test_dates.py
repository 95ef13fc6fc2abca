from __future__ import annotations

from datetime import date

import pytest

from claims.dates import format_partial, format_period, last_day, parse_partial
from claims.vocab import DatePrecision as P


@pytest.mark.parametrize(
    ("text", "value", "precision"),
    [
        ("2022-09-21", date(2022, 9, 21), P.DAY),
        ("2022-09", date(2022, 9, 1), P.MONTH),
        ("2022", date(2022, 1, 1), P.YEAR),
    ],
)
def test_partial_dates_round_trip(text: str, value: date, precision: P) -> None:
    assert parse_partial(text) == (value, precision)
    assert format_partial(value, precision) == text


@pytest.mark.parametrize("text", ["22-09", "2022/09/01", "september", "2022-13-01"])
def test_malformed_dates_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_partial(text)


def test_a_month_lasts_until_its_last_day() -> None:
    assert last_day(date(2022, 2, 1), P.MONTH) == date(2022, 2, 28)
    assert last_day(date(2024, 2, 1), P.MONTH) == date(2024, 2, 29)
    assert last_day(date(1989, 1, 1), P.YEAR) == date(1989, 12, 31)


def test_whole_years_read_as_years() -> None:
    assert format_period(date(1979, 1, 1), date(1989, 12, 31)) == "1979–1989"
    assert format_period(date(2022, 2, 24), date(2022, 5, 24)) == "2022-02-24 – 2022-05-24"
    assert format_period(None, None) == ""
