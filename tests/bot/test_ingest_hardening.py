"""What documents bring in is made safe once, on the way in: figures no count could reach are
left out and reported, one-line fields stay on one line, and unencodable text is dropped."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from datetime import date
from pathlib import Path

import pytest

from bot.feeds import FeedPoller
from bot.fetch import Fetcher, FetchPolicy
from bot.ingest import Ingestor
from handlers.ingestion import IngestFailed
from storage import Storage
from storage.protocols import FeedKind
from tests.bot.test_cli import tally
from tests.fakes.web import Site

OVERSIZED = (
    "Ukraine said 9999999999999999999 Russian soldiers were killed. "
    f"Ukraine said {'9' * 309} Russian soldiers were captured. "
    f"Ukraine said {'1' * 309} Russian soldiers were missing. "
    "Ukraine said 5,300 Russian soldiers were wounded."
)
ARTICLE = (
    "<html><head><title>Losses</title></head><body><article><p>Kyiv, March 1. Ukraine said on "
    "Monday that 5,300 Russian soldiers had been killed since the invasion began, a figure "
    "that could not be independently verified.</p></article></body></html>"
)


@pytest.fixture
async def ingestor(storage: Storage) -> AsyncIterator[Ingestor]:
    fetcher = Fetcher(
        FetchPolicy(timeout=2.0, max_bytes=1_000_000, allow_hosts=frozenset({"127.0.0.1"}))
    )
    try:
        yield Ingestor(storage, fetcher, today=lambda: date(2022, 3, 1))
    finally:
        await fetcher.close()


async def test_a_figure_no_count_reaches_is_left_out_and_the_rest_is_stored(
    ingestor: Ingestor, storage: Storage
) -> None:
    report = await ingestor.ingest_document(OVERSIZED, outlet="Wire", published="2022-03-01")
    assert report.new_document
    assert report.left_out.startswith("2 figures left out: 9999999999999999999 is not a ")
    assert "1111111111" in report.left_out  # the 309 ones, shown clipped
    assert len(report.left_out) < 200
    [wounded] = await storage.claims.pending(10)
    assert (wounded.low, wounded.metric.value) == (5300, "wounded")
    assert await storage.documents.count() == 1

    again = await ingestor.ingest_document(OVERSIZED, outlet="Wire", published="2022-03-01")
    assert (again.new_document, again.document_id) == (False, report.document_id)
    assert await storage.claims.count() == 1


async def test_a_series_figure_no_count_reaches_is_left_out_and_reported(
    ingestor: Ingestor, storage: Storage
) -> None:
    records = [
        {"date": "2022-02-25", "personnel": 2800, "POW": 0},
        {"date": "2022-02-26", "personnel": 10**15, "POW": 0},
    ]
    report = await ingestor.general_staff_json(json.dumps(records))
    assert (report.records, report.added) == (2, 1)
    assert report.problems == ("1,000,000,000,000,000 is not a plausible count",)
    endless = '[{"date": "2022-02-27", "personnel": ' + "9" * 4301 + "}]"
    with pytest.raises(IngestFailed, match="the series is not JSON"):
        await ingestor.general_staff_json(endless)
    assert await storage.claims.count() == 1


async def test_one_line_fields_lose_their_line_breaks_on_the_way_in(
    ingestor: Ingestor, storage: Storage
) -> None:
    text = "Ukraine said 5,300\x1b[2J Russian soldiers had been killed.\u2029More later."
    report = await ingestor.ingest_document(
        text, outlet="Wire\n  5,000 Fake Claimant", title="Losses\u2028mount", published="2022-03"
    )
    assert (report.outlet, report.title) == ("Wire 5,000 Fake Claimant", "Losses mount")
    [claim] = await storage.claims.pending(10)
    assert claim.outlet == "Wire 5,000 Fake Claimant"
    assert claim.quote == "Ukraine said 5,300[2J Russian soldiers had been killed."
    assert "\x1b" not in claim.quote


async def test_a_feed_title_with_a_line_break_is_one_outlet_line(
    ingestor: Ingestor, storage: Storage
) -> None:
    async with Site() as site:
        page = site.page("/news/1", ARTICLE)
        feed = site.page(
            "/rss",
            '<?xml version="1.0"?><rss version="2.0"><channel>'
            "<title>Example&#10;~6,000  Forged Claimant&#x2028;News</title>"
            "<link>http://example.org/</link><description>news</description>"
            f"<item><title>Losses</title><link>{page}</link><guid>{page}</guid></item>"
            "</channel></rss>",
            "application/rss+xml",
        )

        async def notify(text: str) -> None:
            pass

        poller = FeedPoller(
            storage, ingestor.fetcher, ingestor, interval=600, max_failures=3, notify=notify
        )
        await storage.feeds.add(feed, FeedKind.ARTICLES, "42", 0.0)
        [result] = await poller.poll_due()
        assert (result.ok, result.ingested) == (True, 1), result
    [claim] = await storage.claims.pending(10)
    assert claim.outlet == "Example ~6,000 Forged Claimant News"


def test_tally_ingest_reports_the_figure_it_left_out(tmp_path: Path) -> None:
    article = tmp_path / "oversized.txt"
    article.write_text(OVERSIZED)
    first = tally(tmp_path, "ingest", str(article), "--published", "2022-03-01")
    assert first.returncode == 0, first.stderr
    assert "1 new (pending review)" in first.stdout
    assert "2 figures left out: 9999999999999999999 is not a plausible count" in first.stdout
    again = tally(tmp_path, "ingest", str(article), "--published", "2022-03-01")
    assert again.returncode == 0, again.stderr
    number = first.stdout.split(":")[0].removeprefix("document ")
    assert f"already ingested as document {number}; nothing added" in again.stdout
