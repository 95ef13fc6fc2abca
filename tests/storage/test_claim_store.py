"""The claim store contract: every backend passes these (the ``storage`` fixture is per backend)."""

from __future__ import annotations

from datetime import date

from claims.conflict import is_context
from claims.model import Appearance, Document
from claims.vocab import ClaimantSide, Metric, Party, Qualifier, Status
from storage import Storage, open_storage
from tests.bot.delivery_kit import eventually_true
from tests.claims.factory import make_claim
from tests.conftest import CONFLICT


async def test_a_claim_is_stored_and_read_back_whole(storage: Storage) -> None:
    claim = make_claim(
        value_text="more than 1,000",
        caveat="cannot be verified",
        quote="Ukraine said more than 1,000 were killed.",
        span=(10, 52),
        url="https://example.org/a",
        title="A title",
        low=1000,
        high=None,
        qualifier=Qualifier.AT_LEAST,
        period_start=date(2022, 2, 24),
    )
    result = await storage.claims.add([claim])
    assert result.added == (claim.id,)
    [back] = await storage.claims.get([claim.id])
    assert back == claim


async def test_the_same_claim_from_another_outlet_becomes_an_appearance(storage: Storage) -> None:
    first = make_claim(outlet="Outlet A", published=date(2022, 6, 2))
    relayed = make_claim(outlet="Outlet B", published=date(2022, 6, 1), quote="relayed")
    await storage.claims.add([first])
    result = await storage.claims.add([relayed])
    assert result.added == ()
    assert result.reappeared == (first.id,)
    assert await storage.claims.count() == 1
    appearances = await storage.claims.appearances(first.id)
    assert [a.outlet for a in appearances] == ["Outlet B", "Outlet A"]
    assert appearances[0] == Appearance("Outlet B", published=date(2022, 6, 1), quote="relayed")
    [shown] = await storage.claims.get([first.id])
    assert (shown.outlet, shown.quote) == ("Outlet B", "relayed")
    again = await storage.claims.add([relayed])
    assert again.unchanged == (first.id,)


async def test_only_each_series_latest_figure_is_current(storage: Storage) -> None:
    early = make_claim(low=5300, high=None, qualifier=Qualifier.AT_LEAST, as_of=date(2022, 3, 1))
    late = make_claim(low=50000, high=None, qualifier=Qualifier.AT_LEAST, as_of=date(2022, 9, 1))
    other = make_claim(claimant="Russia", low=6000, high=6000)
    await storage.claims.add([early, other])
    await storage.claims.add([late])
    current = await storage.claims.current(Metric.KILLED)
    assert {c.id for c in current} == {late.id, other.id}
    [stored_late] = [c for c in current if c.id == late.id]
    assert stored_late.supersedes == early.id


async def test_a_figure_arriving_out_of_order_relinks_its_series(storage: Storage) -> None:
    march, may, sept = (
        make_claim(low=n, high=n, as_of=d)
        for n, d in ((100, date(2022, 3, 1)), (200, date(2022, 5, 1)), (300, date(2022, 9, 1)))
    )
    await storage.claims.add([march])
    await storage.claims.add([sept])
    await storage.claims.add([may])
    [current] = await storage.claims.current(Metric.KILLED)
    assert current.id == sept.id
    revisions = await storage.claims.revisions(sept)
    assert [r.id for r in revisions] == [march.id, may.id, sept.id]
    assert [r.supersedes for r in revisions] == [None, march.id, may.id]


async def test_pending_claims_are_never_current(storage: Storage) -> None:
    pending = make_claim(status=Status.PENDING)
    await storage.claims.add([pending])
    assert await storage.claims.current(Metric.KILLED) == []
    assert await storage.claims.latest(10) == []


async def test_current_filters_by_party_and_date(storage: Storage) -> None:
    russia = make_claim(as_of=date(2022, 3, 1))
    ukraine = make_claim(party=Party.UKRAINE, as_of=date(2022, 9, 1))
    await storage.claims.add([russia, ukraine])
    by_party = await storage.claims.current(Metric.KILLED, party=Party.UKRAINE)
    assert [c.id for c in by_party] == [ukraine.id]
    since = await storage.claims.current(Metric.KILLED, since=date(2022, 6, 1))
    assert [c.id for c in since] == [ukraine.id]
    assert await storage.claims.current(Metric.WOUNDED) == []


async def test_the_conflict_filter_agrees_with_the_domain_rule(seeded: Storage) -> None:
    everything = await seeded.claims.history(Metric.KILLED, limit=100)
    in_conflict = await seeded.claims.history(Metric.KILLED, conflict=CONFLICT, limit=100)
    expected = {c.id for c in everything if not is_context(c, CONFLICT)}
    assert {c.id for c in in_conflict} == expected
    assert len(expected) < len(everything)


async def test_claims_are_found_by_id_prefix(storage: Storage) -> None:
    claim = make_claim()
    await storage.claims.add([claim])
    assert [c.id for c in await storage.claims.find(claim.id[:6])] == [claim.id]
    assert [c.id for c in await storage.claims.find(claim.id.upper()[:8])] == [claim.id]
    assert await storage.claims.find("zzzz") == []
    assert await storage.claims.find("'; DROP TABLE claims; --") == []


async def test_history_matches_every_claimant_word(storage: Storage) -> None:
    nato = make_claim(claimant="a senior NATO official", claimant_side=ClaimantSide.NATO)
    intel = make_claim(claimant="NATO intelligence", claimant_side=ClaimantSide.NATO, low=7, high=7)
    await storage.claims.add([nato, intel])
    found = await storage.claims.history(Metric.KILLED, words=["nato", "senior"])
    assert [c.id for c in found] == [nato.id]
    assert await storage.claims.history(Metric.KILLED, words=["%"]) == []


async def test_sources_and_claimants_are_counted(seeded: Storage) -> None:
    outlets = {s.outlet: s.claims for s in await seeded.claims.sources()}
    assert outlets == {"The Globe and Mail": 8, "The New York Times": 9}
    claimants = {c.claimant: c.claims for c in await seeded.claims.claimants(50)}
    assert claimants["Ukraine"] == 2


async def test_a_document_is_stored_once_by_url_or_text(storage: Storage) -> None:
    doc = Document("Outlet", text="Some text.", url="https://example.org/1")
    first_id, new = await storage.documents.add(doc)
    assert new
    assert await storage.documents.add(doc) == (first_id, False)
    same_text = Document("Elsewhere", text="Some   text.", url="https://example.org/2")
    assert await storage.documents.add(same_text) == (first_id, False)
    same_url = Document("Outlet", text="Edited text.", url="https://example.org/1")
    assert await storage.documents.add(same_url) == (first_id, False)
    assert await storage.documents.count() == 1


async def test_standings_list_current_figures_marked_inside_or_outside_the_conflict(
    seeded: Storage,
) -> None:
    current = await seeded.claims.current(Metric.KILLED)
    standings = await seeded.claims.standings(Metric.KILLED, CONFLICT)
    assert {s.id for s in standings} == {c.id for c in current}
    by_id = {c.id: c for c in current}
    for s in standings:
        claim = by_id[s.id]
        assert s.context == is_context(claim, CONFLICT)
        assert (s.party, s.population, s.low, s.high) == (
            claim.party,
            claim.population,
            claim.low,
            claim.high,
        )
        assert (s.effective_date, s.supersedes) == (claim.effective_date, claim.supersedes)
    russia = await seeded.claims.standings(Metric.KILLED, CONFLICT, party=Party.RUSSIA)
    assert {s.party for s in russia} == {Party.RUSSIA}


async def test_a_figure_added_by_another_process_is_seen_by_the_next_reads(
    storage: Storage, storage_url: str
) -> None:
    early = make_claim(as_of=date(2022, 3, 1))
    await storage.claims.add([early])
    assert [s.id for s in await storage.claims.standings(Metric.KILLED, CONFLICT)] == [early.id]
    assert [c.outlet for c in await storage.claims.get([early.id])] == ["The Daily Test"]
    other = await open_storage(storage_url)
    try:
        later = make_claim(as_of=date(2022, 9, 1), low=5000, high=5000)
        await other.claims.add(
            [
                later,
                make_claim(as_of=date(2022, 3, 1), outlet="Earlier", published=date(2022, 3, 1)),
            ]
        )
    finally:
        await other.close()

    async def seen() -> bool:
        [now] = await storage.claims.standings(Metric.KILLED, CONFLICT)
        [relayed] = await storage.claims.get([early.id])
        return (now.id, now.supersedes, relayed.outlet) == (later.id, early.id, "Earlier")

    if storage_url.startswith("sqlite"):
        assert await seen()  # the file's data_version moved: at the very next read
    else:
        await eventually_true(seen, within=5)  # once the commit's NOTIFY has arrived


async def test_a_figure_added_here_is_seen_at_the_next_read(storage: Storage) -> None:
    early = make_claim(as_of=date(2022, 3, 1))
    await storage.claims.add([early])
    await storage.claims.standings(Metric.KILLED, CONFLICT)
    await storage.claims.get([early.id])
    later = make_claim(as_of=date(2022, 9, 1), low=5000, high=5000)
    await storage.claims.add([later])
    [now] = await storage.claims.standings(Metric.KILLED, CONFLICT)
    assert now.id == later.id
    [early_again] = await storage.claims.get([early.id])
    assert early_again.id == early.id


async def test_the_store_and_the_rule_agree_on_windows_around_the_wars_start(
    storage: Storage,
) -> None:
    windows = [
        make_claim(as_of=None, period_start=date(2022, 1, 1), period_end=date(2022, 12, 31)),
        make_claim(
            as_of=None, period_start=date(2022, 1, 1), period_end=date(2022, 1, 31), low=7, high=7
        ),
        make_claim(period_start=date(2014, 4, 1), as_of=date(2022, 12, 1), low=9, high=9),
    ]
    await storage.claims.add(windows)
    standings = await storage.claims.standings(Metric.KILLED, CONFLICT)
    context = {s.id: s.context for s in standings}
    assert context == {c.id: is_context(c, CONFLICT) for c in windows}
    assert [c.id for c in windows if not is_context(c, CONFLICT)] == [windows[0].id]
