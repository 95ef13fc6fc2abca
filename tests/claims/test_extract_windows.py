"""Windows and dates of figures, resolved against the publication day, in sentences written for
these tests."""

from __future__ import annotations

from datetime import date

import pytest

from claims.extract.extractor import extract
from claims.model import Claim

PUBLISHED = date(2024, 12, 11)  # a Wednesday


def claims(text: str, published: date = PUBLISHED) -> list[Claim]:
    return extract(text, published, "The Daily")


def one(text: str, published: date = PUBLISHED) -> Claim:
    [claim] = claims(text, published)
    return claim


def window(claim: Claim) -> tuple[date | None, date | None, date | None]:
    return claim.as_of, claim.period_start, claim.period_end


@pytest.mark.parametrize(
    ("phrase", "as_of", "start", "end"),
    [
        ("in the past 24 hours", PUBLISHED, date(2024, 12, 10), PUBLISHED),
        ("in the past week", PUBLISHED, date(2024, 12, 4), PUBLISHED),
        ("over the last three months", PUBLISHED, date(2024, 9, 12), PUBLISHED),
        ("in November alone", None, date(2024, 11, 1), date(2024, 11, 30)),
        ("during October", None, date(2024, 10, 1), date(2024, 10, 31)),
        ("in 2023", None, date(2023, 1, 1), date(2023, 12, 31)),
        ("in 2024", PUBLISHED, date(2024, 1, 1), PUBLISHED),
        ("last year", None, date(2023, 1, 1), date(2023, 12, 31)),
        ("so far this year", PUBLISHED, date(2024, 1, 1), PUBLISHED),
        ("between March 3 and 5", None, date(2024, 3, 3), date(2024, 3, 5)),
        ("in the first half of 2024", None, date(2024, 1, 1), date(2024, 6, 30)),
        ("in the six months to June 30", None, date(2024, 1, 1), date(2024, 6, 30)),
        ("since Friday", PUBLISHED, date(2024, 12, 6), PUBLISHED),
    ],
)
def test_a_window_bounds_the_figure(
    phrase: str, as_of: date | None, start: date, end: date
) -> None:
    claim = one(f"The governor said 120 Ukrainian civilians were killed {phrase}.")
    assert window(claim) == (as_of, start, end)


def test_a_year_that_dates_an_event_is_not_the_window() -> None:
    claim = one("The war that began in 2023 has killed 9,000 Sudanese civilians, the UN said.")
    assert window(claim) == (PUBLISHED, None, None)


def test_when_it_was_said_last_year_is_a_date_not_a_window() -> None:
    claim = one("Kyiv said last year that 30,000 Russian soldiers had been killed.")
    assert (claim.as_of, claim.period_start) == (date(2023, 1, 1), None)


@pytest.mark.parametrize(
    ("phrase", "start"),
    [
        ("since the war started on Feb. 24", date(2024, 2, 24)),
        ("since the mobilisation was announced in September 2022", date(2022, 9, 1)),
        ("since the invasion 18 months ago", date(2023, 6, 11)),
        ("since October", date(2024, 10, 1)),
    ],
)
def test_a_date_after_since_starts_a_running_total(phrase: str, start: date) -> None:
    claim = one(f"Kyiv said 50,000 Russian soldiers had been killed {phrase}.")
    assert (claim.as_of, claim.period_start) == (PUBLISHED, start)


def test_a_day_long_past_dates_the_figure_rather_than_making_it_history() -> None:
    claim = one(
        "On Friday 29th October 2021, the journal estimated that 100,000 Iraqis had died.",
        date(2024, 1, 5),
    )
    assert (claim.as_of, claim.period_start) == (date(2021, 10, 29), None)


def test_each_figure_takes_the_date_of_its_own_part_of_the_sentence() -> None:
    text = "Monitors said 1,300 Burmese civilians died in 2022 and 1,500 in 2023."
    found = claims(text, date(2024, 1, 3))
    assert [(c.low, c.period_start) for c in found] == [
        (1300, date(2022, 1, 1)),
        (1500, date(2023, 1, 1)),
    ]


def test_a_historical_comparison_does_not_make_the_other_figure_history() -> None:
    text = (
        "More than 60,000 Russian troops have died in Ukraine, against 15,000 Soviet soldiers"
        " in Afghanistan between 1979 and 1989."
    )
    first, second = claims(text)
    assert (first.party, first.as_of) == ("russia", PUBLISHED)
    assert (second.party, second.as_of, second.period_start) == ("ussr", None, date(1979, 1, 1))


def test_dates_written_in_numbers() -> None:
    claim = one(
        "The monitor documented the deaths of 210,000 Syrians since 18/03/2011 until 05/02/2015.",
        date(2015, 2, 9),
    )
    assert (claim.as_of, claim.period_start) == (date(2015, 2, 5), date(2011, 3, 18))


def test_the_first_months_of_another_war_do_not_count_from_the_tracked_wars_start() -> None:
    text = "More than 61,000 Sudanese died in the first 14 months of the war, researchers said."
    assert one(text).period_start != date(2022, 2, 24)


def test_a_years_long_count_cut_off_shortly_before_publication_is_a_running_total() -> None:
    text = "Monitors said 5,120 Sudanese civilians died from April 15, 2023 to October 31, 2024."
    assert window(one(text)) == (date(2024, 10, 31), date(2023, 4, 15), date(2024, 10, 31))


def test_a_range_of_months_from_a_wars_start_is_a_running_total() -> None:
    text = (
        "Analysts said Russia lost 410,000 troops between the start of the invasion in "
        "February 2022 and October 2024."
    )
    assert window(one(text)) == (date(2024, 10, 31), date(2022, 2, 1), date(2024, 10, 31))


def test_a_short_window_that_ended_before_publication_stays_finished() -> None:
    text = "Officials said 320 Ukrainian civilians died from September 1 to October 31."
    assert window(one(text)) == (None, date(2024, 9, 1), date(2024, 10, 31))


def test_both_ends_written_out_win_over_a_stretch_counted_back() -> None:
    text = (
        "Monitors said 5,120 Sudanese civilians died over the past two years, from April 15, "
        "2023 to October 31, 2024."
    )
    assert window(one(text)) == (date(2024, 10, 31), date(2023, 4, 15), date(2024, 10, 31))


@pytest.mark.parametrize(
    "text",
    [
        "The monitor said 310,000 Syrians have been killed since 2011.",
        "The monitor said 310,000 Syrians have been killed since the 2011 uprising.",
    ],
)
def test_a_count_since_a_year_long_past_is_a_running_total(text: str) -> None:
    assert window(one(text)) == (PUBLISHED, date(2011, 1, 1), None)


def test_a_figure_since_a_year_is_dated_by_the_day_its_sentence_names() -> None:
    text = (
        "On Friday 8th March 2019, the monitor said at least 370,000 Syrians had been killed "
        "since the 2011 uprising."
    )
    assert one(text).as_of == date(2019, 3, 8)
