"""Ingestion from a real web server on 127.0.0.1: article pages, RSS and Atom feeds, the
General Staff's series, and what goes wrong with each."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest

from bot.feeds import FeedPoller
from bot.fetch import Fetcher
from bot.ingest import Ingestor
from claims.vocab import Metric, Status
from handlers.ingestion import IngestFailed
from storage import Storage
from storage.protocols import FeedKind
from tests.fakes.web import Site

SERIES = Path(__file__).resolve().parents[1] / "data" / "general_staff_sample.json"

ARTICLE = """<html><head><title>{title} | Example News</title>
<meta name="date" content="2022-03-01"></head><body><nav>Home | World | Sport</nav>
<article><h1>{title}</h1>
<p>Kyiv, March 1. Ukraine said on Monday that {figure} Russian soldiers had been killed since
the invasion began, a figure that could not be independently verified by reporters.</p>
<p>The fighting around Kharkiv continued through the night as residents sheltered in
basements and officials promised more help for the city.</p></article>
<footer>Copyright Example News</footer></body></html>"""
EMPTY_PAGE = "<html><body><nav>Home</nav><div><img src='map.png'></div></body></html>"


def rss(*items: tuple[str, str]) -> str:
    entries = "".join(
        f"<item><title>{title}</title><link>{link}</link><guid>{link}</guid>"
        "<pubDate>Tue, 01 Mar 2022 10:00:00 GMT</pubDate></item>"
        for title, link in items
    )
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Example News</title>'
        f"<link>http://example.org/</link><description>news</description>{entries}</channel></rss>"
    )


@dataclass
class Clock:
    now: float = 1_000_000.0

    def __call__(self) -> float:
        return self.now


@dataclass
class Desk:
    site: Site
    storage: Storage
    ingestor: Ingestor
    poller: FeedPoller
    clock: Clock
    notices: list[str] = field(default_factory=list)


@pytest.fixture
async def desk(storage: Storage, site: Site, fetcher: Fetcher) -> Desk:
    ingestor = Ingestor(storage, fetcher, today=lambda: date(2022, 3, 1))
    clock = Clock()
    notices: list[str] = []

    async def notify(text: str) -> None:
        notices.append(text)

    poller = FeedPoller(
        storage, fetcher, ingestor, interval=600, max_failures=3, notify=notify, clock=clock
    )
    return Desk(site, storage, ingestor, poller, clock, notices)


async def test_an_article_page_is_read_and_stored_once(desk: Desk) -> None:
    url = desk.site.page("/news/1", ARTICLE.format(title="Losses mount", figure="5,300"))
    report = await desk.ingestor.ingest_url(url)
    assert (report.new_document, report.title, report.published, report.found) == (
        True,
        "Losses mount",
        "2022-03-01",
        1,
    )
    [pending] = await desk.storage.claims.pending(10)
    assert (pending.metric, pending.low, pending.claimant_side, pending.url) == (
        Metric.KILLED,
        5300,
        "ukraine",
        url,
    )
    again = await desk.ingestor.ingest_url(url)
    assert not again.new_document
    assert await desk.storage.documents.count() == 1


async def test_a_known_claim_in_another_document_is_a_new_appearance(desk: Desk) -> None:
    text = "Ukraine said on Monday that 5,300 Russian soldiers had been killed."
    first = await desk.ingestor.ingest_document(text, outlet="Outlet A", published="2022-03-01")
    second = await desk.ingestor.ingest_document(
        text + " More fighting is expected.", outlet="Outlet B", published="2022-03-01"
    )
    assert (len(first.added), second.added, second.reappeared) == (1, (), first.added)
    assert len(await desk.storage.claims.appearances(first.added[0])) == 2


async def test_a_page_with_no_article_text_is_reported(desk: Desk) -> None:
    url = desk.site.page("/gallery", EMPTY_PAGE)
    with pytest.raises(IngestFailed, match="no article text"):
        await desk.ingestor.ingest_url(url)
    assert await desk.storage.documents.count() == 0


async def test_feed_entries_are_ingested_once_with_conditional_gets(desk: Desk) -> None:
    site = desk.site
    one = site.page("/news/1", ARTICLE.format(title="Losses mount", figure="5,300"))
    empty = site.page("/news/2", EMPTY_PAGE)
    feed_url = site.page(
        "/rss", rss(("Losses", one), ("Pictures", empty)), "application/rss+xml", etag='"r1"'
    )
    await desk.storage.feeds.add(feed_url, FeedKind.ARTICLES, "42", desk.clock.now)
    [result] = await desk.poller.poll_due()
    assert (result.ok, result.ingested) == (True, 1)
    assert result.skipped == [f"{empty}: no article text found at {empty}"]
    [claim] = await desk.storage.claims.pending(10)
    assert claim.outlet == "Example News"

    desk.clock.now += 601
    [again] = await desk.poller.poll_due()
    assert again.not_modified
    assert site.hits("/rss")[-1]["If-None-Match"] == '"r1"'

    two = site.page("/news/3", ARTICLE.format(title="Later", figure="6,000"))
    site.page(
        "/rss",
        rss(("Later", two), ("Losses", one), ("Pictures", empty)),
        "application/rss+xml",
        etag='"r2"',
    )
    desk.clock.now += 601
    [third] = await desk.poller.poll_due()
    assert third.ingested == 1
    assert len(site.hits("/news/1")) == 1
    assert len(site.hits("/news/2")) == 1
    assert await desk.storage.claims.pending_count() == 2


async def test_an_atom_feed_is_polled_with_if_modified_since(desk: Desk) -> None:
    site = desk.site
    page = site.page("/news/1", ARTICLE.format(title="Losses mount", figure="5,300"))
    atom = (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        "<title>Example Atom</title><id>urn:example</id><updated>2022-03-01T10:00:00Z</updated>"
        f'<entry><title>Losses</title><id>urn:example:1</id><link href="{page}"/>'
        "<updated>2022-03-01T10:00:00Z</updated></entry></feed>"
    )
    stamp = "Tue, 01 Mar 2022 10:00:00 GMT"
    url = site.page("/atom", atom, "application/atom+xml", last_modified=stamp)
    await desk.storage.feeds.add(url, FeedKind.ARTICLES, "42", desk.clock.now)
    [first] = await desk.poller.poll_due()
    assert first.ingested == 1
    [claim] = await desk.storage.claims.pending(5)
    assert claim.outlet == "Example Atom"
    desk.clock.now += 601
    [second] = await desk.poller.poll_due()
    assert second.not_modified
    assert site.hits("/atom")[-1]["If-Modified-Since"] == stamp


async def test_a_failing_feed_backs_off_and_is_disabled_while_others_go_on(desk: Desk) -> None:
    site = desk.site
    broken = site.page("/broken.xml", "<rss><channel><item><title>oops", "application/rss+xml")
    missing = site.base + "/gone.xml"
    good_page = site.page("/news/1", ARTICLE.format(title="Losses mount", figure="5,300"))
    good = site.page("/rss", rss(("Losses", good_page)), "application/rss+xml")
    for url in (broken, missing, good):
        await desk.storage.feeds.add(url, FeedKind.ARTICLES, "42", desk.clock.now)

    first = {r.feed.url: r for r in await desk.poller.poll_due()}
    assert "not a readable RSS or Atom feed" in first[broken].error
    assert "answered 404" in first[missing].error
    assert first[good].ingested == 1

    desk.clock.now += 601  # the good feed is due; the failing ones are backing off
    assert [r.feed.url for r in await desk.poller.poll_due()] == [good]
    for _ in range(4):
        desk.clock.now += 10_000
        await desk.poller.poll_due()
    feeds = {f.url: f for f in await desk.storage.feeds.all()}
    assert (feeds[broken].disabled, feeds[missing].disabled, feeds[good].disabled) == (
        True,
        True,
        False,
    )
    assert feeds[good].failures == 0
    assert len(desk.notices) == 2
    assert "disabled after 3 failures" in desk.notices[0]
    desk.clock.now += 100_000
    assert [r.feed.url for r in await desk.poller.poll_due()] == [good]


async def test_the_general_staff_series_is_polled_as_a_feed(desk: Desk) -> None:
    records = json.loads(SERIES.read_text())
    url = desk.site.page("/gs.json", json.dumps(records[:30]), "application/json", etag='"d30"')
    await desk.storage.feeds.add(url, FeedKind.GENERAL_STAFF, "42", desk.clock.now)
    [first] = await desk.poller.poll_due()
    assert first.ingested == 30 + sum(1 for r in records[:30] if r.get("POW"))
    desk.site.page("/gs.json", json.dumps(records[:31]), "application/json", etag='"d31"')
    desk.clock.now += 601
    [second] = await desk.poller.poll_due()
    assert second.ingested == 1 + (1 if records[30].get("POW") else 0)
    [current] = await desk.storage.claims.current(Metric.CASUALTIES)
    assert (current.low, current.as_of, current.status, current.claimant_side) == (
        records[30]["personnel"],
        date.fromisoformat(records[30]["date"]),
        Status.PUBLISHED,
        "ukraine",
    )


async def test_a_malformed_series_is_reported(desk: Desk) -> None:
    report = await desk.ingestor.general_staff_json(
        json.dumps([{"date": "2022-02-25", "personnel": 2800}, {"date": "soon"}, 7])
    )
    assert (report.added, len(report.problems)) == (1, 2)
    with pytest.raises(IngestFailed, match="not JSON"):
        await desk.ingestor.general_staff_json("{oops")
