"""Polling feeds: RSS and Atom entries and the General Staff's series, read as they arrive.

Each due feed is fetched with a conditional GET (its ETag and Last-Modified from the last
poll), so an unchanged feed costs one 304. An articles feed's new entries (by id or link,
remembered in the database) have their pages fetched and ingested; an entry whose page cannot
be read is reported and marked seen, never retried forever. A general-staff feed's JSON is
imported; days already known are skipped by claim id. A failing feed backs off (the interval
doubled per failure, at most a day) and is disabled after ``max_failures`` failures in a
row, with a notice to the moderators.

Whatever goes wrong with one feed, or one of its entries, is that feed's failure, never the
round's: the feeds after it are still polled. An entry that fails in a way nobody expected
(not a page without text, not a fetch refused) fails its feed's poll and is not marked seen,
so it is tried again after the back-off, and disables the feed if it keeps failing. Only an
unavailable database stops a round; it goes on when the database answers again.
"""

from __future__ import annotations

import asyncio
import calendar
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from functools import partial
from typing import Any

import feedparser

from bot.fetch import Fetcher, FetchError
from bot.ingest import SERIES_TYPES, Ingestor
from handlers.ingestion import IngestFailed
from storage.faults import DatabaseUnavailable, retrying
from storage.protocols import Feed, FeedKind, Storage

__all__ = ["FEED_TYPES", "FeedPoller", "PollResult"]

log = logging.getLogger(__name__)

FEED_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/xml",
    "text/xml",
    "application/rdf+xml",
    "text/plain",
)
ENTRIES_PER_POLL = 20
MAX_BACKOFF = 86_400.0


class FeedBroken(Exception):
    """The feed's body is not a feed."""


@dataclass
class PollResult:
    feed: Feed
    ok: bool
    not_modified: bool = False
    ingested: int = 0  # entries or series records read
    skipped: list[str] = field(default_factory=list)  # entries that could not be read
    broken: list[str] = field(default_factory=list)  # entries that failed unexpectedly
    error: str = ""
    disabled: bool = False


def _unexpected(exc: Exception) -> str:
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__


def _entry_key(entry: Any) -> str:
    return str(entry.get("id") or entry.get("link") or entry.get("title") or "")


def _entry_date(entry: Any) -> str:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return ""
    return datetime.fromtimestamp(calendar.timegm(parsed), UTC).date().isoformat()


class FeedPoller:
    def __init__(
        self,
        storage: Storage,
        fetcher: Fetcher,
        ingestor: Ingestor,
        *,
        interval: float,
        max_failures: int,
        notify: Callable[[str], Awaitable[None]],
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.storage = storage
        self.fetcher = fetcher
        self.ingestor = ingestor
        self.interval = interval
        self.max_failures = max_failures
        self.notify = notify
        self.clock = clock

    async def run(self) -> None:
        while True:
            try:
                await retrying("feeds", self.poll_due)
            except Exception:
                log.exception("feed polling failed; trying again later")
            await asyncio.sleep(min(60.0, self.interval))

    async def poll_due(self) -> list[PollResult]:
        return [await self.poll(feed) for feed in await self.storage.feeds.due(self.clock())]

    async def poll(self, feed: Feed) -> PollResult:
        try:
            outcome, etag, modified = await self._poll(feed)
        except DatabaseUnavailable:
            raise  # not the feed's fault: the round waits for the database
        except (FetchError, FeedBroken, IngestFailed) as exc:
            return await self._failed(feed, str(exc))
        except Exception as exc:
            log.warning("feed #%d: unexpected error", feed.id, exc_info=exc)
            return await self._failed(feed, _unexpected(exc))
        if outcome.broken:  # not marked polled, so fetched whole next time: they are retried
            failed = await self._failed(feed, "; ".join(outcome.broken))
            return replace(
                outcome, feed=failed.feed, ok=False, error=failed.error, disabled=failed.disabled
            )
        now = self.clock()
        await self.storage.feeds.polled(
            feed.id, now, now + self.interval, etag=etag, last_modified=modified
        )
        if outcome.skipped:
            log.warning("feed #%d: skipped %s", feed.id, "; ".join(outcome.skipped))
        return outcome

    async def _poll(self, feed: Feed) -> tuple[PollResult, str, str]:
        types = SERIES_TYPES if feed.kind is FeedKind.GENERAL_STAFF else FEED_TYPES
        fetched = await self.fetcher.get(
            feed.url, types, etag=feed.etag, last_modified=feed.last_modified
        )
        etag = fetched.etag or feed.etag
        modified = fetched.last_modified or feed.last_modified
        if fetched.not_modified:
            return PollResult(feed, True, not_modified=True), etag, modified
        if feed.kind is FeedKind.GENERAL_STAFF:
            report = await self.ingestor.general_staff_json(fetched.text(), feed.url)
            return PollResult(feed, True, ingested=report.added), etag, modified
        return await self._articles(feed, fetched.body), etag, modified

    async def _articles(self, feed: Feed, body: bytes) -> PollResult:
        parsed = await asyncio.to_thread(feedparser.parse, body)
        entries = list(parsed.get("entries") or [])
        if parsed.get("bozo") and not any(e.get("link") for e in entries):
            reason = parsed.get("bozo_exception")
            raise FeedBroken(f"not a readable RSS or Atom feed ({reason})")
        if not parsed.get("version") and not entries:
            raise FeedBroken("not an RSS or Atom feed")
        outlet = str((parsed.get("feed") or {}).get("title") or "")
        keyed = {_entry_key(e): e for e in entries if _entry_key(e)}
        fresh = (await self.storage.feeds.unseen(feed.id, list(keyed)))[:ENTRIES_PER_POLL]
        result = PollResult(feed, True)
        for key in fresh:
            entry = keyed[key]
            link = str(entry.get("link") or "")
            try:
                if not link:
                    raise IngestFailed("the entry has no link")
                await self.ingestor.ingest_url(
                    link, by=f"feed #{feed.id}", outlet=outlet, published=_entry_date(entry)
                )
                result.ingested += 1
            except IngestFailed as exc:
                result.skipped.append(f"{link or key}: {exc}")
            except DatabaseUnavailable:
                raise
            except Exception as exc:
                log.warning("feed #%d: entry %s: unexpected error", feed.id, key, exc_info=exc)
                result.broken.append(f"{link or key}: {_unexpected(exc)}")
                continue
            await self.storage.feeds.seen(feed.id, [key], self.clock())
        return result

    async def _failed(self, feed: Feed, error: str) -> PollResult:
        failures = feed.failures + 1
        disable = failures >= self.max_failures
        delay = min(self.interval * 2**failures, MAX_BACKOFF)
        changed = await self.storage.feeds.failed(
            feed.id, error, self.clock() + delay, disable=disable
        )
        log.warning("feed #%d (%s) failed (%d in a row): %s", feed.id, feed.url, failures, error)
        if disable:
            notice = (
                f"Feed #{feed.id} ({feed.url}) was disabled after {failures} failures in a row. "
                f"Last error: {error}. /feeds add {feed.url} polls it again."
            )
            # the feed is disabled already: a round tried again would not come back to it
            await retrying(f"feed #{feed.id}", partial(self.notify, notice))
        return PollResult(changed, False, error=error, disabled=disable)
