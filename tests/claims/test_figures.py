from __future__ import annotations

import pytest

from claims.figures import ceiling, check_figure, floor, render_figure
from claims.vocab import Qualifier as Q


@pytest.mark.parametrize(
    ("low", "high", "qualifier", "shown"),
    [
        (15000, 15000, Q.EXACT, "15,000"),
        (6000, 6000, Q.APPROX, "~6,000"),
        (50000, None, Q.AT_LEAST, ">50,000"),
        (None, 4000, Q.AT_MOST, "≤4,000"),
        (2000, 4000, Q.RANGE, "2,000–4,000"),
        (0, 0, Q.EXACT, "0"),
        (1_500_000, 1_500_000, Q.APPROX, "~1,500,000"),
    ],
)
def test_a_figure_is_rendered_with_its_hedge(
    low: int | None, high: int | None, qualifier: Q, shown: str
) -> None:
    assert render_figure(low, high, qualifier) == shown


@pytest.mark.parametrize(
    ("low", "high", "qualifier"),
    [
        (50000, 60000, Q.AT_LEAST),
        (None, None, Q.EXACT),
        (None, 4000, Q.RANGE),
        (5000, 4000, Q.RANGE),
        (5000, 6000, Q.APPROX),
        (4000, None, Q.AT_MOST),
        (-1, -1, Q.EXACT),
    ],
)
def test_bounds_that_contradict_the_qualifier_are_refused(
    low: int | None, high: int | None, qualifier: Q
) -> None:
    with pytest.raises(ValueError):
        check_figure(low, high, qualifier)


def test_floor_and_ceiling_use_whichever_bound_is_known() -> None:
    assert floor(None, 4000) == 4000
    assert ceiling(50000, None) == 50000
    assert (floor(2000, 4000), ceiling(2000, 4000)) == (2000, 4000)
