from __future__ import annotations

from datetime import date

import pytest

from claims.model import Claim, Document, claimant_key
from claims.vocab import DatePrecision, Population, Qualifier
from tests.claims.factory import make_claim


def test_the_same_assertion_relayed_by_two_outlets_is_one_claim() -> None:
    a = make_claim(outlet="Outlet A", url="https://a.example/1", published=date(2022, 6, 2))
    b = make_claim(outlet="Outlet B", url="https://b.example/9", published=date(2022, 6, 5))
    assert a.id == b.id
    assert len(a.id) == 32
    assert a.short_id == a.id[:8]


@pytest.mark.parametrize(
    "change",
    [
        {"low": 2000, "high": 2000},
        {"as_of": date(2022, 6, 2)},
        {"claimant": "Russia"},
        {"population": Population.CIVILIAN},
    ],
)
def test_a_different_figure_claimant_or_date_is_a_different_claim(
    change: dict[str, object],
) -> None:
    assert make_claim(**change).id != make_claim().id


def test_claimant_keys_fold_case_accents_titles_and_appositions() -> None:
    assert claimant_key("Sergei Shoigu, Russian Defence Minister") == "sergei-shoigu"
    assert claimant_key("  Zelenskyy ") == claimant_key("ZELENSKYY")
    assert claimant_key("Volodymyr Zelenśkyy") == "volodymyr-zelensky"


def test_one_claimant_written_two_ways_is_one_series() -> None:
    seed = make_claim(claimant="Sergei Shoigu, Russian Defence Minister")
    later = make_claim(claimant="Russian Defence Minister Sergei Shoigu", low=7000, high=7000)
    assert later.series == seed.series
    assert later.claimant == "Russian Defence Minister Sergei Shoigu"


def test_a_month_precise_figure_is_ordered_by_the_end_of_its_month() -> None:
    claim = make_claim(as_of=date(2022, 9, 1), as_of_precision=DatePrecision.MONTH)
    assert claim.as_of_text == "2022-09"
    assert claim.effective_date == date(2022, 9, 30)


def test_without_an_as_of_date_a_figure_holds_when_it_was_reported() -> None:
    claim = make_claim(as_of=None, published=date(2022, 10, 3))
    assert claim.effective_date == date(2022, 10, 3)


def test_the_series_ignores_the_figure_but_not_the_window() -> None:
    first, revised = (
        make_claim(low=5300, high=None, qualifier=Qualifier.AT_LEAST),
        make_claim(low=50000, high=None, qualifier=Qualifier.AT_LEAST, as_of=date(2022, 9, 1)),
    )
    windowed = make_claim(period_start=date(2022, 2, 24), period_end=date(2022, 5, 24))
    assert first.series == revised.series
    assert windowed.series != first.series


@pytest.mark.parametrize(
    "bad",
    [
        {"claimant": "  "},
        {"low": 5, "high": 3, "qualifier": Qualifier.RANGE},
        {"period_start": date(2022, 5, 1), "period_end": date(2022, 4, 1)},
    ],
)
def test_an_incoherent_claim_cannot_be_made(bad: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        make_claim(**bad)


def test_a_document_is_identified_by_its_text_whatever_the_whitespace() -> None:
    a = Document("Outlet", text="Ukraine said  more than\n50,000.")
    b = Document("Elsewhere", text="Ukraine said more than 50,000.")
    assert a.text_hash == b.text_hash
    assert Document("Outlet", text="Other text").text_hash != a.text_hash


def test_claims_are_immutable() -> None:
    claim: Claim = make_claim()
    with pytest.raises(AttributeError):
        claim.low = 5  # type: ignore[misc]
