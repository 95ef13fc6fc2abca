"""Figures, hedges and the metric of loss words, in sentences written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from claims.extract.extractor import extract
from claims.model import Claim

PUBLISHED = date(2024, 5, 14)  # a Tuesday


def claims(text: str, published: date = PUBLISHED) -> list[Claim]:
    return extract(text, published, "The Daily")


def one(text: str, published: date = PUBLISHED) -> Claim:
    [claim] = claims(text, published)
    return claim


@pytest.mark.parametrize(
    ("phrase", "low", "high", "qualifier"),
    [
        ("exceeds 5,000", 5000, None, "at_least"),
        ("has topped 5,000", 5000, None, "at_least"),
        ("has surpassed 5,000", 5000, None, "at_least"),
        ("passed 5,000", 5000, None, "at_least"),
        ("stands at upwards of 5,000", 5000, None, "at_least"),
        ("stands at some 5,000", 5000, 5000, "approx"),
        ("is in the vicinity of 5,000", 5000, 5000, "approx"),
    ],
)
def test_hedges_of_a_toll(phrase: str, low: int, high: int | None, qualifier: str) -> None:
    claim = one(f"The governor said the death toll among Ukrainian civilians {phrase}.")
    assert (claim.metric, claim.low, claim.high, claim.qualifier) == (
        "killed",
        low,
        high,
        qualifier,
    )


def test_lost_is_a_death_toll_in_a_text_that_counts_the_dead() -> None:
    text = (
        "Kyiv said 800 Russian soldiers died near the river. In the same week, analysts said,"
        " Russia lost 2,000 troops, most of them killed by drones."
    )
    assert [(c.metric, c.low) for c in claims(text)] == [("killed", 800), ("killed", 2000)]


def test_lost_is_a_casualty_count_in_a_report_that_never_names_the_dead() -> None:
    text = "The ministry said the enemy lost up to 450 servicemen near the village, Russia said."
    assert one(text).metric == "casualties"


def test_lost_is_a_casualty_count_when_the_text_weighs_wounded_as_much_as_dead() -> None:
    text = (
        "The brigade lost 300 Ukrainian soldiers, its commander said. Most were wounded, some"
        " badly wounded; a few were killed."
    )
    assert one(text).metric == "casualties"


def test_a_year_before_a_comma_still_makes_a_historical_window() -> None:
    claim = one(
        "When the army took the peninsula in 2014, some of the 300 Russian troops killed were"
        " buried in secret.",
        date(2022, 3, 1),
    )
    assert (claim.as_of, claim.period_start, claim.period_end) == (
        None,
        date(2014, 1, 1),
        date(2014, 12, 31),
    )
