"""Quantities as news text writes them, read into the claim model's figures."""

from __future__ import annotations

import pytest

from claims.extract.quantities import Quantity, quantities, read_number
from claims.vocab import Qualifier

EXACT, APPROX, AT_LEAST, AT_MOST, RANGE = (
    Qualifier.EXACT,
    Qualifier.APPROX,
    Qualifier.AT_LEAST,
    Qualifier.AT_MOST,
    Qualifier.RANGE,
)


def one(text: str) -> Quantity:
    [found] = quantities(text)
    return found


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("5,300", 5300),
        ("15 000", 15000),
        ("15\u00a0000", 15000),
        ("1.5 million", 1_500_000),
        ("518k", 518_000),
        ("60 thousand", 60_000),
        ("two thousand", 2000),
        ("twenty-five", 25),
        ("three hundred and forty", 340),
        ("a dozen", 12),
        ("a quarter of a million", 250_000),
        ("half a million", 500_000),
        ("a thousand", 1000),
    ],
)
def test_figures_are_read_from_digits_and_words(text: str, value: int) -> None:
    found = one(f"officials said {text} soldiers")
    assert (found.low, found.high, found.qualifier) == (value, value, EXACT)
    assert found.text == text


@pytest.mark.parametrize(
    ("text", "low", "high", "qualifier"),
    [
        ("more than 5,300", 5300, None, AT_LEAST),
        ("over 100,000", 100_000, None, AT_LEAST),
        ("at least 1,500", 1500, None, AT_LEAST),
        ("well over 200", 200, None, AT_LEAST),
        ("10,000+", 10_000, None, AT_LEAST),
        ("about 6,000", 6000, 6000, APPROX),
        ("nearly 100,000", 100_000, 100_000, APPROX),
        ("an estimated 2.2 million", 2_200_000, 2_200_000, APPROX),
        ("some 30,000", 30_000, 30_000, APPROX),
        ("up to 4,000", None, 4000, AT_MOST),
        ("as many as 1,500", None, 1500, AT_MOST),
    ],
)
def test_hedges_set_the_qualifier_and_the_open_end(
    text: str, low: int | None, high: int | None, qualifier: Qualifier
) -> None:
    found = one(f"it lost {text} troops")
    assert (found.low, found.high, found.qualifier) == (low, high, qualifier)
    assert found.text == text


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("between 2,000 and 4,000", 2000, 4000),
        ("7,000 to 15,000", 7000, 15_000),
        ("7,000-15,000", 7000, 15_000),
        ("300,000 or 400,000", 300_000, 400_000),
        ("70 or 80,000", 70_000, 80_000),
        ("7 to 15 thousand", 7000, 15_000),
        ("from 1 to 2 million", 1_000_000, 2_000_000),
    ],
)
def test_ranges_keep_both_ends_and_a_bare_first_end_borrows_the_scale(
    text: str, low: int, high: int
) -> None:
    found = one(f"estimates put it at {text} dead")
    assert (found.low, found.high, found.qualifier) == (low, high, RANGE)


def test_vague_amounts_are_found_without_a_number() -> None:
    for text in ("thousands", "tens of thousands", "hundreds of thousands", "dozens"):
        found = one(f"{text} of casualties")
        assert found.vague
        assert (found.low, found.high) == (None, None)


def test_every_quantity_of_a_sentence_is_found_in_order_with_its_span() -> None:
    text = "Russia lost about 6,000 men, Ukraine up to 4,000, and thousands fled."
    found = quantities(text)
    assert [q.text for q in found] == ["about 6,000", "up to 4,000", "thousands"]
    assert all(text[q.start : q.end] == q.text for q in found)


def test_digits_in_a_date_are_not_read_as_one_grouped_number() -> None:
    assert [q.text for q in quantities("on March 24 2022 the army")] == ["24", "2022"]
    assert read_number("not a number") is None
    assert read_number("80,000") == (80_000, True)
    assert read_number("70") == (70, False)
