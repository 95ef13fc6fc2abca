"""The document commands of ``tally``: read claims out of an article file.

tally extract FILE [--published YYYY-MM-DD] [--outlet NAME] [--url URL]
    prints every claim found, one JSON object per line (DESIGN.md section 6)
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

from claims.dates import parse_partial
from claims.extract.extractor import extract
from claims.records import claim_to_record
from claims.vocab import DatePrecision

__all__ = ["add_document_commands", "run_extract"]


def add_document_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    extract_cmd = commands.add_parser("extract", help="print the claims in an article (JSON Lines)")
    extract_cmd.add_argument("file", help="a text file, or - for standard input")
    _document_options(extract_cmd)


def _document_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--published", default="", help="publication date, YYYY-MM-DD or YYYY-MM")
    parser.add_argument("--outlet", default="", help="the publication's name")
    parser.add_argument("--url", default="", help="where the article was published")


def published_date(text: str) -> tuple[date, DatePrecision]:
    """The publication date given on the command line; today when none is given."""
    if not text:
        return date.today(), DatePrecision.DAY
    return parse_partial(text)


def run_extract(args: argparse.Namespace) -> int:
    try:
        text = sys.stdin.read() if args.file == "-" else Path(args.file).read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        print(f"tally: cannot read {args.file}: {exc}", file=sys.stderr)
        return 2
    try:
        published, precision = published_date(args.published)
    except ValueError as exc:
        print(f"tally: --published: {exc}", file=sys.stderr)
        return 2
    claims = extract(text, published, args.outlet, url=args.url, precision=precision)
    for claim in claims:
        print(json.dumps(claim_to_record(claim), ensure_ascii=False))
    return 0
