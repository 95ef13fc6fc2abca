"""Every command module's router, included in one place."""

from __future__ import annotations

from handlers.commands import (
    audit,
    basics,
    claim,
    claimants,
    curate,
    edit,
    estimates,
    history,
    moderation,
    reingest,
    sources,
    subscriptions,
)
from handlers.router import Router

__all__ = ["build_router"]


def build_router() -> Router:
    root = Router("tally")
    for module in (
        *(basics, estimates, claim, history, sources, subscriptions, moderation),
        *(edit, curate, claimants, audit, reingest),
    ):
        root.include(module.router)
    return root
