"""The claim store: claims, their appearances, and the queries behind the commands."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from claims.conflict import Conflict
from claims.model import Appearance, Claim, Document
from claims.paging import Standing
from claims.registry import party_named
from claims.vocab import ClaimantSide, Metric, Party, Population, Status
from storage.events import Signal
from storage.protocols import AddResult, ClaimantCount, Source
from storage.sql.base import Dialect, SqlDatabase
from storage.sql.cache import ReadCache
from storage.sql.claimants import resolve_surnames, surname_of
from storage.sql.curation import merged_keys, record_publication
from storage.sql.documents import insert_document
from storage.sql.rows import (
    APPEARANCE_COLUMNS,
    CLAIM_COLUMNS,
    appearance_from_row,
    claim_from_row,
    claim_values,
    iso,
    now_iso,
    standing_from_row,
)
from storage.sql.series import plan_links, relink

__all__ = ["PUBLISHED_LIMIT", "SqlClaimStore", "conflict_clause"]

PUBLISHED_LIMIT = 20_000
"""Most publications one alert or digest reads; a bulk import beyond that is summarised."""

_HEX = re.compile(r"^[0-9a-f]+$")
_INSERT_CLAIM = (
    f"INSERT INTO claims ({CLAIM_COLUMNS.replace('c.', '')}, effective_date, is_current, "
    f"added_at, claimant_surname) VALUES ({', '.join('?' * (CLAIM_COLUMNS.count(',') + 5))}) "
    "ON CONFLICT (id) DO NOTHING"
)
_INSERT_APPEARANCE = (
    "INSERT INTO appearances (claim_id, document_id, outlet, url, title, published, quote, "
    "span_start, span_end, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
    "ON CONFLICT (claim_id, outlet, url) DO NOTHING"
)
# The claim with its first appearance (earliest published), for every listing that shows one.
_FIRST_APPEARANCE = "LEFT JOIN appearances a ON a.id = c.first_appearance"
_WITH_APPEARANCE = f"SELECT {CLAIM_COLUMNS}, {APPEARANCE_COLUMNS} FROM claims c {_FIRST_APPEARANCE}"


def _set_first_appearance(dialect: Dialect) -> str:
    return (
        "UPDATE claims SET first_appearance = (SELECT a.id FROM appearances a "
        "WHERE a.claim_id = claims.id ORDER BY a.published IS NULL, a.published, a.id LIMIT 1) "
        f"WHERE {dialect.any_of('id')}"
    )


def _current(dialect: Dialect) -> str:
    # /estimates must read the small partial index of current figures, whatever the statistics
    return (
        f"SELECT {CLAIM_COLUMNS}, {APPEARANCE_COLUMNS} FROM claims c "
        f"{dialect.indexed_by('claims_current')} {_FIRST_APPEARANCE}"
    )


def conflict_clause(conflict: Conflict) -> tuple[str, list[Any]]:
    """SQL that keeps the claims belonging to a conflict: ``claims.conflict.is_context`` negated."""
    parties = [p.value for p in conflict.parties] + [Party.BOTH.value]
    start = conflict.start.isoformat()
    sql = (
        f"c.party IN ({', '.join('?' * len(parties))})"
        " AND (c.period_start IS NULL OR c.period_start >= ?)"
        " AND (c.period_end IS NULL OR c.period_end >= ?)"
        " AND (c.as_of IS NULL OR c.effective_date >= ?)"
    )
    return sql, [*parties, conflict.first_year.isoformat(), start, start]


# a finished window's figure (Claim.is_window), read from the index of current figures
_WINDOW = "(c.as_of IS NULL AND (c.period_start IS NOT NULL OR c.period_end IS NOT NULL))"


def _escape_like(text: str) -> str:
    return text.replace("!", "!!").replace("%", "!%").replace("_", "!_")


StandingsKey = tuple[Metric, Conflict, Party | None, Population | None, date | None]


class SqlClaimStore:
    def __init__(self, db: SqlDatabase) -> None:
        self._db = db
        self._dialect = db.dialect
        self._standings: ReadCache[StandingsKey, list[Standing]] = ReadCache(db, limit=256)
        self._claims: ReadCache[str, Claim] = ReadCache(db, limit=8192)
        self.published = Signal("claims published")

    async def add(
        self,
        claims: Sequence[Claim],
        document_id: int | None = None,
        *,
        document: Document | None = None,
    ) -> AddResult:
        if not claims and document is None:
            return AddResult()
        dialect = self._dialect
        now = now_iso()
        async with self._db.transaction() as tx:
            if document is not None:
                document_id, fresh = await insert_document(tx, document)
                if not fresh or not claims:
                    return AddResult(document_id=document_id, new_document=fresh)
            claims = await resolve_surnames(tx, dialect, claims)
            claims = await merged_keys(tx, dialect, claims)
            ids = dialect.values(sorted({c.id for c in claims}))
            if dialect.publication_lock and any(c.status is Status.PUBLISHED for c in claims):
                await tx.execute(dialect.publication_lock)
            if dialect.change_notice:
                await tx.execute(dialect.change_notice)
            known = {
                row[0]
                for row in await tx.fetchall(
                    f"SELECT id FROM claims WHERE {dialect.any_of('id')}", (ids,)
                )
            }
            seen = {
                tuple(row)
                for row in await tx.fetchall(
                    "SELECT claim_id, outlet, url FROM appearances "
                    f"WHERE {dialect.any_of('claim_id')}",
                    (ids,),
                )
            }
            new: dict[str, Claim] = {}
            appeared: list[Claim] = []
            for claim in claims:
                if claim.id not in known and claim.id not in new:
                    new[claim.id] = claim
                place = (claim.id, claim.outlet, claim.url)
                if claim.outlet and place not in seen:
                    seen.add(place)
                    appeared.append(claim)
            links = await plan_links(tx, dialect, list(new.values()))
            await tx.executemany(
                _INSERT_CLAIM,
                [
                    (
                        *claim_values(c)[:-2],
                        links.supersedes.get(c.id),
                        c.series,
                        iso(c.effective_date),
                        int(c.id in links.current),
                        now,
                        surname_of(c),
                    )
                    for c in new.values()
                ],
            )
            await tx.executemany(
                "UPDATE claims SET is_current = 0 WHERE id = ?", [(i,) for i in links.demote]
            )
            await relink(tx, dialect, links.relink)
            await tx.executemany(
                _INSERT_APPEARANCE,
                [
                    (
                        c.id,
                        document_id,
                        c.outlet,
                        c.url,
                        c.title,
                        iso(c.published),
                        c.quote,
                        c.span[0] if c.span else None,
                        c.span[1] if c.span else None,
                        now,
                    )
                    for c in appeared
                ],
            )
            if appeared:
                gained_ids = dialect.values(sorted({c.id for c in appeared}))
                await tx.execute(_set_first_appearance(dialect), (gained_ids,))
            published = [c.id for c in new.values() if c.status is Status.PUBLISHED]
            await record_publication(tx, published, now)
        if published:
            self.published.emit()
        gained = {c.id for c in appeared}
        return AddResult(
            added=tuple(new),
            reappeared=tuple(sorted(i for i in known if i in gained)),
            unchanged=tuple(sorted(i for i in known if i not in gained)),
            document_id=document_id,
            new_document=document is not None,
        )

    async def count(self) -> int:
        return int(await self._db.scalar("SELECT count(*) FROM claims"))

    async def pending(self, limit: int, offset: int = 0) -> list[Claim]:
        rows = await self._db.fetchall(
            f"{_WITH_APPEARANCE} WHERE c.status = ? "
            f"ORDER BY c.added_at, c.{self._dialect.insert_order} LIMIT ? OFFSET ?",
            (Status.PENDING.value, limit, offset),
        )
        return [claim_from_row(tuple(r)) for r in rows]

    async def pending_count(self) -> int:
        return int(
            await self._db.scalar(
                "SELECT count(*) FROM claims WHERE status = ?", (Status.PENDING.value,)
            )
        )

    async def moderate(
        self, claim_id: str, status: Status | None, side: ClaimantSide | None = None
    ) -> Claim | None:
        publish = False
        dialect = self._dialect
        async with self._db.transaction() as tx:
            if dialect.publication_lock and status is not None:
                await tx.execute(dialect.publication_lock)
            if dialect.change_notice:
                await tx.execute(dialect.change_notice)
            row = await tx.fetchone("SELECT status, series FROM claims WHERE id = ?", (claim_id,))
            if row is None:
                return None
            before, series = Status(row[0]), str(row[1])
            if side is not None:
                await tx.execute(
                    "UPDATE claims SET claimant_side = ? WHERE id = ?", (side.value, claim_id)
                )
            if status is not None and status is not before:
                await tx.execute(
                    "UPDATE claims SET status = ? WHERE id = ?", (status.value, claim_id)
                )
                await relink(tx, dialect, {series})
                if status is Status.PUBLISHED:
                    await record_publication(tx, [claim_id], now_iso())
                    publish = True
        if publish:
            self.published.emit()
        [claim] = await self.get([claim_id])
        return claim

    async def publication_head(self) -> int:
        return int(await self._db.scalar("SELECT coalesce(max(seq), 0) FROM publications"))

    async def published_between(
        self, after: int, upto: int, limit: int = PUBLISHED_LIMIT
    ) -> list[tuple[int, Claim]]:
        rows = await self._db.fetchall(
            f"SELECT p.seq, {CLAIM_COLUMNS}, {APPEARANCE_COLUMNS} FROM publications p "
            f"JOIN claims c ON c.id = p.claim_id {_FIRST_APPEARANCE} "
            # a withdrawn claim only through its withdrawal, so subscribers who had it are told
            "WHERE p.seq > ? AND p.seq <= ? AND (c.status = ? OR (c.status = ? AND p.note = ?)) "
            "ORDER BY p.seq LIMIT ?",
            (after, upto, Status.PUBLISHED.value, Status.WITHDRAWN.value, "withdrawal", limit),
        )
        return [(int(r[0]), claim_from_row(tuple(r)[1:])) for r in rows]

    async def published_since(self, moment: datetime) -> int:
        """The last publication before ``moment``: a cursor for "what was published since"."""
        value = await self._db.scalar(
            "SELECT max(seq) FROM publications WHERE published_at < ?", (moment.isoformat(),)
        )
        return int(value or 0)

    async def current(
        self,
        metric: Metric,
        *,
        party: Party | None = None,
        since: date | None = None,
        conflict: Conflict | None = None,
    ) -> list[Claim]:
        where = ["c.metric = ?", "c.is_current = 1"]
        params: list[Any] = [metric.value]
        if party is not None:
            where.append("c.party = ?")
            params.append(party.value)
        if since is not None:
            where.append("c.effective_date >= ?")
            params.append(since.isoformat())
        if conflict is not None:
            clause, more = conflict_clause(conflict)
            where.append(clause)
            params.extend(more)
        sql = f"{_current(self._dialect)} WHERE {' AND '.join(where)}"
        return [claim_from_row(r) for r in await self._db.fetchall(sql, params)]

    async def standings(
        self,
        metric: Metric,
        conflict: Conflict,
        *,
        party: Party | None = None,
        population: Population | None = None,
        since: date | None = None,
    ) -> list[Standing]:
        key = (metric, conflict, party, population, since)
        token = await self._standings.token()
        if (cached := self._standings.get(key)) is not None:
            return list(cached)
        where = ["c.metric = ?", "c.is_current = 1"]
        params: list[Any] = [metric.value]
        for column, value in (("party", party), ("population", population)):
            if value is not None:
                where.append(f"c.{column} = ?")
                params.append(value.value)
        if since is not None:
            where.append("c.effective_date >= ?")
            params.append(since.isoformat())
        inside, more = conflict_clause(conflict)
        rows = await self._db.fetchall(
            "SELECT c.id, c.party, c.population, c.low, c.high, c.effective_date, c.supersedes, "
            f"({inside}), {_WINDOW} FROM claims c {self._dialect.indexed_by('claims_current')} "
            f"WHERE {' AND '.join(where)}",
            [*more, *params],
        )
        standings = [standing_from_row(r) for r in rows]
        self._standings.put(token, key, standings)
        return list(standings)

    async def get(self, ids: Sequence[str]) -> list[Claim]:
        if not ids:
            return []
        token = await self._claims.token()
        found = {i: c for i in ids if (c := self._claims.get(i)) is not None}
        missing = [i for i in ids if i not in found]
        if missing:
            rows = await self._db.fetchall(
                f"{_WITH_APPEARANCE} WHERE {self._dialect.any_of('c.id')}",
                (self._dialect.values(missing),),
            )
            for row in rows:
                claim = found[row[0]] = claim_from_row(row)
                self._claims.put(token, claim.id, claim)
        return [found[i] for i in ids if i in found]

    async def find(self, prefix: str, limit: int = 5) -> list[Claim]:
        prefix = prefix.lower()
        if not _HEX.match(prefix):
            return []
        rows = await self._db.fetchall(
            f"{_WITH_APPEARANCE} WHERE c.id >= ? AND c.id < ? ORDER BY c.id LIMIT ?",
            (prefix, prefix + "g", limit),
        )
        return [claim_from_row(r) for r in rows]

    async def revisions(self, claim: Claim) -> list[Claim]:
        rows = await self._db.fetchall(
            f"{_WITH_APPEARANCE} WHERE c.series = ? AND c.status = ? "
            "ORDER BY c.effective_date, c.id",
            (claim.series, Status.PUBLISHED.value),
        )
        return [claim_from_row(r) for r in rows]

    async def appearances(self, claim_id: str) -> list[Appearance]:
        rows = await self._db.fetchall(
            f"SELECT {APPEARANCE_COLUMNS} FROM appearances a WHERE a.claim_id = ? "
            "ORDER BY a.published IS NULL, a.published, a.id",
            (claim_id,),
        )
        return [appearance_from_row(r) for r in rows]

    async def history(
        self,
        metric: Metric,
        *,
        words: Sequence[str] = (),
        conflict: Conflict | None = None,
        limit: int = 20,
        offset: int = 0,
    ) -> list[Claim]:
        # withdrawn claims stay in the history, shown as withdrawn
        where = ["c.metric = ?", "c.status IN (?, ?)"]
        params: list[Any] = [metric.value, Status.PUBLISHED.value, Status.WITHDRAWN.value]
        for word in words:
            # the name as written, or who it is: "ukrainian" finds "Ukraine's General Staff"
            where.append(
                "(lower(c.claimant) LIKE ? ESCAPE '!' OR c.claimant_key LIKE ? ESCAPE '!')"
            )
            party = party_named(word)
            keyed = party.value if party else word.lower()
            params += [f"%{_escape_like(word.lower())}%", f"%{_escape_like(keyed)}%"]
        if conflict is not None:
            clause, more = conflict_clause(conflict)
            where.append(clause)
            params.extend(more)
        sql = (
            f"{_WITH_APPEARANCE} WHERE {' AND '.join(where)} "
            "ORDER BY c.effective_date DESC, c.id DESC LIMIT ? OFFSET ?"
        )
        return [claim_from_row(r) for r in await self._db.fetchall(sql, [*params, limit, offset])]

    async def latest(self, limit: int, conflict: Conflict | None = None) -> list[Claim]:
        where = ["c.status = ?"]
        params: list[Any] = [Status.PUBLISHED.value]
        if conflict is not None:
            clause, more = conflict_clause(conflict)
            where.append(clause)
            params.extend(more)
        sql = (
            f"{_WITH_APPEARANCE} WHERE {' AND '.join(where)} "
            "ORDER BY c.added_at DESC, c.effective_date DESC, c.id DESC LIMIT ?"
        )
        return [claim_from_row(r) for r in await self._db.fetchall(sql, [*params, limit])]

    async def sources(self) -> list[Source]:
        rows = await self._db.fetchall(
            "SELECT a.outlet, count(DISTINCT a.claim_id), max(a.published) FROM appearances a "
            "JOIN claims c ON c.id = a.claim_id WHERE c.status = ? "
            "GROUP BY a.outlet ORDER BY count(DISTINCT a.claim_id) DESC, a.outlet",
            (Status.PUBLISHED.value,),
        )
        return [
            Source(outlet, int(n), date.fromisoformat(last) if last else None)
            for outlet, n, last in rows
        ]

    async def claimants(self, limit: int) -> list[ClaimantCount]:
        rows = await self._db.fetchall(
            "SELECT max(claimant), max(claimant_side), count(*) FROM claims WHERE status = ? "
            "GROUP BY claimant_key ORDER BY count(*) DESC, max(claimant) LIMIT ?",
            (Status.PUBLISHED.value, limit),
        )
        return [ClaimantCount(name, side, int(n)) for name, side, n in rows]
