from __future__ import annotations

from datetime import date

from claims.compare import latest_per_series, spread
from claims.vocab import Qualifier
from tests.claims.factory import make_claim


def test_a_claimants_newer_figure_replaces_the_older_one() -> None:
    old = make_claim(low=5300, high=None, qualifier=Qualifier.AT_LEAST, as_of=date(2022, 3, 1))
    new = make_claim(low=50000, high=None, qualifier=Qualifier.AT_LEAST, as_of=date(2022, 9, 30))
    [current] = latest_per_series([new, old])
    assert current.claim == new
    assert current.previous == old


def test_two_claimants_each_keep_their_latest_newest_first() -> None:
    nato = make_claim(claimant="NATO", as_of=date(2022, 10, 3), low=30000, high=30000)
    russia = make_claim(claimant="Russia", as_of=date(2022, 9, 21), low=6000, high=6000)
    assert [c.claim for c in latest_per_series([russia, nato])] == [nato, russia]


def test_the_spread_names_who_holds_each_end() -> None:
    low = make_claim(claimant="Russia", low=6000, high=6000)
    mid = make_claim(claimant="NATO", low=30000, high=30000)
    high = make_claim(claimant="Ukraine", low=50000, high=None, qualifier=Qualifier.AT_LEAST)
    result = spread([mid, high, low])
    assert result is not None
    assert (result.lowest, result.highest) == (low, high)


def test_an_upper_bound_counts_by_its_ceiling() -> None:
    up_to = make_claim(claimant="A", low=None, high=4000, qualifier=Qualifier.AT_MOST)
    about = make_claim(claimant="B", low=3000, high=3000)
    result = spread([up_to, about])
    assert result is not None
    assert result.highest == up_to
    assert result.lowest == about


def test_one_figure_or_equal_figures_have_no_spread() -> None:
    assert spread([make_claim()]) is None
    assert spread([make_claim(claimant="A"), make_claim(claimant="B")]) is None


def test_a_window_is_its_own_series_and_no_end_of_the_spread() -> None:
    total = make_claim(claimant="Ukraine's General Staff", low=80_000, high=80_000)
    november = make_claim(
        claimant="the General Staff of the Armed Forces of Ukraine",
        low=12_000,
        high=12_000,
        as_of=None,
        period_start=date(2022, 11, 1),
        period_end=date(2022, 11, 30),
    )
    assert november.is_window
    assert not total.is_window
    assert november.series != total.series
    assert {c.claim.id for c in latest_per_series([total, november])} == {total.id, november.id}
    other = make_claim(claimant="Russia", low=6_000, high=6_000)
    found = spread([total, november, other])
    assert found is not None
    assert (found.lowest.id, found.highest.id) == (other.id, total.id)
    assert spread([november, other]) is None


def test_a_running_total_since_a_date_is_no_window() -> None:
    since = make_claim(period_start=date(2022, 9, 21), as_of=date(2022, 10, 3))
    assert not since.is_window
    assert make_claim(period_start=date(2022, 9, 21), as_of=None).is_window
