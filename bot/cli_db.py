"""``tally db copy SRC_URL DST_URL``: move a deployment between SQLite and PostgreSQL.

The target must be empty (a new SQLite file, or a PostgreSQL database or schema without Tally's
tables); it is migrated first. Every table is counted on both sides afterwards, and the command
fails unless every count matches.
"""

from __future__ import annotations

import argparse
import sys
import time
from typing import TYPE_CHECKING, Any

from claims.errors import StorageError

if TYPE_CHECKING:  # the database drivers load when a copy runs, not for `tally --help`
    from storage.sql.storage import SqlStorage

__all__ = ["add_db_commands", "run_db"]


def add_db_commands(commands: Any) -> None:
    db = commands.add_parser("db", help="database operations")
    actions = db.add_subparsers(dest="action", required=True)
    copy = actions.add_parser(
        "copy", help="copy every table into an empty database (SQLite <-> PostgreSQL)"
    )
    copy.add_argument("source", metavar="SRC_URL", help="sqlite:///tally.db or postgresql://…")
    copy.add_argument("target", metavar="DST_URL", help="an empty database to copy into")


async def _open(url: str, *, must_exist: bool) -> SqlStorage:
    from storage import open_storage
    from storage.sql.storage import SqlStorage
    from storage.urls import sqlite_path

    if must_exist and url.startswith("sqlite:") and not sqlite_path(url).exists():
        raise StorageError(f"there is no database at {sqlite_path(url)}")
    storage = await open_storage(url)
    if not isinstance(storage, SqlStorage):  # every backend is SQL today; say so if not
        await storage.close()
        raise StorageError(f"{url.split(':', 1)[0]} databases cannot be copied")
    return storage


async def run_db(args: argparse.Namespace) -> int:
    from storage.copy import copy_database
    from storage.urls import sqlite_path

    if args.source == args.target:
        raise StorageError("the source and the target are the same database")
    if args.target.startswith("sqlite:"):
        path = sqlite_path(args.target)
        if path.exists() and path.stat().st_size > 0:
            raise StorageError(f"{path} exists; copy only into a new file")
    started = time.perf_counter()
    source = await _open(args.source, must_exist=True)
    try:
        target = await _open(args.target, must_exist=False)
        try:
            copied = await copy_database(source.db, target.db)
        finally:
            await target.close()
    finally:
        await source.close()
    width = max(len(c.table) for c in copied)
    print(f"{'table':<{width}}  {'source':>9}  {'copied':>9}")
    for c in copied:
        mark = "" if c.complete else "  MISMATCH"
        print(f"{c.table:<{width}}  {c.source:>9}  {c.copied:>9}{mark}")
    seconds = time.perf_counter() - started
    if all(c.complete for c in copied):
        print(
            f"Copied {sum(c.copied for c in copied)} rows in {seconds:.1f} s; every count matches."
        )
        return 0
    print("tally: the counts differ; the target is incomplete.", file=sys.stderr)
    return 1
