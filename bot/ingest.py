"""Ingestion: a document in, its claims stored; the same document never twice.

A URL is fetched safely (``bot.fetch``), its main text read with trafilatura (menus, comments
and boilerplate left out) along with its title, outlet and date; pasted text and files are
taken as they are. Every string is normalised on the way in (``claims.text``: no control
characters, no line breaks in one-line fields such as the outlet or the claimant). The
document is stored once, by URL or by its text's hash. Its claims are read by the extractor and
stored as pending for review, or published at once when the deployment says so; a claim already
known gains this document as a new appearance. The document and its claims are stored in one
transaction, so a failure leaves neither. A figure no count could reach (``claims.numbers``)
is left out and reported, never stored. The General Staff's daily series is read from its
JSON, from a file or a URL.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import trafilatura

from bot.fetch import Fetcher, FetchError
from claims.dates import parse_partial
from claims.extract.extractor import extract
from claims.general_staff import read_general_staff
from claims.model import Claim, Document
from claims.numbers import plausible_count
from claims.text import one_line, paragraphs
from claims.vocab import DatePrecision, Status
from handlers.ingestion import IngestFailed, IngestReport
from storage.protocols import Storage

__all__ = ["Article", "Ingestor", "SeriesReport", "read_article"]

log = logging.getLogger(__name__)

PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
SERIES_TYPES = ("application/json", "text/plain", "text/json")


@dataclass(frozen=True, slots=True)
class Article:
    text: str
    title: str = ""
    outlet: str = ""
    published: str = ""  # YYYY-MM-DD when the page says


@dataclass(frozen=True, slots=True)
class SeriesReport:
    records: int
    added: int
    known: int
    problems: tuple[str, ...] = ()


def read_article(html: str, url: str = "") -> Article | None:
    """The main text of an article page with its metadata; None when it has no article."""
    found = trafilatura.extract(
        html, url=url or None, output_format="json", with_metadata=True, include_comments=False
    )
    if not found:
        return None
    data: dict[str, Any] = json.loads(found)
    text = str(data.get("text") or "").strip()
    if len(text) < 40:
        return None
    return Article(
        text=text,
        title=str(data.get("title") or ""),
        outlet=str(data.get("sitename") or ""),
        published=str(data.get("date") or "")[:10],
    )


def _storable(claims: list[Claim]) -> tuple[list[Claim], tuple[str, ...]]:
    """The claims as they may be stored, and why the others were left out.

    One-line fields are made one line (the text was normalised before extraction, but a name
    may still span a line break), and a figure past ``MAX_COUNT`` is a misreading, not a count.
    """
    kept: list[Claim] = []
    problems: list[str] = []
    for claim in claims:
        if not (plausible_count(claim.low) and plausible_count(claim.high)):
            written = one_line(claim.value_text) or claim.figure
            shown = written if len(written) <= 40 else written[:39] + "…"
            problems.append(f"{shown} is not a plausible count")
            continue
        claimant = one_line(claim.claimant)
        if not claimant:
            problems.append("a figure without a readable claimant")
            continue
        kept.append(
            replace(
                claim,
                claimant=claimant,
                outlet=one_line(claim.outlet),
                title=one_line(claim.title),
                caveat=one_line(claim.caveat),
                value_text=one_line(claim.value_text),
                quote=paragraphs(claim.quote),
            )
        )
    return kept, tuple(problems)


def _outlet_of(url: str) -> str:
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.")


class Ingestor:
    def __init__(
        self,
        storage: Storage,
        fetcher: Fetcher,
        *,
        auto_publish: bool = False,
        war_start: date = date(2022, 2, 24),
        today: Callable[[], date] = date.today,
    ) -> None:
        self.storage = storage
        self.fetcher = fetcher
        self.auto_publish = auto_publish
        self.war_start = war_start
        self._today = today

    async def ingest_url(
        self, url: str, *, by: str = "", outlet: str = "", published: str = ""
    ) -> IngestReport:
        try:
            page = await self.fetcher.get(url, PAGE_TYPES)
        except FetchError as exc:
            raise IngestFailed(str(exc)) from exc
        if page.content_type.startswith("text/plain"):
            article: Article | None = Article(page.text())
        else:
            article = await asyncio.to_thread(read_article, page.text(), page.url)
        if article is None:
            raise IngestFailed(f"no article text found at {url}")
        return await self.ingest_document(
            article.text,
            outlet=outlet or article.outlet or _outlet_of(page.url),
            url=url,
            title=article.title,
            published=article.published or published,
        )

    async def ingest_text(self, text: str, *, by: str = "", outlet: str = "") -> IngestReport:
        if not paragraphs(text).strip():
            raise IngestFailed("the text is empty")
        return await self.ingest_document(text, outlet=outlet or f"pasted by {by or 'a moderator'}")

    async def ingest_document(
        self,
        text: str,
        *,
        outlet: str,
        url: str = "",
        title: str = "",
        published: str = "",
    ) -> IngestReport:
        """Store a document and its claims together, once; a known document is reported, not
        re-read, and so is each figure left out."""
        text, outlet, title, url = paragraphs(text), one_line(outlet), one_line(title), url.strip()
        day, precision = self._published(one_line(published))
        document = Document(outlet=outlet, text=text, url=url, title=title, published=day)
        if (known := await self.storage.documents.known(document)) is not None:
            return IngestReport(known, False, outlet, title, day.isoformat())
        status = Status.PUBLISHED if self.auto_publish else Status.PENDING
        found = await asyncio.to_thread(
            extract,
            text,
            day,
            outlet,
            url=url,
            title=title,
            precision=precision,
            war_start=self.war_start,
            status=status,
        )
        claims, problems = _storable(found)
        result = await self.storage.claims.add(claims, document=document)
        assert result.document_id is not None
        if not result.new_document:  # stored by someone else while this one was being read
            return IngestReport(result.document_id, False, outlet, title, day.isoformat())
        log.info(
            "ingested document %d (%s): %d claims, %d new, %d left out",
            result.document_id,
            outlet,
            len(found),
            len(result.added),
            len(problems),
        )
        return IngestReport(
            result.document_id,
            True,
            outlet,
            title,
            day.isoformat(),
            found=len(found),
            added=result.added,
            reappeared=result.reappeared,
            published_now=self.auto_publish,
            problems=problems,
        )

    def _published(self, text: str) -> tuple[date, DatePrecision]:
        if text:
            try:
                return parse_partial(text)
            except ValueError:
                log.info("unreadable publication date %r; using today", text)
        return self._today(), DatePrecision.DAY

    async def general_staff(self, source: str) -> SeriesReport:
        """Import the General Staff's series from a file or an http(s) URL."""
        if source.startswith(("http://", "https://")):
            try:
                fetched = await self.fetcher.get(source, SERIES_TYPES)
            except FetchError as exc:
                raise IngestFailed(str(exc)) from exc
            raw, url = fetched.text(), source
        else:
            try:
                raw = await asyncio.to_thread(Path(source).read_text, "utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise IngestFailed(f"cannot read {source}: {exc}") from exc
            url = ""
        return await self.general_staff_json(raw, url)

    async def general_staff_json(self, raw: str, url: str = "") -> SeriesReport:
        try:
            records = json.loads(raw)
        except ValueError as exc:  # not JSON, or a number longer than Python reads (4,300 digits)
            raise IngestFailed(f"the series is not JSON: {str(exc)[:200]}") from exc
        if not isinstance(records, list):
            raise IngestFailed("the series is not a JSON list of daily records")
        reading = read_general_staff(records, url)
        claims, left_out = _storable(reading.claims)
        result = await self.storage.claims.add(claims)
        return SeriesReport(
            len(records),
            len(result.added),
            len(claims) - len(result.added),
            (*reading.problems, *left_out),
        )
