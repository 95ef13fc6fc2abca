"""Several ``tally`` processes sharing one PostgreSQL database: worker processes deliver each
message once, a killed leader's digest planning is taken over without a digest missed or
doubled, and a deployment copies from SQLite to PostgreSQL and back with nothing lost."""

from __future__ import annotations

import asyncio
import signal
import sqlite3
import time
from collections import Counter, defaultdict
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.outbox import outgoing
from claims.filters import ClaimFilter
from claims.model import Document
from claims.schedule import Schedule
from claims.vocab import Status
from handlers.types import Reply
from storage import open_storage
from storage.copy import TABLES
from storage.curation import AuditEntry
from storage.protocols import FeedKind, OutboxState
from storage.seed import load_seed
from storage.sql.storage import SqlStorage
from tests.bot.delivery_kit import eventually
from tests.bot.test_cli import tally
from tests.claims.factory import make_claim
from tests.fakes.telegram_api import TelegramEmulator
from tests.processes import Tally, tally_env

CHATS = 150


@pytest.mark.parametrize("workers", [2, 4])
async def test_worker_processes_drain_one_outbox_once_each_and_in_order(
    workers: int, postgres_url: str, tmp_path: Path
) -> None:
    async with TelegramEmulator() as api:
        for chat in range(1, CHATS + 1):
            api.private_chat(chat)
        env = tally_env(
            DATABASE_URL=postgres_url,
            TELEGRAM_BOT_TOKEN=api.token,
            TELEGRAM_API_BASE_URL=api.root,
            TELEGRAM_RATE_OVERALL="2000/1s",
            TELEGRAM_RATE_PRIVATE="100/1s",
            OUTBOX_LEASE="5",
        )
        started = [
            await Tally.start(tmp_path, env, "run", "--role", "worker") for _ in range(workers)
        ]
        try:
            for process in started:
                await process.wait_for_line("telegram: sending as @")
            storage = await open_storage(postgres_url)
            try:
                rows = [
                    row
                    for chat in range(1, CHATS + 1)
                    for n in (1, 2)
                    for row in outgoing(
                        f"test:{chat}:{n}",
                        f"telegram:private:{chat}",
                        "notice",
                        Reply.text(f"message {n} for chat {chat}"),
                        None,
                    )
                ]
                assert await storage.outbox.enqueue(rows, now=time.time()) == 2 * CHATS
                await eventually(lambda: len(api.sent) >= 2 * CHATS, within=60)
                await asyncio.sleep(1.0)  # anything sent twice would have arrived by now
                counts = await storage.outbox.counts()
                assert isinstance(storage, SqlStorage)
                shared = await storage.db.scalar("SELECT count(DISTINCT lease_owner) FROM outbox")
            finally:
                await storage.close()
        finally:
            codes = [await p.stop() for p in started]

    assert codes == [0] * workers, "\n\n".join(p.log() for p in started)
    sent = Counter((s.chat_id, s.text) for s in api.sent)
    assert set(sent) == {
        (c, f"message {n} for chat {c}") for c in range(1, CHATS + 1) for n in (1, 2)
    }
    assert max(sent.values()) == 1
    order: dict[int, list[str]] = defaultdict(list)
    for s in api.sent:
        order[s.chat_id].append(s.text)
    assert all(texts[0].startswith("message 1") for texts in order.values())
    assert counts[OutboxState.SENT] == 2 * CHATS
    assert shared > 1  # the work was shared, not done by whichever process came first


def _next_slot(margin: float = 20.0) -> datetime:
    """The next whole minute at least ``margin`` seconds away."""
    now = datetime.now(UTC)
    slot = now.replace(second=0, microsecond=0) + timedelta(minutes=1)
    return slot if (slot - now).total_seconds() >= margin else slot + timedelta(minutes=1)


async def _digest_rows(url: str, subscription: int) -> list[str]:
    storage = await open_storage(url)
    try:
        assert isinstance(storage, SqlStorage)
        rows = await storage.db.fetchall(
            "SELECT dedupe_key FROM outbox WHERE kind = 'digest' AND subscription = ?",
            (subscription,),
        )
        return [str(r[0]) for r in rows]
    finally:
        await storage.close()


async def _digest_planned(url: str, subscription: int, within: float) -> None:
    async with asyncio.timeout(within):
        while not await _digest_rows(url, subscription):
            await asyncio.sleep(0.5)


async def test_a_killed_leader_is_replaced_and_its_digest_planned_exactly_once(
    postgres_url: str, tmp_path: Path
) -> None:
    slot = _next_slot()
    schedule = Schedule(slot.time())
    storage = await open_storage(postgres_url)
    try:
        sub, _ = await storage.subscriptions.add(
            "telegram:private:7", ClaimFilter(), schedule, last_slot=slot - timedelta(days=1)
        )
        await storage.claims.add([make_claim(low=4242, high=4242, claimant="Leader Test")])
    finally:
        await storage.close()
    env = tally_env(DATABASE_URL=postgres_url)
    first = await Tally.start(tmp_path, env, "run", "--role", "scheduler")
    second = third = None
    try:
        await first.wait_for_line("leader: this process now plans")
        second = await Tally.start(tmp_path, env, "run", "--role", "scheduler")
        await second.wait_for_line("another process leads; following")
        # kill the leader a few seconds before the slot: the follower must plan it
        await asyncio.sleep(max((slot - datetime.now(UTC)).total_seconds() - 4, 0))
        assert await first.stop(signal.SIGKILL) == -signal.SIGKILL
        killed = time.monotonic()
        await second.wait_for_line("leader: this process now plans", within=10)
        takeover = time.monotonic() - killed
        await _digest_planned(
            postgres_url, sub.id, within=(slot - datetime.now(UTC)).total_seconds() + 20
        )
        # a third process leading after the slot must not plan it again
        assert await second.stop() == 0
        third = await Tally.start(tmp_path, env, "run", "--role", "scheduler")
        await third.wait_for_line("leader: this process now plans")
        await asyncio.sleep(2.0)
        keys = await _digest_rows(postgres_url, sub.id)
    finally:
        for process in (first, second, third):
            if process is not None:
                await process.stop()
    assert keys == [f"digest:{sub.id}:{slot.isoformat()}#1"]
    assert takeover < 10


async def _deployment(url: str) -> None:
    """A little of everything: claims, pending ones, a chat's settings, subscriptions, an
    outbox with sent and queued rows, a feed and the entries it has had."""
    storage = await open_storage(url)
    try:
        await load_seed(storage)
        doc, _ = await storage.documents.add(
            Document("Wire", text="Ukraine said 1 was killed.", url="https://example.org/a")
        )
        await storage.claims.add([make_claim(low=1, high=1, status=Status.PENDING)], doc)
        await storage.subscriptions.set_timezone("telegram:private:1", "Europe/Kyiv")
        sub, _ = await storage.subscriptions.add("telegram:private:1", ClaimFilter(), None)
        await storage.outbox.enqueue(
            outgoing("copy:1", "telegram:private:1", "alert", Reply.text("hello"), sub.id),
            now=1_700_000_000,
        )
        await storage.outbox.sent([1], 1_700_000_001)
        await storage.outbox.enqueue(
            outgoing("copy:2", "telegram:private:1", "alert", Reply.text("again"), sub.id),
            now=1_700_000_002.5,
        )
        feed, _ = await storage.feeds.add("https://example.org/feed", FeedKind.ARTICLES, "x", 5.0)
        await storage.feeds.seen(feed.id, ["a", "b"], 6.0)
        # curation: a correction published again, its record, a merge of two claimants
        [published] = await storage.claims.latest(1)
        await storage.curation.update(replace(published, caveat="corrected"))
        await storage.audit.record(
            AuditEntry("telegram:7", "edit", published.id, None, None, {"caveat": ""},
                       {"caveat": "corrected"})
        )  # fmt: skip
        await storage.curation.merge_claimants("nato-official", "nato")
    finally:
        await storage.close()


def _dump(path: Path) -> dict[str, list[tuple[object, ...]]]:
    conn = sqlite3.connect(path)
    try:
        return {
            t.name: conn.execute(
                f"SELECT {', '.join(t.columns)} FROM {t.name} "
                f"ORDER BY {', '.join(t.key or ('rowid',))}"
            ).fetchall()
            for t in TABLES
        }
    finally:
        conn.close()


async def test_db_copy_moves_a_deployment_to_postgresql_and_back_with_nothing_lost(
    postgres_url: str, tmp_path: Path
) -> None:
    source = tmp_path / "tally.db"
    await _deployment(f"sqlite:///{source}")

    there = tally(tmp_path, "db", "copy", f"sqlite:///{source}", postgres_url)
    assert there.returncode == 0, there.stderr
    assert "every count matches" in there.stdout
    counts = {line.split()[0]: line.split()[1:] for line in there.stdout.splitlines()[1:-1]}
    assert counts["claims"] == ["18", "18"]
    assert counts["publications"] == ["18", "18"]  # 17 first publications and a correction
    assert counts["audit"] == counts["claimant_merges"] == ["1", "1"]

    back = tmp_path / "back" / "tally.db"
    again = tally(tmp_path, "db", "copy", postgres_url, f"sqlite:///{back}")
    assert again.returncode == 0, again.stderr
    assert _dump(back) == _dump(source)

    # the copy works as a deployment: ids go on from where they were
    storage = await open_storage(postgres_url)
    try:
        sub, new = await storage.subscriptions.add("telegram:private:2", ClaimFilter(), None)
        assert new
        assert sub.id == 2
        assert len(await storage.claims.pending(10)) == 1
        entry = await storage.audit.record(AuditEntry("discord:9", "reopen"))
        assert entry.id == 2
        assert await storage.curation.merged_key("nato-official") == "nato"
    finally:
        await storage.close()

    refused = tally(tmp_path, "db", "copy", f"sqlite:///{source}", postgres_url)
    assert refused.returncode == 2
    assert "copy only into an empty database" in refused.stderr


def test_db_copy_refuses_a_missing_source(tmp_path: Path) -> None:
    result = tally(tmp_path, "db", "copy", f"sqlite:///{tmp_path / 'none.db'}", "sqlite:///x.db")
    assert result.returncode == 2
    assert "there is no database at" in result.stderr


async def test_a_web_process_answers_and_a_scheduler_and_worker_deliver(
    postgres_url: str, tmp_path: Path
) -> None:
    async with TelegramEmulator() as api:
        api.private_chat(31)
        env = tally_env(
            DATABASE_URL=postgres_url,
            TELEGRAM_BOT_TOKEN=api.token,
            TELEGRAM_API_BASE_URL=api.root,
            TELEGRAM_POLL_TIMEOUT="1",
            ALERT_WINDOW="0",
        )
        web = await Tally.start(tmp_path, env, "run", "--role", "web")
        back = None
        try:
            await web.wait_for_line("telegram: receiving as @")
            await api.send_text(31, "/subscribe killed", user_id=31)
            [answer] = await api.wait_sent(1, chat_id=31)
            assert "Subscribed" in answer.text
            back = await Tally.start(tmp_path, env, "run", "--role", "scheduler,worker")
            await back.wait_for_line("leader: this process now plans")
            storage = await open_storage(postgres_url)
            try:
                await storage.claims.add([make_claim(low=31313, high=31313, claimant="Split")])
            finally:
                await storage.close()
            sent = await api.wait_sent(2, chat_id=31, within=30)
        finally:
            codes = [await p.stop() for p in (web, back) if p is not None]
    assert codes == [0] * len(codes)
    assert "31,313" in sent[1].text
    assert "outbox: delivering" not in web.log()  # the web process only answered
    assert "leader:" not in web.log()
