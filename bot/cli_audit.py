"""``tally audit [--since DATE] [--claim ID]``: the record of moderation as JSON Lines, oldest
first, one object per action (who, when, what, the claim, document or claimant, before and
after)."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime

__all__ = ["add_audit_command", "run_audit"]

_ALL = 10_000_000


def add_audit_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    audit = commands.add_parser("audit", help="print the record of moderation (JSON Lines)")
    audit.add_argument("--since", default="", help="from this day on, YYYY-MM-DD")
    audit.add_argument("--claim", default="", help="one claim's record, by its id")


async def run_audit(database_url: str, args: argparse.Namespace) -> int:
    from storage import open_storage  # the database drivers, only when the record is read

    since = None
    if args.since:
        try:
            since = datetime.fromisoformat(args.since).replace(tzinfo=UTC)
        except ValueError:
            print(
                f"tally: --since '{args.since[:40]}' is not a date: write YYYY-MM-DD",
                file=sys.stderr,
            )
            return 2
    storage = await open_storage(database_url)
    try:
        claim_id = None
        if args.claim:
            found = await storage.claims.find(args.claim.lower().lstrip("#"), limit=2)
            if len(found) != 1:
                problem = "matches several claims" if found else "is no claim id"
                print(f"tally: --claim '{args.claim[:40]}' {problem}", file=sys.stderr)
                return 2
            claim_id = found[0].id
        entries = await storage.audit.entries(
            since=since, claim_id=claim_id, limit=_ALL, oldest_first=True
        )
        for entry in entries:
            print(json.dumps(entry.as_json(), ensure_ascii=False))
    finally:
        await storage.close()
    return 0
