"""The bundled seed claims: two articles' figures, entered by hand, loaded into an empty database.

They give a new deployment something true to answer with before any feed is set up.
"""

from __future__ import annotations

import json
from datetime import date
from importlib import resources
from typing import Any

from claims.model import Claim, Document
from claims.records import claim_from_record
from storage.protocols import Storage

__all__ = ["load_seed", "seed_documents", "seed_if_empty"]


def seed_documents() -> list[tuple[Document, list[Claim]]]:
    """The bundled documents and their claims, validated."""
    text = resources.files("storage").joinpath("seed_data/seed_claims.json").read_text("utf-8")
    result = []
    for doc in json.loads(text)["documents"]:
        published = date.fromisoformat(doc["published"]) if doc.get("published") else None
        document = Document(
            outlet=doc["outlet"],
            url=doc.get("url", ""),
            title=doc.get("title", ""),
            published=published,
        )
        appearance: dict[str, Any] = {
            "outlet": document.outlet,
            "url": document.url,
            "title": document.title,
            "published": published,
        }
        result.append((document, [claim_from_record(c, **appearance) for c in doc["claims"]]))
    return result


async def load_seed(storage: Storage) -> int:
    """Add the seed documents and claims; returns how many claims were new."""
    added = 0
    for document, claims in seed_documents():
        document_id, _ = await storage.documents.add(document)
        result = await storage.claims.add(claims, document_id)
        added += len(result.added)
    return added


async def seed_if_empty(storage: Storage) -> int:
    if await storage.claims.count():
        return 0
    return await load_seed(storage)
