"""The SQLite claim store: claims, their appearances, and the queries behind the commands."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Any

from claims.conflict import Conflict
from claims.model import Appearance, Claim
from claims.paging import Standing
from claims.vocab import ClaimantSide, Metric, Party, Population, Status
from storage.events import Signal
from storage.protocols import AddResult, ClaimantCount, Source
from storage.sqlite.cache import ReadCache
from storage.sqlite.database import Database
from storage.sqlite.rows import (
    APPEARANCE_COLUMNS,
    CLAIM_COLUMNS,
    appearance_from_row,
    claim_from_row,
    claim_values,
    iso,
    standing_from_row,
)
from storage.sqlite.series import plan_links, relink

__all__ = ["PUBLISHED_LIMIT", "SqliteClaimStore", "conflict_clause"]

PUBLISHED_LIMIT = 20_000
"""Most publications one alert or digest reads; a bulk import beyond that is summarised."""

_HEX = re.compile(r"^[0-9a-f]+$")
_INSERT_CLAIM = (
    f"INSERT INTO claims ({CLAIM_COLUMNS.replace('c.', '')}, effective_date, is_current, "
    f"added_at) VALUES ({', '.join('?' * (CLAIM_COLUMNS.count(',') + 4))}) "
    "ON CONFLICT (id) DO NOTHING"
)
_INSERT_APPEARANCE = (
    "INSERT INTO appearances (claim_id, document_id, outlet, url, title, published, quote, "
    "span_start, span_end, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
    "ON CONFLICT (claim_id, outlet, url) DO NOTHING"
)
# The claim with its first appearance (earliest published), for every listing that shows one.
_FIRST_APPEARANCE = "LEFT JOIN appearances a ON a.id = c.first_appearance"
_SET_FIRST_APPEARANCE = (
    "UPDATE claims SET first_appearance = (SELECT a.id FROM appearances a "
    "WHERE a.claim_id = claims.id ORDER BY a.published IS NULL, a.published, a.id LIMIT 1) "
    "WHERE id IN (SELECT value FROM json_each(?))"
)
_WITH_APPEARANCE = f"SELECT {CLAIM_COLUMNS}, {APPEARANCE_COLUMNS} FROM claims c {_FIRST_APPEARANCE}"
# /estimates must read the small partial index of current figures, whatever the statistics say.
_CURRENT = (
    f"SELECT {CLAIM_COLUMNS}, {APPEARANCE_COLUMNS} FROM claims c INDEXED BY claims_current "
    f"{_FIRST_APPEARANCE}"
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
    return sql, [*parties, start, start, start]


def _now() -> str:
    return datetime.now(UTC).isoformat()


StandingsKey = tuple[Metric, Conflict, Party | None, Population | None, date | None]


class SqliteClaimStore:
    def __init__(self, db: Database) -> None:
        self._db = db
        self._standings: ReadCache[StandingsKey, list[Standing]] = ReadCache(db, limit=256)
        self._claims: ReadCache[str, Claim] = ReadCache(db, limit=8192)
        self.published = Signal("claims published")

    async def add(self, claims: Sequence[Claim], document_id: int | None = None) -> AddResult:
        if not claims:
            return AddResult()
        ids = json.dumps(sorted({c.id for c in claims}))
        now = _now()
        async with self._db.transaction() as conn:
            async with conn.execute(
                "SELECT id FROM claims WHERE id IN (SELECT value FROM json_each(?))", (ids,)
            ) as cur:
                known = {row[0] for row in await cur.fetchall()}
            async with conn.execute(
                "SELECT claim_id, outlet, url FROM appearances "
                "WHERE claim_id IN (SELECT value FROM json_each(?))",
                (ids,),
            ) as cur:
                seen = {tuple(row) for row in await cur.fetchall()}
            new: dict[str, Claim] = {}
            appeared: list[Claim] = []
            for claim in claims:
                if claim.id not in known and claim.id not in new:
                    new[claim.id] = claim
                place = (claim.id, claim.outlet, claim.url)
                if claim.outlet and place not in seen:
                    seen.add(place)
                    appeared.append(claim)
            links = await plan_links(conn, list(new.values()))
            await conn.executemany(
                _INSERT_CLAIM,
                [
                    (
                        *claim_values(c)[:-2],
                        links.supersedes.get(c.id),
                        c.series,
                        iso(c.effective_date),
                        int(c.id in links.current),
                        now,
                    )
                    for c in new.values()
                ],
            )
            await conn.executemany(
                "UPDATE claims SET is_current = 0 WHERE id = ?", [(i,) for i in links.demote]
            )
            await relink(conn, links.relink)
            await conn.executemany(
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
                gained_ids = json.dumps(sorted({c.id for c in appeared}))
                await conn.execute(_SET_FIRST_APPEARANCE, (gained_ids,))
            published = [(c.id, now) for c in new.values() if c.status is Status.PUBLISHED]
            await conn.executemany(
                "INSERT INTO publications (claim_id, published_at) VALUES (?, ?)", published
            )
        if published:
            self.published.emit()
        gained = {c.id for c in appeared}
        return AddResult(
            added=tuple(new),
            reappeared=tuple(sorted(i for i in known if i in gained)),
            unchanged=tuple(sorted(i for i in known if i not in gained)),
        )

    async def count(self) -> int:
        return int(await self._db.scalar("SELECT count(*) FROM claims"))

    async def pending(self, limit: int, offset: int = 0) -> list[Claim]:
        rows = await self._db.fetchall(
            f"{_WITH_APPEARANCE} WHERE c.status = ? ORDER BY c.added_at, c.rowid LIMIT ? OFFSET ?",
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
        async with self._db.transaction() as conn:
            async with conn.execute(
                "SELECT status, series FROM claims WHERE id = ?", (claim_id,)
            ) as cur:
                row = await cur.fetchone()
            if row is None:
                return None
            before, series = Status(row[0]), str(row[1])
            if side is not None:
                await conn.execute(
                    "UPDATE claims SET claimant_side = ? WHERE id = ?", (side.value, claim_id)
                )
            if status is not None and status is not before:
                await conn.execute(
                    "UPDATE claims SET status = ? WHERE id = ?", (status.value, claim_id)
                )
                await relink(conn, {series})
                if status is Status.PUBLISHED:
                    await conn.execute(
                        "INSERT INTO publications (claim_id, published_at) VALUES (?, ?) "
                        "ON CONFLICT (claim_id) DO NOTHING",
                        (claim_id, _now()),
                    )
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
            "WHERE p.seq > ? AND p.seq <= ? AND c.status = ? ORDER BY p.seq LIMIT ?",
            (after, upto, Status.PUBLISHED.value, limit),
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
        sql = f"{_CURRENT} WHERE {' AND '.join(where)}"
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
            f"({inside}) FROM claims c INDEXED BY claims_current WHERE {' AND '.join(where)}",
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
                f"{_WITH_APPEARANCE} WHERE c.id IN (SELECT value FROM json_each(?))",
                (json.dumps(missing),),
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
        where = ["c.metric = ?", "c.status = ?"]
        params: list[Any] = [metric.value, Status.PUBLISHED.value]
        for word in words:
            where.append("instr(lower(c.claimant), ?) > 0")
            params.append(word.lower())
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
