from __future__ import annotations

from datetime import date

import pytest

from claims.conflict import Conflict, is_context
from claims.vocab import DatePrecision, Party
from tests.claims.factory import make_claim

WAR = Conflict((Party.RUSSIA, Party.UKRAINE), date(2022, 2, 24))


def test_a_party_to_the_war_during_the_war_belongs_to_it() -> None:
    assert not is_context(make_claim(), WAR)


def test_both_sides_combined_belong_to_it() -> None:
    assert not is_context(make_claim(party=Party.BOTH), WAR)


def test_another_party_is_context() -> None:
    assert is_context(make_claim(party=Party.USSR, as_of=None), WAR)


def test_an_earlier_window_is_context() -> None:
    crimea = make_claim(as_of=None, period_start=date(2014, 2, 20), period_end=date(2014, 3, 18))
    assert is_context(crimea, WAR)


def test_a_figure_known_to_the_month_the_war_began_belongs_to_it() -> None:
    invasion_force = make_claim(as_of=date(2022, 2, 1), as_of_precision=DatePrecision.MONTH)
    assert not is_context(invasion_force, WAR)
    assert is_context(make_claim(as_of=date(2022, 1, 1), as_of_precision=DatePrecision.MONTH), WAR)


def test_a_window_of_the_wars_first_year_belongs_to_it_and_one_ended_before_it_does_not() -> None:
    year = make_claim(as_of=None, period_start=date(2022, 1, 1), period_end=date(2022, 12, 31))
    assert not is_context(year, WAR)
    january = make_claim(as_of=None, period_start=date(2022, 1, 1), period_end=date(2022, 1, 31))
    assert is_context(january, WAR)
    since_2014 = make_claim(period_start=date(2014, 4, 1), as_of=date(2022, 12, 1))
    assert is_context(since_2014, WAR)


def test_a_window_from_the_first_day_belongs_to_it() -> None:
    first_months = make_claim(period_start=date(2022, 2, 24), period_end=date(2022, 5, 24))
    assert not is_context(first_months, WAR)


def test_a_conflict_needs_a_party() -> None:
    with pytest.raises(ValueError):
        Conflict((), date(2022, 2, 24))
