"""Planning a page of /estimates from brief current figures."""

from __future__ import annotations

from datetime import date

from claims.paging import MIN_ROWS, Standing, plan_page, rows_per_group
from claims.vocab import Party, Population

M, C = Population.MILITARY, Population.CIVILIAN


def standing(
    n: int, party: Party = Party.RUSSIA, population: Population = M, **kw: object
) -> Standing:
    values: dict[str, object] = {
        "id": f"{n:04d}",
        "party": party,
        "population": population,
        "low": n * 100,
        "high": n * 100,
        "effective_date": date(2022, 3, n),
    }
    values.update(kw)
    return Standing(**values)  # type: ignore[arg-type]


def test_a_few_groups_show_a_full_page_each() -> None:
    assert rows_per_group(groups=3, page_size=8, budget=24) == 8


def test_many_groups_share_the_budget_but_keep_a_minimum() -> None:
    assert rows_per_group(groups=6, page_size=8, budget=24) == 4
    assert rows_per_group(groups=15, page_size=8, budget=24) == MIN_ROWS
    assert rows_per_group(groups=15, page_size=2, budget=6) == 2


def test_groups_come_in_the_conflicts_order_newest_row_first() -> None:
    plan = plan_page(
        [standing(1, Party.UKRAINE), standing(2), standing(3, population=C), standing(4)],
        (Party.RUSSIA, Party.UKRAINE),
    )
    assert [g.whose for g in plan.groups] == [
        (Party.RUSSIA, M),
        (Party.RUSSIA, C),
        (Party.UKRAINE, M),
    ]
    assert [s.id for s in plan.groups[0].shown] == ["0004", "0002"]


def test_groups_put_the_tracked_parties_first_then_the_rest() -> None:
    plan = plan_page(
        [
            standing(1, Party.USA),
            standing(2, Party.UKRAINE),
            standing(3, population=C),
            standing(4),
        ],
        (Party.RUSSIA, Party.UKRAINE),
    )
    assert [g.whose for g in plan.groups] == [
        (Party.RUSSIA, M),
        (Party.RUSSIA, C),
        (Party.UKRAINE, M),
        (Party.USA, M),
    ]


def _id(end: Standing | None) -> str | None:
    return None if end is None else end.id


def test_the_spread_ends_are_kept_even_off_the_page() -> None:
    members = [standing(n) for n in range(1, 11)]
    plan = plan_page(members, (Party.RUSSIA,), page=2, page_size=3, budget=9)
    [group] = plan.groups
    assert [s.id for s in group.shown] == ["0007", "0006", "0005"]
    assert (_id(group.lowest), _id(group.highest)) == ("0001", "0010")
    assert (group.size, group.after) == (10, 4)
    assert plan.more


def test_an_upper_bound_counts_by_its_ceiling_at_the_low_end() -> None:
    plan = plan_page(
        [standing(1, low=None, high=5000), standing(2, low=200, high=None)], (Party.RUSSIA,)
    )
    assert _id(plan.groups[0].lowest) == "0002"
    assert _id(plan.groups[0].highest) == "0001"


def test_a_windows_figure_is_shown_but_is_no_end_of_the_spread() -> None:
    november = standing(9, low=90_000, high=90_000, window=True)
    plan = plan_page([standing(1, low=5000, high=5000), standing(2), november], (Party.RUSSIA,))
    [group] = plan.groups
    assert november in group.shown
    assert (_id(group.lowest), _id(group.highest)) == ("0002", "0001")
    alone = plan_page([november], (Party.RUSSIA,)).groups[0]
    assert (alone.lowest, alone.highest) == (None, None)
    assert plan_page([november], (Party.RUSSIA,)).wanted() == ["0009"]


def test_the_plan_asks_for_rows_what_they_replaced_and_the_ends_once_each() -> None:
    plan = plan_page(
        [standing(5, supersedes="0001"), standing(3), standing(9, low=1, high=1)],
        (Party.RUSSIA,),
        page_size=1,
        budget=1,
    )
    # the newest row is also the lowest; the highest is off the page; 0003 is neither
    assert plan.wanted() == ["0009", "0005"]
    plan = plan_page([standing(5, supersedes="0001"), standing(3)], (Party.RUSSIA,))
    assert plan.wanted() == ["0005", "0003", "0001"]


def test_a_page_past_the_end_is_empty() -> None:
    plan = plan_page([standing(1)], (Party.RUSSIA,), page=2)
    assert plan.groups == ()
    assert not plan.more
    assert plan.wanted() == []
