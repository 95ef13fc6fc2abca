"""Opening SQLite files: migrations recorded, pragmas set, and bad files refused untouched."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from claims.errors import StorageError
from claims.vocab import Metric
from storage import open_storage
from storage.sqlite.database import SCHEMA_VERSION, Database
from storage.sqlite.migrations import MIGRATIONS


def _fingerprint(path: Path) -> tuple[str, int]:
    data = path.read_bytes()
    return hashlib.sha256(data).hexdigest(), path.stat().st_mtime_ns


async def test_a_new_file_gets_the_whole_schema_and_its_version(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "new" / "tally.db")
    try:
        assert await db.scalar("PRAGMA user_version") == SCHEMA_VERSION
        assert await db.scalar("PRAGMA journal_mode") == "wal"
        assert await db.scalar("PRAGMA foreign_keys") == 1
        assert await db.scalar("PRAGMA busy_timeout") == 5000
    finally:
        await db.close()


async def test_reopening_applies_nothing_twice(tmp_path: Path) -> None:
    path = tmp_path / "tally.db"
    for _ in range(2):
        db = await Database.open(path)
        await db.close()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
    conn.close()


async def test_a_file_that_is_not_a_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "tally.db"
    path.write_bytes(b"this is not SQLite at all, just some text " * 200)
    before = _fingerprint(path)
    with pytest.raises(StorageError, match="left untouched"):
        await open_storage(f"sqlite:///{path}")
    assert _fingerprint(path) == before
    assert not (tmp_path / "tally.db-wal").exists()


async def test_a_database_from_a_newer_tally_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "tally.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE future (x)")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    before = _fingerprint(path)
    with pytest.raises(StorageError, match="newer than this Tally"):
        await open_storage(f"sqlite:///{path}")
    assert _fingerprint(path) == before


async def test_another_programs_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE customers (name TEXT)")
    conn.commit()
    conn.close()
    before = _fingerprint(path)
    with pytest.raises(StorageError, match="not a Tally one"):
        await open_storage(f"sqlite:///{path}")
    assert _fingerprint(path) == before


async def test_a_failed_write_leaves_nothing_behind(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "tally.db")
    try:
        insert = "INSERT INTO documents (text_hash, added_at) VALUES ('h', 'now')"

        async def insert_twice() -> None:
            async with db.transaction() as conn:
                await conn.execute(insert)
                await conn.execute(insert)

        with pytest.raises(sqlite3.IntegrityError):
            await insert_twice()
        assert await db.scalar("SELECT count(*) FROM documents") == 0
    finally:
        await db.close()


@pytest.mark.parametrize("url", ["sqlite:///", "mysql://db", "tally.db"])
async def test_unsupported_database_urls_are_named(url: str) -> None:
    with pytest.raises(StorageError, match="DATABASE_URL"):
        await open_storage(url)


async def test_an_unreachable_postgresql_is_named_without_its_password() -> None:
    with pytest.raises(StorageError, match="DATABASE_URL") as caught:
        await open_storage("postgresql://tally:s3cret@127.0.0.1:1/tally")
    assert "s3cret" not in str(caught.value)
    assert "127.0.0.1:1" in str(caught.value)


async def test_a_version_1_database_is_upgraded_with_its_claims_intact(tmp_path: Path) -> None:
    path = tmp_path / "tally.db"
    conn = sqlite3.connect(path)
    conn.executescript(MIGRATIONS[0] + "PRAGMA user_version = 1;")
    conn.execute(
        "INSERT INTO claims (id, metric, party, population, low, high, qualifier, claimant, "
        "claimant_key, claimant_side, kind, as_of, status, series, effective_date, is_current, "
        "added_at) VALUES ('c1', 'killed', 'russia', 'military', 5300, NULL, 'at_least', "
        "'Ukraine', 'ukraine', 'ukraine', 'claimed', '2022-03-01', 'published', 's1', "
        "'2022-03-01', 1, '2022-03-02')"
    )
    for outlet, published in (("Later", "2022-03-03"), ("First", "2022-03-02")):
        conn.execute(
            "INSERT INTO appearances (claim_id, outlet, published, added_at) "
            "VALUES ('c1', ?, ?, '2022-03-04')",
            (outlet, published),
        )
    conn.commit()
    conn.close()
    storage = await open_storage(f"sqlite:///{path}")
    try:
        [claim] = await storage.claims.get(["c1"])
        assert (claim.figure, claim.outlet) == (">5,300", "First")
    finally:
        await storage.close()


async def test_a_version_4_database_gets_claimant_keys_by_the_new_rules_and_keeps_ids(
    tmp_path: Path,
) -> None:
    path = tmp_path / "tally.db"
    conn = sqlite3.connect(path)
    conn.executescript("".join(MIGRATIONS[:4]) + "PRAGMA user_version = 4;")
    for claim_id, claimant, key, as_of in (
        ("old", "Sergei Shoigu, Russian Defence Minister", "sergei-shoigu-russian-de", "2022-09"),
        ("new", "Russian Defence Minister Sergei Shoigu", "russian-defence-minister", "2022-12"),
    ):
        conn.execute(
            "INSERT INTO claims (id, metric, party, population, low, high, qualifier, claimant, "
            "claimant_key, claimant_side, kind, as_of, as_of_precision, status, series, "
            "effective_date, is_current, added_at) VALUES (?, 'killed', 'russia', 'military', "
            "6000, 6000, 'exact', ?, ?, 'russia', 'claimed', ?, 'month', 'published', ?, ?, 1, "
            "'2023-01-01')",
            (claim_id, claimant, key, as_of, key, as_of + "-28"),
        )
    conn.commit()
    conn.close()
    storage = await open_storage(f"sqlite:///{path}")
    try:
        old, new = await storage.claims.get(["old", "new"])
        assert old.claimant_key == new.claimant_key == "sergei-shoigu"
        assert old.series == new.series
        assert [c.id for c in await storage.claims.current(Metric.KILLED)] == ["new"]
        assert new.supersedes == "old"
    finally:
        await storage.close()
