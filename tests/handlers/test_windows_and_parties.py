"""Windows, context, open parties and one claimant per series, seen through the commands."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date

import pytest

from claims.model import Claim
from claims.vocab import ClaimantSide, Party, Population, Status
from handlers.digest import change_reply
from handlers.types import Entry, Heading, Reply, Text, UserRef
from storage import Storage
from tests.claims.factory import make_claim
from tests.conftest import CONFLICT, Chat, ingesting_chat

MODERATOR = UserRef("7", "Mod", is_moderator=True)
NOVEMBER = "2022-11-01 – 2022-11-30"


def _window(**kw: object) -> Claim:
    values: dict[str, object] = {
        "claimant": "Ukraine's General Staff",
        "low": 90_000,
        "high": 90_000,
        "as_of": None,
        "period_start": date(2022, 11, 1),
        "period_end": date(2022, 11, 30),
        "published": date(2022, 12, 2),
    }
    values.update(kw)
    return make_claim(**values)


def _entries(reply: Reply) -> list[Entry]:
    return [b for b in reply.blocks if isinstance(b, Entry)]


def _texts(reply: Reply) -> list[str]:
    return [b.text for b in reply.blocks if isinstance(b, Text)]


def _headings(reply: Reply) -> list[str]:
    return [b.text for b in reply.blocks if isinstance(b, Heading)]


@pytest.fixture
async def with_window(chat: Chat) -> tuple[Chat, Claim]:
    window = _window()
    total = make_claim(
        claimant="the General Staff of the Armed Forces of Ukraine",
        low=20_000,
        high=20_000,
        as_of=date(2022, 12, 1),
    )
    await chat.context.storage.claims.add([window, total])
    return chat, window


async def test_a_window_figure_is_its_own_row_with_its_window_and_out_of_the_spread(
    with_window: tuple[Chat, Claim],
) -> None:
    chat, _ = with_window
    reply = await chat.send("/estimates killed")
    staff = [e for e in _entries(reply) if "General Staff" in e.claimant]
    assert {(e.figure, e.when) for e in staff} == {
        ("90,000", NOVEMBER),
        ("20,000", "as of 2022-12-01"),
    }
    [spread] = [t for t in _texts(reply) if t.startswith("Spread") and "50,000" in t]
    assert "90,000" not in spread
    assert spread.endswith("(Ukraine)")


async def test_every_reply_that_shows_a_window_figure_shows_its_window(
    with_window: tuple[Chat, Claim],
) -> None:
    chat, window = with_window
    assert f"Holds for  {NOVEMBER}" in await chat.text(f"/claim {window.short_id}")
    history = [
        e for e in _entries(await chat.send("/history killed staff")) if e.ref == window.short_id
    ]
    assert [e.when for e in history] == [NOVEMBER]
    latest = [e for e in _entries(await chat.send("/latest 3")) if e.ref == window.short_id]
    assert [e.when for e in latest] == [NOVEMBER]


async def test_a_historical_figure_is_context_shown_only_on_request(chat: Chat) -> None:
    default = _headings(await chat.send("/estimates killed"))
    assert "USSR · military" not in default
    everything = await chat.send("/estimates killed all")
    assert "USSR · military" in _headings(everything)
    assert "1979–1989" in {e.when for e in _entries(everything)}
    assert "2014-02-20 – 2014-03-18" in {e.when for e in _entries(everything)}
    assert "2014-02-20 – 2014-03-18" not in {
        e.when for e in _entries(await chat.send("/estimates killed"))
    }


@pytest.mark.parametrize(
    "command",
    [
        "/estimates killed north korea all",
        "/estimates killed dprk all",
        "/estimates killed North Korean all",
    ],
)
async def test_any_registered_party_by_any_of_its_names(chat: Chat, command: str) -> None:
    await chat.context.storage.claims.add(
        [
            make_claim(
                party=Party.NORTH_KOREA,
                claimant="South Korea's National Intelligence Service",
                claimant_side=ClaimantSide.OTHER,
                low=300,
                high=300,
                as_of=date(2025, 1, 13),
            )
        ]
    )
    reply = await chat.send(command)
    # North Korea is no party to the tracked war (CONFLICT_PARTIES): its losses are context
    assert _headings(reply)[1:] == [
        "Context: other wars and earlier periods",
        "North Korea · military",
    ]
    assert [e.figure for e in _entries(reply)] == ["300"]
    assert "North Korea" in _headings(reply)[0]


async def test_a_party_named_with_other_words_keeps_the_rest_of_the_query(chat: Chat) -> None:
    await chat.context.storage.claims.add(
        [make_claim(party=Party.LEBANON, population=Population.CIVILIAN, claimant="Lebanon")]
    )
    reply = await chat.send("/estimates killed hezbollah civilian all")
    assert _headings(reply)[2:] == ["Lebanon · civilian"]


async def test_a_subscription_takes_a_party_by_its_armed_group(chat: Chat) -> None:
    text = await chat.text("/subscribe killed hezbollah daily 09:00")
    assert "lebanon" in text
    listing = await chat.text("/subscriptions")
    assert "killed · lebanon losses" in listing
    by_side = await chat.text("/subscribe killed by polish")
    assert "claimed by eu_state" in by_side
    typo = await chat.text("/subscribe killed north kora daily")
    assert typo == "unknown party 'north kora' — did you mean north_korea?"


@pytest.fixture
async def desk(seeded: Storage) -> AsyncIterator[Chat]:
    async with ingesting_chat(seeded, date(2023, 1, 10)) as chat:
        yield chat


async def test_an_ingested_figure_from_the_same_claimant_replaces_the_seeds(desk: Chat) -> None:
    text = "Shoigu said on Wednesday that 9,000 Russian soldiers had been killed."
    await desk.send(f"/ingest {text}", MODERATOR)
    [pending] = await desk.context.storage.claims.pending(5)
    assert pending.claimant == "Shoigu"
    assert pending.claimant_key == "sergei-shoigu"
    await desk.send(f"/approve {pending.short_id}", MODERATOR)
    russia = _entries(await desk.send("/estimates killed russia"))
    shoigu = [e for e in russia if "Shoigu" in e.claimant]
    assert [(e.figure, e.claimant) for e in shoigu] == [("9,000", "Shoigu")]
    assert shoigu[0].note == "replaced ~6,000 (reported 2022-10-03)"


async def test_a_pending_window_figure_shows_its_window_for_review(desk: Chat) -> None:
    await desk.context.storage.claims.add([_window(status=Status.PENDING)])
    review = _entries(await desk.send("/review", MODERATOR))
    assert [e.when for e in review] == [NOVEMBER]


async def test_an_alert_shows_a_window_figure_with_its_window_and_no_spread_from_it(
    with_window: tuple[Chat, Claim],
) -> None:
    chat, window = with_window
    reply = await change_reply(chat.context.storage, CONFLICT, [window], heading="New figures")
    assert reply is not None
    [row] = _entries(reply)
    assert (row.figure, row.when, row.note) == ("90,000", NOVEMBER, "new")
    assert not any("90,000" in t for t in _texts(reply) if t.startswith("Spread"))
