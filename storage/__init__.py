"""Persistence for Tally behind small typed stores.

``open_storage(url)`` is the one way in: it opens the database the URL names, checks that this
version of Tally understands it, applies migrations and hands back a ``Storage`` whose stores
share one connection.
"""

from storage.protocols import (
    AddResult,
    ClaimantCount,
    ClaimStore,
    DocumentStore,
    Source,
    Storage,
)
from storage.urls import open_storage

__all__ = [
    "AddResult",
    "ClaimStore",
    "ClaimantCount",
    "DocumentStore",
    "Source",
    "Storage",
    "open_storage",
]
