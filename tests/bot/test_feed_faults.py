"""A poisoned feed beside a good one: whatever one feed or one of its entries raises is that
feed's failure (counted, backed off, reported), and the other feeds are still polled."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pytest

from bot.feeds import FeedPoller
from bot.fetch import Fetcher
from bot.ingest import Ingestor
from handlers.ingestion import IngestReport
from storage import Storage
from storage.protocols import FeedKind
from tests.bot.test_ingestion import ARTICLE, Clock, rss
from tests.fakes.web import Site


class Bug(Exception):
    """What a mistake in our own code raises: nobody expects it."""


class BuggyIngestor(Ingestor):
    """The real ingestor, with a mistake that shows on one page."""

    async def ingest_url(
        self, url: str, *, by: str = "", outlet: str = "", published: str = ""
    ) -> IngestReport:
        if url.endswith("/news/poison"):
            raise Bug("a mistake that shows on this page only")
        return await super().ingest_url(url, by=by, outlet=outlet, published=published)


@dataclass
class Round:
    site: Site
    storage: Storage
    poller: FeedPoller
    clock: Clock
    notices: list[str] = field(default_factory=list)


@pytest.fixture
async def feeds(storage: Storage, site: Site, fetcher: Fetcher) -> Round:
    clock = Clock()
    notices: list[str] = []

    async def notify(text: str) -> None:
        notices.append(text)

    ingestor = BuggyIngestor(storage, fetcher, today=lambda: date(2022, 3, 1))
    poller = FeedPoller(
        storage, fetcher, ingestor, interval=600, max_failures=3, notify=notify, clock=clock
    )
    return Round(site, storage, poller, clock, notices)


async def test_a_poisoned_feed_fails_alone_and_the_others_are_still_polled(feeds: Round) -> None:
    site = feeds.site
    bogus_page = site.page(
        "/news/bogus",
        ARTICLE.format(title="Bogus charset", figure="1,100"),
        "text/html; charset=bogus",
    )
    bogus = site.page("/bogus.rss", rss(("Bogus", bogus_page)), "application/rss+xml")
    bad_port = "http://127.0.0.1:99999/rss"
    fine_page = site.page("/news/fine", ARTICLE.format(title="Fine", figure="2,200"))
    poison_page = site.page("/news/poison", ARTICLE.format(title="Poison", figure="3,300"))
    poisoned = site.page(
        "/poisoned.rss", rss(("Fine", fine_page), ("Poison", poison_page)), "application/rss+xml"
    )
    good_page = site.page("/news/good", ARTICLE.format(title="Good", figure="4,400"))
    good = site.page("/good.rss", rss(("Good", good_page)), "application/rss+xml")
    for url in (bogus, bad_port, poisoned, good):  # the good feed is polled last
        await feeds.storage.feeds.add(url, FeedKind.ARTICLES, "42", feeds.clock.now)

    results = {r.feed.url: r for r in await feeds.poller.poll_due()}

    assert (results[good].ok, results[good].ingested) == (True, 1)
    # a charset nobody knows is read as UTF-8, not raised
    assert (results[bogus].ok, results[bogus].ingested) == (True, 1)
    assert not results[bad_port].ok
    assert results[bad_port].feed.failures == 1
    # the entry that raised fails its feed; the feed's other entry is still read
    assert not results[poisoned].ok
    assert results[poisoned].ingested == 1
    assert "Bug: a mistake that shows on this page only" in results[poisoned].error
    assert results[poisoned].feed.failures == 1
    figures = {c.low for c in await feeds.storage.claims.pending(10)}
    assert figures == {1100, 2200, 4400}

    for _ in range(2):  # backed off; the entry that raised is tried again each time
        feeds.clock.now += 100_000
        await feeds.poller.poll_due()
    state = {f.url: f for f in await feeds.storage.feeds.all()}
    assert (state[poisoned].disabled, state[bad_port].disabled) == (True, True)
    assert (state[good].disabled, state[good].failures) == (False, 0)
    assert (state[bogus].disabled, state[bogus].failures) == (False, 0)
    assert len(site.hits("/news/fine")) == 1
    [notice] = [n for n in feeds.notices if poisoned in n]
    assert "disabled after 3 failures" in notice
    assert "Bug: a mistake that shows on this page only" in notice
