"""A document and the claims read from it are stored together, or neither is (both backends)."""

from __future__ import annotations

import pytest

from claims.model import Document
from storage import Storage
from tests.claims.factory import make_claim

DOCUMENT = Document("Wire", "Ukraine said 5,300 Russian soldiers were killed.", title="Losses")


async def test_a_document_is_stored_with_its_claims_in_one_go(storage: Storage) -> None:
    result = await storage.claims.add([make_claim(outlet="Wire")], document=DOCUMENT)
    assert result.new_document
    assert result.document_id == await storage.documents.known(DOCUMENT)
    assert len(result.added) == 1
    [appearance] = await storage.claims.appearances(result.added[0])
    assert appearance.outlet == "Wire"
    again = await storage.claims.add([make_claim(outlet="Wire", low=7, high=7)], document=DOCUMENT)
    assert (again.new_document, again.document_id, again.added) == (False, result.document_id, ())
    assert await storage.claims.count() == 1


async def test_a_claim_that_cannot_be_stored_takes_its_document_with_it(storage: Storage) -> None:
    unstorable = make_claim(low=2**64, high=2**64)  # past any database integer
    with pytest.raises(Exception):  # noqa: B017 (each driver names its overflow differently)
        await storage.claims.add([make_claim(), unstorable], document=DOCUMENT)
    assert await storage.documents.known(DOCUMENT) is None
    assert await storage.documents.count() == 0
    assert await storage.claims.count() == 0
    retried = await storage.claims.add([make_claim()], document=DOCUMENT)
    assert retried.new_document


async def test_a_document_without_claims_is_still_stored_once(storage: Storage) -> None:
    first = await storage.claims.add([], document=DOCUMENT)
    second = await storage.claims.add([], document=DOCUMENT)
    assert (first.new_document, second.new_document) == (True, False)
    assert first.document_id == second.document_id
    assert await storage.documents.count() == 1
