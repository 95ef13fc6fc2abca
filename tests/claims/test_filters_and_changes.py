"""Subscription filters, and new figures collapsed into one change per claimant's series."""

from __future__ import annotations

from datetime import date

from claims.digest import changes, direction, sections
from claims.filters import ClaimFilter
from claims.vocab import ClaimantSide, Kind, Metric, Party, Qualifier
from tests.claims.factory import make_claim
from tests.conftest import CONFLICT


def test_an_empty_filter_takes_every_figure_of_the_conflict_and_no_context() -> None:
    everything = ClaimFilter()
    assert everything.matches(make_claim(), CONFLICT)
    afghanistan = make_claim(party=Party.USSR, as_of=date(1989, 2, 15))
    assert not everything.matches(afghanistan, CONFLICT)
    assert everything.describe() == "all figures"
    assert everything.words() == ["all"]


def test_each_part_of_a_filter_narrows_it() -> None:
    f = ClaimFilter(
        metrics=frozenset({Metric.KILLED, Metric.WOUNDED}),
        parties=frozenset({Party.RUSSIA}),
        sides=frozenset({ClaimantSide.UKRAINE}),
        kinds=frozenset({Kind.CLAIMED}),
    )
    assert f.matches(make_claim(), CONFLICT)
    assert not f.matches(make_claim(metric=Metric.CAPTURED), CONFLICT)
    assert not f.matches(make_claim(party=Party.UKRAINE), CONFLICT)
    assert not f.matches(make_claim(claimant_side=ClaimantSide.USA), CONFLICT)
    assert not f.matches(make_claim(kind=Kind.ESTIMATED), CONFLICT)
    assert f.describe() == "killed, wounded · russia losses · claimed by ukraine · claimed"
    assert ClaimFilter.from_record(f.to_record()) == f


def test_revisions_in_one_window_are_one_change_from_the_figure_before_it() -> None:
    old = make_claim(low=5300, high=None, qualifier=Qualifier.AT_LEAST, as_of=date(2022, 3, 1))
    mid = make_claim(low=20000, high=20000, as_of=date(2022, 5, 1), supersedes=old.id)
    new = make_claim(low=50000, high=None, qualifier=Qualifier.AT_LEAST, as_of=date(2022, 9, 1))
    other = make_claim(claimant="UK MoD", claimant_side=ClaimantSide.UK, supersedes=None)
    found = {ch.claim.id: ch for ch in changes([new, mid, other])}
    assert set(found) == {new.id, other.id}
    assert found[new.id].before == old.id
    assert found[other.id].before is None


def test_directions_compare_what_the_figures_allow() -> None:
    five = make_claim(low=5300, high=None, qualifier=Qualifier.AT_LEAST)
    fifty = make_claim(low=50000, high=None, qualifier=Qualifier.AT_LEAST)
    about = make_claim(low=5000, high=6000, qualifier=Qualifier.RANGE)
    assert direction(fifty, five) == "up"
    assert direction(five, fifty) == "down"
    assert direction(about, five) == "revised"


def test_sections_follow_metric_then_the_conflicts_parties() -> None:
    items = changes(
        [
            make_claim(metric=Metric.WOUNDED),
            make_claim(party=Party.UKRAINE, claimant="Russia"),
            make_claim(),
        ]
    )
    order = [(s.metric, s.party) for s in sections(items, CONFLICT.parties)]
    assert order == [
        (Metric.KILLED, Party.RUSSIA),
        (Metric.KILLED, Party.UKRAINE),
        (Metric.WOUNDED, Party.RUSSIA),
    ]
