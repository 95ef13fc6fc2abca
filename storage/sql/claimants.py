"""Claimant keys in the store: a lone surname resolved against stored people, and re-keying.

A claim's key is read from its name (``claims.claimants``); two things need the store. A lone
surname ("Shoigu") in a new document is the person of that surname named in full in the same
document, else the one stored person of that surname: ``resolve_surnames`` asks the index of
surnames. And when the rules that read a key change, stored rows are re-keyed: a migration
clears ``claimant_surname`` (NULL marks a row to re-key), and ``rekey`` gives each such row the
key the rules now read, with its series, and relinks the series it left and joined. A stored
claim keeps its id: alerts, digests and chats have quoted it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence

from claims.claimants import identify, people, resolve
from claims.model import Claim
from storage.sql.base import Dialect, SqlDatabase, Tx
from storage.sql.rows import CLAIM_COLUMNS, claim_from_row
from storage.sql.series import relink

__all__ = ["rekey", "resolve_surnames", "surname_of"]

REKEY_BATCH = 5000


def surname_of(claim: Claim) -> str:
    """What the surname index holds for a claim: a person's surname, '' for a body."""
    return identify(claim.claimant).surname


async def _stored_people(tx: Tx, dialect: Dialect, surnames: Iterable[str]) -> dict[str, str]:
    """Surname -> key of the one stored person named in full with that surname."""
    wanted = sorted(set(surnames))
    if not wanted:
        return {}
    rows = await tx.fetchall(
        "SELECT DISTINCT claimant_surname, claimant_key FROM claims "
        f"WHERE {dialect.any_of('claimant_surname')} AND claimant_key != claimant_surname",
        (dialect.values(wanted),),
    )
    keys: dict[str, set[str]] = {}
    for surname, key in rows:
        keys.setdefault(str(surname), set()).add(str(key))
    return {surname: next(iter(found)) for surname, found in keys.items() if len(found) == 1}


async def resolve_surnames(tx: Tx, dialect: Dialect, claims: Sequence[Claim]) -> list[Claim]:
    """One document's claims with each lone surname keyed as the person it names.

    A claim whose key was given explicitly (not read from its name) is left as it is.
    """
    lone = {
        c.claimant
        for c in claims
        if (who := identify(c.claimant)).lone_surname and c.claimant_key == who.key
    }
    if not lone:
        return list(claims)
    in_document = people(c.claimant for c in claims)
    missing = {identify(name).surname for name in lone} - set(in_document)
    stored = await _stored_people(tx, dialect, missing)
    keys = resolve([c.claimant for c in claims], {**stored, **in_document})
    return [
        dataclasses.replace(c, claimant_key=keys[c.claimant], id="", series="")
        if c.claimant in lone and keys[c.claimant] != c.claimant_key
        else c
        for c in claims
    ]


async def rekey(db: SqlDatabase) -> int:
    """Re-key the rows marked by a migration; returns how many claims changed key or series."""
    if await db.scalar("SELECT count(*) FROM claims WHERE claimant_surname IS NULL") == 0:
        return 0
    dialect = db.dialect
    changed = 0
    async with db.transaction() as tx:
        # processes starting together re-key one after the other, as claims are added
        if dialect.publication_lock:
            await tx.execute(dialect.publication_lock)
        if dialect.change_notice:
            await tx.execute(dialect.change_notice)
        names = [
            str(r[0])
            for r in await tx.fetchall(
                "SELECT DISTINCT claimant FROM claims WHERE claimant_surname IS NULL "
                "OR claimant_key != claimant_surname"
            )
        ]
        known = people(names)
        touched: set[str] = set()
        while True:
            rows = await tx.fetchall(
                f"SELECT {CLAIM_COLUMNS} FROM claims c WHERE c.claimant_surname IS NULL "
                "ORDER BY c.id LIMIT ?",
                (REKEY_BATCH,),
            )
            if not rows:
                break
            updates = []
            for row in rows:
                claim = claim_from_row(tuple(row))
                key = resolve([claim.claimant], known)[claim.claimant]
                fresh = dataclasses.replace(claim, claimant_key=key, series="")
                if (fresh.claimant_key, fresh.series) != (claim.claimant_key, claim.series):
                    changed += 1
                    touched.update((claim.series, fresh.series))
                updates.append((key, surname_of(claim), fresh.series, claim.id))
            await tx.executemany(
                "UPDATE claims SET claimant_key = ?, claimant_surname = ?, series = ? WHERE id = ?",
                updates,
            )
        await relink(tx, dialect, touched)
    return changed
