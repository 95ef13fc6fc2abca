"""One claimant, one series, in the store: new wordings, lone surnames and re-keyed rows."""

from __future__ import annotations

import asyncio
from datetime import date

from claims.model import Claim
from claims.vocab import ClaimantSide, Metric
from storage import Storage, open_storage
from storage.sql.claimants import rekey
from storage.sql.storage import SqlStorage
from tests.claims.factory import make_claim


def _shoigu(claimant: str, low: int, as_of: date | None, **kw: object) -> Claim:
    return make_claim(
        claimant=claimant,
        claimant_side=ClaimantSide.RUSSIA,
        low=low,
        high=low,
        as_of=as_of,
        **kw,
    )


async def _seed_shoigu(storage: Storage) -> Claim:
    [seed] = [c for c in await storage.claims.current(Metric.KILLED) if "Shoigu" in c.claimant]
    return seed


async def test_the_same_claimant_worded_otherwise_replaces_the_seeds_figure(
    seeded: Storage,
) -> None:
    seed = await _seed_shoigu(seeded)
    newer = _shoigu("Russian Defence Minister Sergei Shoigu", 9000, date(2023, 1, 15))
    await seeded.claims.add([newer])
    shoigu = [c for c in await seeded.claims.current(Metric.KILLED) if "Shoigu" in c.claimant]
    assert [c.id for c in shoigu] == [newer.id]
    assert shoigu[0].supersedes == seed.id
    assert shoigu[0].claimant == "Russian Defence Minister Sergei Shoigu"


async def test_a_lone_surname_is_the_person_the_same_document_names_in_full(
    storage: Storage,
) -> None:
    full = _shoigu("Defence Minister Sergey Shoigu", 5937, date(2022, 9, 21))
    lone = _shoigu("Shoigu", 6000, date(2022, 10, 1), metric=Metric.WOUNDED)
    result = await storage.claims.add([full, lone])
    stored = await storage.claims.get(list(result.added))
    assert {c.claimant_key for c in stored} == {"sergei-shoigu"}
    assert {c.claimant for c in stored} == {"Defence Minister Sergey Shoigu", "Shoigu"}


async def test_a_lone_surname_in_a_later_document_is_the_one_stored_person(
    seeded: Storage,
) -> None:
    seed = await _seed_shoigu(seeded)
    result = await seeded.claims.add([_shoigu("Shoigu", 9000, date(2023, 1, 15))])
    [stored] = await seeded.claims.get(list(result.added))
    assert stored.claimant_key == "sergei-shoigu"
    assert stored.supersedes == seed.id
    assert stored.series == seed.series


async def test_a_surname_two_stored_people_share_stays_apart(storage: Storage) -> None:
    await storage.claims.add([make_claim(claimant="Andrii Kovalenko")])
    await storage.claims.add([make_claim(claimant="Oksana Kovalenko", low=7, high=7)])
    result = await storage.claims.add([make_claim(claimant="Kovalenko", low=9, high=9)])
    [stored] = await storage.claims.get(list(result.added))
    assert stored.claimant_key == "kovalenko"


async def test_rows_marked_by_a_migration_are_rekeyed_keeping_their_ids(
    storage: Storage,
) -> None:
    assert isinstance(storage, SqlStorage)
    old = _shoigu("Sergei Shoigu, Russian Defence Minister", 5937, date(2022, 9, 21))
    new = _shoigu("Russian Defence Minister Sergei Shoigu", 6000, date(2022, 12, 1))
    await storage.claims.add([old])
    await storage.claims.add([new])
    # as the rows stood before: each wording its own key, its own series, both current
    async with storage.db.transaction() as tx:
        for claim, key in (
            (old, "sergei-shoigu-russian-defence-minister"),
            (new, "russian-shoigu"),
        ):
            await tx.execute(
                "UPDATE claims SET claimant_key = ?, series = ?, claimant_surname = NULL, "
                "is_current = 1, supersedes = NULL WHERE id = ?",
                (key, key[:16], claim.id),
            )
    assert await rekey(storage.db) == 2
    assert await rekey(storage.db) == 0
    [current] = await storage.claims.current(Metric.KILLED)
    assert (current.id, current.supersedes) == (new.id, old.id)
    assert current.claimant_key == "sergei-shoigu"
    assert current.series == new.series


async def test_processes_opening_a_marked_database_together_rekey_it_once(
    storage: Storage, storage_url: str
) -> None:
    assert isinstance(storage, SqlStorage)
    old = _shoigu("Sergei Shoigu, Russian Defence Minister", 5937, date(2022, 9, 21))
    new = _shoigu("Russian Defence Minister Sergei Shoigu", 6000, date(2022, 12, 1))
    await storage.claims.add([old, new])
    async with storage.db.transaction() as tx:
        await tx.execute("UPDATE claims SET claimant_key = 'x', claimant_surname = NULL")
    opened = await asyncio.gather(open_storage(storage_url), open_storage(storage_url))
    try:
        for other in opened:
            [current] = await other.claims.current(Metric.KILLED)
            assert (current.id, current.supersedes, current.claimant_key) == (
                new.id,
                old.id,
                "sergei-shoigu",
            )
    finally:
        for other in opened:
            await other.close()
