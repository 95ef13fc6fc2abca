"""Reading sentences of the tests with the extractor: every claim in a text, or its only one."""

from __future__ import annotations

from datetime import date

from claims.extract.extractor import extract
from claims.model import Claim

__all__ = ["PUBLISHED", "claims", "one"]

PUBLISHED = date(2024, 5, 14)  # a Tuesday


def claims(text: str, published: date = PUBLISHED) -> list[Claim]:
    return extract(text, published, "The Daily")


def one(text: str, published: date = PUBLISHED) -> Claim:
    [claim] = claims(text, published)
    return claim
