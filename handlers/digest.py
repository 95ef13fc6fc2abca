"""Alerts and digests: what was published, as each claimant's change, grouped and with spreads.

The delivery planner (bot/planner.py) and ``/digest`` both build their replies here, so a
preview reads exactly like the digest that will be sent.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from claims.compare import spread
from claims.conflict import Conflict
from claims.digest import Change, changes, direction, sections
from claims.model import Claim
from claims.vocab import Status
from handlers.curation_notes import correction_note
from handlers.present import entry, metric_title, spread_text, whose
from handlers.types import Block, Button, Entry, Heading, Reply, Text
from storage.protocols import Storage

__all__ = ["CHANGE_LIMIT", "change_note", "change_reply"]

CHANGE_LIMIT = 25
"""Most changes one message lists; the rest are counted, with where to see them."""


def change_note(claim: Claim, before: Claim | None) -> str:
    """``up from >5,300 on 2022-03-01``; empty for a claimant's first figure in a series."""
    if before is None:
        return "new"
    change = f"{direction(claim, before)} from {before.figure}"
    if before.as_of_text:
        return f"{change} on {before.as_of_text}"
    if before.published:
        return f"{change} reported {before.published.isoformat()}"
    return change


async def _spread(storage: Storage, conflict: Conflict, claim: Claim) -> str | None:
    current = await storage.claims.current(claim.metric, party=claim.party, conflict=conflict)
    found = spread(c for c in current if c.population is claim.population)
    return None if found is None else spread_text(found)


async def change_reply(
    storage: Storage,
    conflict: Conflict,
    published: Sequence[Claim],
    *,
    heading: str,
    intro: str = "",
    spreads: bool = True,
    limit: int = CHANGE_LIMIT,
) -> Reply | None:
    """The reply for newly published claims, or None when there are none."""
    found: list[Change] = changes(published)
    if not found:
        return None
    wanted = [ch.before for ch in found if ch.before]
    before = {c.id: c for c in await storage.claims.get(wanted)}
    blocks: list[Block] = [Heading(heading)]
    if intro:
        blocks.append(Text(intro, muted=True))
    shown = 0
    metrics = []
    for section in sections(found, conflict.parties):
        if shown >= limit:
            break
        blocks.append(
            Heading(f"{metric_title(section.metric)} · {whose(section.party, section.population)}")
        )
        for change in section.changes[: limit - shown]:
            previous = before.get(change.before) if change.before else None
            note = change_note(change.claim, previous)
            if change.claim.status is Status.WITHDRAWN:  # subscribers who had it are told
                note = "withdrawn by the moderators; /claim shows why"
            elif corrected := await correction_note(storage, change.claim):
                note = corrected
            row: Entry = replace(entry(change.claim), note=note)
            blocks.append(row)
            shown += 1
        if spreads and (text := await _spread(storage, conflict, section.changes[0].claim)):
            blocks.append(Text(text, muted=True))
        if section.metric not in metrics:
            metrics.append(section.metric)
    if shown < len(found):
        blocks.append(
            Text(
                f"…and {len(found) - shown} more changes; /estimates <metric> shows every "
                "current figure.",
                muted=True,
            )
        )
    buttons = tuple(Button(metric_title(m), f"/estimates {m.value}") for m in metrics[:3])
    return Reply(tuple(blocks), buttons)
