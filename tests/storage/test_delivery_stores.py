"""Contract tests for the publication log, the subscription store and the outbox."""

from __future__ import annotations

from datetime import UTC, datetime, time

from claims.filters import ClaimFilter
from claims.schedule import Schedule
from claims.vocab import Metric, Status
from storage import Storage
from storage.protocols import OutboxState, Outgoing, SubscriptionState
from tests.claims.factory import make_claim

CHAT = "telegram:group:-100"
KILLED = ClaimFilter(metrics=frozenset({Metric.KILLED}))
DAILY = Schedule(time(9, 0), "Europe/Kyiv")


def row(key: str, target: str = CHAT, sub: int | None = None) -> Outgoing:
    return Outgoing(key, target, target.split(":")[0], "alert", '{"blocks":[]}', sub)


async def test_publishing_claims_moves_the_head_and_raises_the_signal(storage: Storage) -> None:
    raised: list[int] = []
    storage.claims.published.connect(lambda: raised.append(1))
    assert await storage.claims.publication_head() == 0
    first, second = make_claim(low=1, high=1), make_claim(low=2, high=2, as_of=None)
    await storage.claims.add([first, second])
    await storage.claims.add([first])  # known: no new publication
    await storage.claims.add([make_claim(low=3, high=3, status=Status.PENDING)])
    assert await storage.claims.publication_head() == 2
    assert raised == [1]
    between = await storage.claims.published_between(0, 2)
    assert [(seq, c.id) for seq, c in between] == [(1, first.id), (2, second.id)]
    assert [c.id for _, c in await storage.claims.published_between(1, 2)] == [second.id]
    later = datetime(2100, 1, 1, tzinfo=UTC)
    assert await storage.claims.published_since(later) == 2


async def test_a_subscription_starts_at_the_current_publication(storage: Storage) -> None:
    await storage.claims.add([make_claim()])
    sub, new = await storage.subscriptions.add(CHAT, KILLED, None, created_by="7")
    assert new
    assert sub.instant
    assert sub.active
    assert sub.cursor == 1
    again, new = await storage.subscriptions.add(CHAT, KILLED, None)
    assert not new
    assert again.id == sub.id
    digest, _ = await storage.subscriptions.add(CHAT, KILLED, DAILY)
    assert digest.schedule == DAILY
    assert [s.id for s in await storage.subscriptions.for_chat(CHAT)] == [sub.id, digest.id]
    assert await storage.subscriptions.get(digest.id) == digest


async def test_pausing_resuming_and_removing(storage: Storage) -> None:
    changes: list[int] = []
    storage.subscriptions.changed.connect(lambda: changes.append(1))
    sub, _ = await storage.subscriptions.add(CHAT, KILLED, None)
    await storage.subscriptions.pause([sub.id], "bot was blocked")
    paused = await storage.subscriptions.get(sub.id)
    assert paused is not None
    assert paused.state is SubscriptionState.PAUSED
    assert paused.pause_reason == "bot was blocked"
    assert await storage.subscriptions.all() == []
    assert not await storage.subscriptions.resume("telegram:group:-999", sub.id, None)
    assert await storage.subscriptions.resume(CHAT, sub.id, 5)
    resumed = await storage.subscriptions.get(sub.id)
    assert resumed is not None
    assert resumed.active
    assert resumed.cursor == 5
    assert await storage.subscriptions.pause_chat(CHAT, "gone") == 1
    assert await storage.subscriptions.remove(CHAT, [sub.id + 1]) == 0
    assert await storage.subscriptions.remove(CHAT) == 1
    assert len(changes) == 5


async def test_a_moved_chat_takes_its_subscriptions_and_settings(storage: Storage) -> None:
    await storage.subscriptions.add("telegram:group:-1", KILLED, None)
    await storage.subscriptions.add("telegram:group:-1", ClaimFilter(), None)
    await storage.subscriptions.add("telegram:group:-100", KILLED, None)  # already there
    await storage.subscriptions.set_timezone("telegram:group:-1", "Europe/Kyiv")
    assert await storage.subscriptions.move_chat("telegram:group:-1", CHAT) == 1
    assert len(await storage.subscriptions.for_chat(CHAT)) == 2
    assert await storage.subscriptions.timezone(CHAT) == "Europe/Kyiv"


async def test_enqueueing_is_once_per_key_and_moves_cursors_with_it(storage: Storage) -> None:
    sub, _ = await storage.subscriptions.add(CHAT, KILLED, DAILY)
    slot = datetime(2026, 11, 22, 7, tzinfo=UTC)
    cursors = {sub.id: (9, slot)}
    assert await storage.outbox.enqueue([row("d:1#1"), row("d:1#2")], now=1.0, cursors=cursors)
    assert await storage.outbox.enqueue([row("d:1#1")], now=2.0) == 0
    moved = await storage.subscriptions.get(sub.id)
    assert moved is not None
    assert moved.cursor == 9
    assert moved.last_slot == slot
    counts = await storage.outbox.counts()
    assert counts[OutboxState.QUEUED] == 2


async def test_one_row_per_chat_is_due_and_a_lease_is_exclusive(storage: Storage) -> None:
    await storage.outbox.enqueue(
        [row("a#1"), row("a#2"), row("b#1", "telegram:private:5")], now=10.0
    )
    due = await storage.outbox.due(["telegram"], now=10.0, limit=10)
    assert [r.dedupe_key for r in due] == ["a#1", "b#1"]
    assert await storage.outbox.due(["discord"], now=10.0, limit=10) == []
    first = due[0]
    assert await storage.outbox.lease([first.id], "w1", now=10.0, until=70.0) == [first.id]
    assert await storage.outbox.lease([first.id], "w2", now=11.0, until=71.0) == []
    # while a chat's first row is out, its next one waits
    assert [r.dedupe_key for r in await storage.outbox.due(["telegram"], 11.0, 10)] == ["b#1"]
    # a worker that died: the lease runs out and the row is due again
    again = await storage.outbox.due(["telegram"], 70.0, 10)
    assert [r.dedupe_key for r in again] == ["b#1", "a#1"]  # the longest waiting first
    assert again[1].attempts == 1
    assert again[1].state is OutboxState.SENDING
    await storage.outbox.sent([first.id], now=12.0)
    assert {r.dedupe_key for r in await storage.outbox.due(["telegram"], 70.0, 10)} == {
        "a#2",
        "b#1",
    }


async def test_retry_fail_retarget_prune(storage: Storage) -> None:
    await storage.outbox.enqueue([row("a#1"), row("a#2"), row("c#1", "telegram:private:9")], now=1)
    a1, c1 = await storage.outbox.due(["telegram"], 1.0, 10)
    await storage.outbox.retry(a1.id, due_at=30.0, error="Telegram asked to wait 29 s")
    assert [r.dedupe_key for r in await storage.outbox.due(["telegram"], 2.0, 10)] == ["c#1"]
    assert await storage.outbox.retarget(CHAT, "telegram:group:-200") == 2
    assert await storage.outbox.fail_target("telegram:group:-200", "kicked") == 2
    await storage.outbox.sent([c1.id], now=5.0)
    counts = await storage.outbox.counts()
    assert (counts[OutboxState.FAILED], counts[OutboxState.SENT]) == (2, 1)
    failed = await storage.outbox.rows(OutboxState.FAILED, 10)
    assert {r.error for r in failed} == {"kicked"}
    assert [r.dedupe_key for r in await storage.outbox.delivered("telegram:private:9")] == ["c#1"]
    assert await storage.outbox.prune(sent_before=4.0) == 2  # the failed rows, created at 1
    assert await storage.outbox.prune(sent_before=6.0) == 1
