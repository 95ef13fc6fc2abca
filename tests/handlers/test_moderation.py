"""/ingest, /review, /approve, /reject, /side and /feeds, pushed as commands."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from bot.app import open_app
from bot.config import Settings
from bot.fetch import Fetcher, FetchPolicy
from bot.ingest import Ingestor
from bot.render.plain import render_plain
from claims.vocab import Metric, Status
from handlers.commands import build_router
from handlers.context import Context
from handlers.types import ChatKind, ChatRef, Incoming, UserRef
from storage import Storage
from tests.conftest import CONFLICT, Chat, ingesting_chat

SERIES = Path(__file__).resolve().parents[1] / "data" / "general_staff_sample.json"
MODERATOR = UserRef("7", "Mod", is_moderator=True)
READER = UserRef("8", "Reader")
TEXT = (
    "Ukraine said on Monday that 5,300 Russian soldiers had been killed. "
    "A senior NATO official said about 2,000 Russian troops had been wounded."
)


@pytest.fixture
async def desk(storage: Storage) -> AsyncIterator[Chat]:
    async with ingesting_chat(storage, date(2022, 3, 1)) as chat:
        yield chat


async def say(chat: Chat, text: str, user: UserRef = MODERATOR) -> str:
    return render_plain(await chat.send(text, user))


@pytest.mark.parametrize(
    "command", ["/ingest some text", "/review", "/approve abcdef12", "/feeds list", "/side abc"]
)
async def test_only_moderators_ingest_and_review(desk: Chat, command: str) -> None:
    reply = await desk.send(command, READER)
    assert reply.error
    assert "Only Tally's moderators" in render_plain(reply)


async def test_pasted_text_is_ingested_for_review_and_approved(desk: Chat) -> None:
    storage = desk.context.storage
    report = await say(desk, f"/ingest {TEXT}")
    assert "Claims found   2" in report
    assert "New            2 (waiting for review)" in report
    assert "nothing was added" in await say(desk, f"/ingest {TEXT}")
    assert "5,300" not in await say(desk, "/estimates killed")

    review = await desk.send("/review", MODERATOR)
    text = render_plain(review)
    assert "Waiting for review: 2" in text
    # the quote with the figure as written marked
    assert "Ukraine said on Monday that »5,300« Russian soldiers had been killed." in text
    approve = next(b for b in review.buttons if b.label.startswith("Approve"))
    published: list[bool] = []
    storage.claims.published.connect(lambda: published.append(True))
    approved = await say(desk, approve.command)
    assert "Published" in approved
    assert published == [True]
    assert "5,300" in await say(desk, "/estimates killed")

    [left] = await storage.claims.pending(5)
    assert "Rejected" in await say(desk, f"/reject {left.short_id}")
    assert "Nothing is waiting for review." in await say(desk, "/review")
    assert (await storage.claims.get([left.id]))[0].status is Status.REJECTED


async def test_the_claimant_side_is_corrected_before_approval(desk: Chat) -> None:
    await say(desk, f"/ingest {TEXT}")
    wounded = next(
        c for c in await desk.context.storage.claims.pending(5) if c.metric is Metric.WOUNDED
    )
    choices = await desk.send(f"/side {wounded.short_id}", MODERATOR)
    assert [b.label for b in choices.buttons][:3] == ["ukraine", "russia", "usa"]
    assert "side set to uk" in await say(desk, f"/side {wounded.short_id} uk")
    assert "did you mean" in await say(desk, f"/side {wounded.short_id} nat")
    [changed] = await desk.context.storage.claims.get([wounded.id])
    assert (changed.claimant_side, changed.status) == ("uk", Status.PENDING)


async def test_feeds_are_added_listed_and_removed(desk: Chat) -> None:
    assert "No feeds yet" in await say(desk, "/feeds list")
    assert "Added feed #1 (articles)" in await say(desk, "/feeds add https://example.org/rss")
    assert "Already polled as feed #1" in await say(desk, "/feeds add https://example.org/rss")
    assert "general-staff" in await say(
        desk, "/feeds add https://example.org/gs.json general-staff"
    )
    listing = await say(desk, "/feeds list")
    assert "#1  https://example.org/rss (articles) — not polled yet" in listing
    assert "not an http(s) address" in await say(desk, "/feeds add ftp://example.org/x")
    assert "Removed feed #1" in await say(desk, "/feeds remove 1")
    assert "There is no feed #1" in await say(desk, "/feeds remove 1")


async def test_moderators_come_from_the_configuration(tmp_path: Path) -> None:
    settings = Settings(
        database_url=f"sqlite:///{tmp_path / 'tally.db'}",
        seed_on_empty=False,
        moderators="telegram:123,console:*",
    )
    chat = ChatRef("telegram", "123", ChatKind.PRIVATE)
    async with open_app(settings) as app:
        allowed = await app.dispatch(Incoming(chat, UserRef("123"), "review"))
        refused = await app.dispatch(Incoming(chat, UserRef("456"), "review"))
        discord = await app.dispatch(
            Incoming(ChatRef("discord", "9", ChatKind.PRIVATE), UserRef("123"), "review")
        )
    assert not allowed.error
    assert refused.error
    assert discord.error


async def test_a_new_general_staff_day_shows_its_change_in_the_digest(storage: Storage) -> None:
    records = json.loads(SERIES.read_text())
    fetcher = Fetcher(FetchPolicy())
    ingestor = Ingestor(storage, fetcher)
    router = build_router()
    noon = datetime(2022, 5, 5, 12, tzinfo=UTC)
    chat = Chat(router, Context(storage, CONFLICT, commands=tuple(router), clock=lambda: noon))
    try:
        await ingestor.general_staff_json(json.dumps(records[:-1]))
        await say(chat, "/subscribe casualties daily 09:00")
        await ingestor.general_staff_json(json.dumps(records))
    finally:
        await fetcher.close()
    digest = await say(chat, "/digest")
    last, before = records[-1], records[-2]
    assert f"~{last['personnel']:,} General Staff of the Armed Forces of Ukraine" in digest
    assert f"up from ~{before['personnel']:,} on {before['date']}" in digest


def test_a_malformed_moderator_list_is_refused() -> None:
    with pytest.raises(ValueError, match="platform:user_id"):
        Settings(moderators="telegram")
