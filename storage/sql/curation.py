"""Curation in the store: a claim changed in place, decisions taken back, claimants joined.

A claim keeps its id through every change, so links, buttons and ``/claim <id>`` keep working;
its series is read again from its new values, and the series it left and joined are relinked.
A change to a published claim is published again, marked (``PublicationNote``), so the
cursors of alerts and digests carry it. A merge is remembered (``claimant_merges``), so the
merged claimant's figures ingested later join the same series.
"""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from datetime import date, timedelta

from claims.model import Claim, Document
from claims.vocab import Status
from storage.curation import AuditEntry, ClaimantRow, PublicationNote
from storage.events import Signal
from storage.sql.audit import insert_entry
from storage.sql.base import Dialect, SqlDatabase, Tx
from storage.sql.claimants import surname_of
from storage.sql.rows import (
    APPEARANCE_COLUMNS,
    CLAIM_COLUMNS,
    FIGURE_COLUMNS,
    claim_figure_values,
    claim_from_row,
    iso,
    now_iso,
)
from storage.sql.series import relink

__all__ = ["SqlCurationStore", "merged_keys", "record_publication"]

_UPDATE = (
    f"UPDATE claims SET {''.join(f'{name} = ?, ' for name in FIGURE_COLUMNS)}"
    "series = ?, effective_date = ?, claimant_surname = ? WHERE id = ?"
)


async def record_publication(
    tx: Tx, claim_ids: Sequence[str], now: str, note: PublicationNote = PublicationNote.FIRST
) -> None:
    """Number claims in the publication log: a first publication once per claim, any later
    one (a correction, a withdrawal, a restoring) each time."""
    if note is PublicationNote.FIRST:
        sql = (
            "INSERT INTO publications (claim_id, published_at, note) VALUES (?, ?, ?) "
            "ON CONFLICT (claim_id) WHERE note = '' DO NOTHING"
        )
    else:
        sql = "INSERT INTO publications (claim_id, published_at, note) VALUES (?, ?, ?)"
    await tx.executemany(sql, [(i, now, note.value) for i in claim_ids])


async def merged_keys(tx: Tx, dialect: Dialect, claims: Sequence[Claim]) -> list[Claim]:
    """Claims whose claimant was merged into another, keyed (and identified) as that one."""
    keys = sorted({c.claimant_key for c in claims})
    if not keys:
        return list(claims)
    rows = await tx.fetchall(
        "SELECT claimant_key, into_key FROM claimant_merges "
        f"WHERE {dialect.any_of('claimant_key')}",
        (dialect.values(keys),),
    )
    into = {str(k): str(v) for k, v in rows}
    if not into:
        return list(claims)
    return [
        dataclasses.replace(c, claimant_key=into[c.claimant_key], id="", series="")
        if c.claimant_key in into
        else c
        for c in claims
    ]


class SqlCurationStore:
    def __init__(self, db: SqlDatabase, published: Signal) -> None:
        self._db = db
        self._dialect = db.dialect
        self._published = published

    @asynccontextmanager
    async def _transaction(self, entry: AuditEntry | None = None) -> AsyncIterator[Tx]:
        """A transaction holding the publication lock that writes ``entry``, when given, with
        the change it records."""
        async with self._db.transaction() as tx:
            if self._dialect.publication_lock:
                await tx.execute(self._dialect.publication_lock)
            if self._dialect.change_notice:
                await tx.execute(self._dialect.change_notice)
            if entry is not None:
                await insert_entry(tx, entry)
            yield tx

    async def _load(self, claim_id: str) -> Claim:
        rows = await self._db.fetchall(
            f"SELECT {CLAIM_COLUMNS}, {APPEARANCE_COLUMNS} FROM claims c "
            "LEFT JOIN appearances a ON a.id = c.first_appearance WHERE c.id = ?",
            (claim_id,),
        )
        if not rows:
            raise LookupError(claim_id)
        return claim_from_row(rows[0])

    async def update(self, claim: Claim, entry: AuditEntry | None = None) -> Claim:
        async with self._transaction(entry) as tx:
            row = await tx.fetchone(
                "SELECT series, status, first_appearance FROM claims WHERE id = ?", (claim.id,)
            )
            if row is None:
                raise LookupError(claim.id)
            [claim] = await merged_keys(tx, self._dialect, [claim])
            await tx.execute(
                _UPDATE,
                (
                    *claim_figure_values(claim),
                    claim.series,
                    iso(claim.effective_date),
                    surname_of(claim),
                    claim.id,
                ),
            )
            await self._set_outlet(tx, claim, row[2])
            await relink(tx, self._dialect, {str(row[0]), claim.series})
            published = Status(row[1]) is Status.PUBLISHED
            if published:
                await record_publication(tx, [claim.id], now_iso(), PublicationNote.CORRECTION)
        if published:
            self._published.emit()
        return await self._load(claim.id)

    async def _set_outlet(self, tx: Tx, claim: Claim, first: int | None) -> None:
        if not claim.outlet:
            return
        if first is not None:
            await tx.execute(
                "UPDATE appearances SET outlet = ? WHERE id = ? AND outlet != ?",
                (claim.outlet, first, claim.outlet),
            )
            return
        row = await tx.fetchone(
            "INSERT INTO appearances (claim_id, outlet, url, title, published, quote, added_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
            (claim.id, claim.outlet, claim.url, claim.title, iso(claim.published), claim.quote,
             now_iso()),
        )  # fmt: skip
        assert row is not None
        await tx.execute("UPDATE claims SET first_appearance = ? WHERE id = ?", (row[0], claim.id))

    async def set_status(
        self,
        claim_id: str,
        status: Status,
        note: PublicationNote,
        entry: AuditEntry | None = None,
    ) -> Claim:
        publish = status is Status.PUBLISHED or note is PublicationNote.WITHDRAWAL
        async with self._transaction(entry) as tx:
            row = await tx.fetchone("SELECT series FROM claims WHERE id = ?", (claim_id,))
            if row is None:
                raise LookupError(claim_id)
            await tx.execute("UPDATE claims SET status = ? WHERE id = ?", (status.value, claim_id))
            await relink(tx, self._dialect, {str(row[0])})
            if publish:
                await record_publication(tx, [claim_id], now_iso(), note)
        if publish:
            self._published.emit()
        return await self._load(claim_id)

    async def nearby(self, claim: Claim, days: int = 7) -> list[Claim]:
        day = claim.effective_date
        if day is None:
            return []
        rows = await self._db.fetchall(
            f"SELECT {CLAIM_COLUMNS} FROM claims c WHERE c.claimant_key = ? AND c.metric = ? "
            "AND c.party = ? AND c.id != ? AND c.status IN (?, ?) "
            "AND c.effective_date >= ? AND c.effective_date <= ? ORDER BY c.effective_date, c.id "
            "LIMIT 3",
            (
                claim.claimant_key,
                claim.metric.value,
                claim.party.value,
                claim.id,
                Status.PUBLISHED.value,
                Status.PENDING.value,
                (day - timedelta(days=days)).isoformat(),
                (day + timedelta(days=days)).isoformat(),
            ),
        )
        return [claim_from_row(r) for r in rows]

    async def claimants(self, words: Sequence[str] = (), limit: int = 30) -> list[ClaimantRow]:
        rows = await self._db.fetchall(
            "SELECT claimant_key, claimant, claimant_side, count(*) FROM claims "
            "WHERE status != ? GROUP BY claimant_key, claimant, claimant_side",
            (Status.REJECTED.value,),
        )
        names: dict[str, dict[str, int]] = {}
        sides: dict[str, set[str]] = {}
        for key, name, side, n in rows:
            names.setdefault(key, {})[name] = names.get(key, {}).get(name, 0) + int(n)
            sides.setdefault(key, set()).add(side)
        found = []
        for key, written in names.items():
            text = " ".join([key, *written]).lower()
            if all(w.lower() in text for w in words):
                ordered = tuple(sorted(written, key=lambda n: (-written[n], n)))
                found.append(
                    ClaimantRow(key, ordered, tuple(sorted(sides[key])), sum(written.values()))
                )
        found.sort(key=lambda r: (-r.claims, r.key))
        return found[:limit]

    async def merge_claimants(self, key: str, into: str, entry: AuditEntry | None = None) -> int:
        async with self._transaction(entry) as tx:
            await tx.execute(
                "UPDATE claimant_merges SET into_key = ? WHERE into_key = ?", (into, key)
            )
            await tx.execute(
                "INSERT INTO claimant_merges (claimant_key, into_key) VALUES (?, ?) "
                "ON CONFLICT (claimant_key) DO UPDATE SET into_key = excluded.into_key",
                (key, into),
            )
            rows = await tx.fetchall(
                f"SELECT {CLAIM_COLUMNS} FROM claims c WHERE c.claimant_key = ?", (key,)
            )
            touched: set[str] = set()
            updates = []
            for row in rows:
                claim = claim_from_row(row)
                fresh = dataclasses.replace(claim, claimant_key=into, series="")
                touched.update((claim.series, fresh.series))
                updates.append((into, fresh.series, claim.id))
            await tx.executemany(
                "UPDATE claims SET claimant_key = ?, series = ? WHERE id = ?", updates
            )
            await relink(tx, self._dialect, touched)
        return len(updates)

    async def rename_claimant(self, key: str, name: str, entry: AuditEntry | None = None) -> int:
        async with self._transaction(entry) as tx:
            return await tx.execute(
                "UPDATE claims SET claimant = ? WHERE claimant_key = ?", (name, key)
            )

    async def document(self, document_id: int) -> Document | None:
        row = await self._db.fetchone(
            "SELECT outlet, coalesce(body, ''), url, title, published FROM documents WHERE id = ?",
            (document_id,),
        )
        if row is None:
            return None
        published = date.fromisoformat(row[4]) if row[4] else None
        return Document(row[0], row[1], row[2] or "", row[3], published)

    async def document_claims(self, document_id: int) -> list[Claim]:
        rows = await self._db.fetchall(
            f"SELECT {CLAIM_COLUMNS}, {APPEARANCE_COLUMNS} FROM appearances a "
            "JOIN claims c ON c.id = a.claim_id WHERE a.document_id = ? ORDER BY a.span_start",
            (document_id,),
        )
        return [claim_from_row(r) for r in rows]

    async def redate_document(self, document_id: int, outlet: str, published: date | None) -> None:
        async with self._transaction() as tx:
            await tx.execute(
                "UPDATE documents SET outlet = ?, published = ? WHERE id = ?",
                (outlet, iso(published), document_id),
            )
            await tx.execute(
                "UPDATE appearances SET outlet = ?, published = ? WHERE document_id = ?",
                (outlet, iso(published), document_id),
            )

    async def merged_key(self, key: str) -> str:
        value = await self._db.scalar(
            "SELECT into_key FROM claimant_merges WHERE claimant_key = ?", (key,)
        )
        return str(value) if value else key
