"""The curation store on both backends: claims changed in place, decisions taken back,
claimants merged, each change published again where subscribers need it, and recorded in the
same transaction."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from claims.vocab import Status
from storage import Storage
from storage.curation import AuditEntry, PublicationNote
from tests.claims.factory import make_claim

OLDER = make_claim(low=100, high=100, as_of=date(2022, 5, 1))
NEWER = make_claim(low=200, high=200, as_of=date(2022, 6, 1))


async def test_an_edit_keeps_the_id_relinks_the_series_and_publishes_a_correction(
    storage: Storage,
) -> None:
    await storage.claims.add([OLDER, NEWER])
    head = await storage.claims.publication_head()
    # the older figure moved after the newer one: it becomes current and replaces it
    moved = replace(OLDER, as_of=date(2022, 7, 1), low=300, high=300)
    entry = AuditEntry("test:1", "correct", OLDER.id, before={"figure": "100"})
    stored = await storage.curation.update(moved, entry)
    assert stored.id == OLDER.id
    assert stored.supersedes == NEWER.id
    [current] = await storage.claims.current(OLDER.metric)
    assert current.id == OLDER.id
    corrections = await storage.claims.published_between(
        head, await storage.claims.publication_head()
    )
    assert [c.id for _, c in corrections] == [OLDER.id]
    [recorded] = await storage.audit.entries(claim_id=OLDER.id)
    assert recorded.before == {"figure": "100"}


async def test_a_change_that_fails_records_nothing(storage: Storage) -> None:
    with pytest.raises(LookupError):
        await storage.curation.update(OLDER, AuditEntry("test:1", "correct", OLDER.id))
    assert await storage.audit.entries() == []


async def test_a_withdrawal_reaches_subscribers_only_through_its_own_publication(
    storage: Storage,
) -> None:
    await storage.claims.add([OLDER])
    head = await storage.claims.publication_head()
    assert await storage.claims.published_between(0, head) != []
    await storage.curation.set_status(OLDER.id, Status.WITHDRAWN, PublicationNote.WITHDRAWAL)
    after = await storage.claims.publication_head()
    assert await storage.claims.published_between(0, head) == []  # its first publication
    [(_, withdrawn)] = await storage.claims.published_between(head, after)
    assert withdrawn.status is Status.WITHDRAWN
    assert await storage.claims.current(OLDER.metric) == []
    restored = await storage.curation.set_status(
        OLDER.id, Status.PUBLISHED, PublicationNote.RESTORED
    )
    assert restored.status is Status.PUBLISHED
    assert [c.id for c in await storage.claims.current(OLDER.metric)] == [OLDER.id]


async def test_a_merged_claimant_stays_merged_for_figures_added_later(storage: Storage) -> None:
    city = make_claim(claimant="Kyiv City Administration", as_of=date(2022, 5, 1))
    await storage.claims.add([city, NEWER])
    assert await storage.curation.merge_claimants(city.claimant_key, NEWER.claimant_key) == 1
    later = make_claim(claimant="Kyiv City Administration", low=5, high=5, as_of=date(2022, 8, 1))
    await storage.claims.add([later])
    [current] = await storage.claims.current(NEWER.metric)
    assert current.claimant_key == NEWER.claimant_key
    assert current.supersedes == NEWER.id
    assert await storage.curation.merged_key(city.claimant_key) == NEWER.claimant_key
