"""The feed and document stores' contract, and leases taken by two connections at once, on
every backend."""

from __future__ import annotations

import asyncio

from bot.outbox import outgoing
from claims.model import Document
from handlers.types import Reply
from storage import open_storage
from storage.protocols import FeedKind, Storage


async def test_a_feed_is_stored_once_and_remembers_its_entries(storage: Storage) -> None:
    feed, new = await storage.feeds.add("https://example.org/rss", FeedKind.ARTICLES, "mod", 10.0)
    again, new_again = await storage.feeds.add(
        "https://example.org/rss", FeedKind.ARTICLES, "x", 11.0
    )
    assert new
    assert not new_again
    assert again.id == feed.id
    assert await storage.feeds.unseen(feed.id, ["a", "b", "a"]) == ["a", "b"]
    await storage.feeds.seen(feed.id, ["a"], 12.0)
    await storage.feeds.seen(feed.id, ["a"], 13.0)  # seen twice: still once
    assert await storage.feeds.unseen(feed.id, ["a", "b"]) == ["b"]


async def test_a_failing_feed_backs_off_is_disabled_and_comes_back(storage: Storage) -> None:
    feed, _ = await storage.feeds.add("https://example.org/atom", FeedKind.GENERAL_STAFF, "m", 0.0)
    assert [f.id for f in await storage.feeds.due(1.0)] == [feed.id]
    failed = await storage.feeds.failed(feed.id, "HTTP 500", 100.0, disable=False)
    assert (failed.failures, failed.last_error, failed.disabled) == (1, "HTTP 500", False)
    assert await storage.feeds.due(50.0) == []
    disabled = await storage.feeds.failed(feed.id, "HTTP 500", 200.0, disable=True)
    assert disabled.disabled
    assert await storage.feeds.due(1e9) == []
    await storage.feeds.enable(feed.id, 300.0)
    await storage.feeds.polled(feed.id, 301.0, 400.0, etag='"v2"', last_modified="Mon")
    back = await storage.feeds.get(feed.id)
    assert back is not None
    assert (back.failures, back.disabled, back.etag, back.next_poll_at) == (0, False, '"v2"', 400.0)
    assert await storage.feeds.remove(feed.id)
    assert not await storage.feeds.remove(feed.id)
    assert await storage.feeds.all() == []


async def test_a_document_is_stored_once_by_url_or_by_text(storage: Storage) -> None:
    first, new = await storage.documents.add(Document("Wire", "Text one.", url="https://a.example"))
    by_url, new_url = await storage.documents.add(
        Document("Wire", "Changed.", url="https://a.example")
    )
    by_text, new_text = await storage.documents.add(Document("Other", "Text  one."))
    assert new
    assert (by_url, new_url) == (first, False)
    assert (by_text, new_text) == (first, False)
    second, _ = await storage.documents.add(Document("Wire", "Text two."))
    assert second != first
    assert await storage.documents.count() == 2


async def test_two_connections_leasing_the_same_rows_share_them_without_overlap(
    storage_url: str,
) -> None:
    first, second = await open_storage(storage_url), await open_storage(storage_url)
    try:
        rows = [
            row
            for chat in range(40)
            for row in outgoing(
                f"l:{chat}", f"telegram:private:{chat}", "notice", Reply.text("x"), None
            )
        ]
        await first.outbox.enqueue(rows, now=100.0)
        due = [r.id for r in await second.outbox.due(["telegram"], 100.0, 100)]
        assert len(due) == 40
        a, b = await asyncio.gather(
            first.outbox.lease(due, "a", 100.0, 160.0),
            second.outbox.lease(due, "b", 100.0, 160.0),
        )
        assert not set(a) & set(b)
        assert sorted(a + b) == sorted(due)
        assert await first.outbox.due(["telegram"], 150.0, 100) == []  # leased until 160
        assert len(await first.outbox.due(["telegram"], 161.0, 100)) == 40  # lease ran out
    finally:
        await first.close()
        await second.close()
