from __future__ import annotations

from claims.vocab import Metric
from storage import Storage
from storage.seed import load_seed, seed_documents, seed_if_empty


def test_every_seed_claim_has_a_quote_an_outlet_and_a_date() -> None:
    documents = seed_documents()
    assert [d.outlet for d, _ in documents] == ["The Globe and Mail", "The New York Times"]
    claims = [c for _, cs in documents for c in cs]
    assert len(claims) == 17
    assert all(c.quote and c.outlet and c.published for c in claims)


async def test_seeding_twice_doubles_nothing(storage: Storage) -> None:
    assert await seed_if_empty(storage) == 17
    assert await seed_if_empty(storage) == 0
    assert await load_seed(storage) == 0
    assert await storage.claims.count() == 17
    assert await storage.documents.count() == 2


async def test_the_seed_has_one_current_figure_per_claimant_series(storage: Storage) -> None:
    await load_seed(storage)
    killed = await storage.claims.current(Metric.KILLED)
    ukraine = [c for c in killed if c.claimant == "Ukraine"]
    assert [c.figure for c in ukraine] == [">50,000"]
