"""The document commands of ``tally``: read claims out of articles and series.

tally extract FILE [--published YYYY-MM-DD] [--outlet NAME] [--url URL]
    prints every claim found, one JSON object per line (DESIGN.md section 6)
tally ingest FILE|URL [--published YYYY-MM-DD] [--outlet NAME]
    stores the document once and its claims for review (or published, with AUTO_PUBLISH);
    a file may begin with header lines (outlet:, date:, url:, title:); a date that is not one
    ends the command with status 2
tally import general-staff FILE_OR_URL
    imports the General Staff's daily series; days already known are skipped
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from claims.dates import parse_partial
from claims.headers import read_header
from claims.vocab import DatePrecision

# the extractor, the HTML reader and the stores load when a command reads or stores a document,
# not when `tally --help` lists the commands
if TYPE_CHECKING:
    from bot.ingest import Ingestor

__all__ = [
    "add_document_commands",
    "refused_published",
    "run_extract",
    "run_import",
    "run_ingest",
]


def add_document_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    extract_cmd = commands.add_parser("extract", help="print the claims in an article (JSON Lines)")
    extract_cmd.add_argument("file", help="a text file, or - for standard input")
    _document_options(extract_cmd)
    ingest_cmd = commands.add_parser("ingest", help="store an article's claims for review")
    ingest_cmd.add_argument("source", help="a text or HTML file, or an http(s) address")
    _document_options(ingest_cmd)
    import_cmd = commands.add_parser("import", help="import a structured series")
    import_cmd.add_argument("series", choices=("general-staff",))
    import_cmd.add_argument("source", help="the series' JSON file or http(s) address")


def _header(raw: str, args: argparse.Namespace, source: str) -> tuple[str, dict[str, str]]:
    """The text after its header lines, and the metadata: options first, then the header."""
    header = read_header(raw)
    return header.body or raw, {
        "outlet": args.outlet or header.outlet or Path(source).stem,
        "url": args.url or header.url,
        "title": header.title,
        "published": args.published or header.date,  # checked before
    }


async def run_ingest(args: argparse.Namespace, ingestor: Ingestor) -> int:
    import asyncio

    from bot.ingest import read_article
    from handlers.ingestion import IngestFailed
    from storage.curation import AuditEntry

    source: str = args.source
    try:
        if source.startswith(("http://", "https://")):
            report = await ingestor.ingest_url(
                source, by="the command line", outlet=args.outlet, published=args.published or ""
            )
        else:
            raw = await asyncio.to_thread(Path(source).read_text, "utf-8")
            if source.lower().endswith((".html", ".htm")):
                article = read_article(raw)
                if article is None:
                    raise IngestFailed(f"no article text found in {source}")
                raw = article.text
            raw, meta = _header(raw, args, source)
            if meta["published"] and (problem := _bad_date(meta["published"])):
                print(f"tally: the date: line of {source}: {problem}", file=sys.stderr)
                return 2
            if not meta["published"]:
                print(
                    f"tally: {source} has no date (--published or a 'date:' line); dated today",
                    file=sys.stderr,
                )
            report = await ingestor.ingest_document(raw, **meta)
    except (OSError, UnicodeDecodeError, IngestFailed) as exc:
        print(f"tally: cannot ingest {source}: {exc}", file=sys.stderr)
        return 2
    if not report.new_document:
        print(f"already ingested as document #{report.document_id}; nothing added")
        return 0
    await ingestor.storage.audit.record(
        AuditEntry(
            f"cli:{getpass.getuser()}",
            "ingest",
            document_id=report.document_id,
            after={"outlet": report.outlet, "published": report.published, "claims": report.found},
        )
    )
    state = "published" if report.published_now else "pending review"
    print(
        f"document #{report.document_id}: {report.found} claims found, {len(report.added)} new "
        f"({state}), {len(report.reappeared)} already known (new appearances)"
    )
    if report.left_out:
        print(report.left_out)
    return 0


async def run_import(args: argparse.Namespace, ingestor: Ingestor) -> int:
    from handlers.ingestion import IngestFailed

    try:
        report = await ingestor.general_staff(args.source)
    except IngestFailed as exc:
        print(f"tally: cannot import {args.source}: {exc}", file=sys.stderr)
        return 2
    for problem in report.problems:
        print(f"skipped {problem}", file=sys.stderr)
    print(
        f"{report.records} daily records: {report.added} claims added, {report.known} already known"
    )
    return 0


def _document_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--published", help="publication date, YYYY-MM-DD, YYYY-MM or YYYY")
    parser.add_argument("--outlet", default="", help="the publication's name")
    parser.add_argument("--url", default="", help="where the article was published")


def refused_published(args: argparse.Namespace) -> str:
    """The one-line refusal of a ``--published`` that is no date, or "" when it is fine (or
    not given); said before the database is opened, so a refused command changes nothing."""
    if args.published is None or not (problem := _bad_date(args.published)):
        return ""
    return f"tally: --published {problem}"


def _bad_date(text: str) -> str:
    """Why ``text`` is no publication date, or ""."""
    if not text.strip():
        return "is empty: give the date as YYYY-MM-DD, YYYY-MM or YYYY"
    try:
        parse_partial(text)
    except ValueError:
        return f"'{text[:40]}' is not a date: write YYYY-MM-DD, YYYY-MM or YYYY"
    return ""


def published_date(text: str) -> tuple[date, DatePrecision]:
    """The publication date given on the command line; today when none is given."""
    if not text:
        return date.today(), DatePrecision.DAY
    return parse_partial(text)


def run_extract(args: argparse.Namespace) -> int:
    from claims.extract.extractor import extract
    from claims.records import claim_to_record

    try:
        text = sys.stdin.read() if args.file == "-" else Path(args.file).read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        print(f"tally: cannot read {args.file}: {exc}", file=sys.stderr)
        return 2
    try:
        published, precision = published_date(args.published or "")
    except ValueError as exc:
        print(f"tally: --published: {exc}", file=sys.stderr)
        return 2
    claims = extract(text, published, args.outlet, url=args.url, precision=precision)
    for claim in claims:
        print(json.dumps(claim_to_record(claim), ensure_ascii=False))
    return 0
