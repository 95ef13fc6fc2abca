"""Strange numbers, broken addresses and unencodable text get one line saying what was wrong.

Each of these once reached ``int()``, ``urlsplit`` or an encoder unchecked and was answered
with the apology for an internal error.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date

import pytest

from bot.render.plain import render_plain
from handlers.types import Incoming, UserRef
from storage import Storage
from tests.conftest import PRIVATE, Chat, ingesting_chat

OWNER = UserRef("7", "Mod", is_chat_admin=True, is_moderator=True)
APOLOGY = "Sorry, something went wrong"
HUGE = "99999999999999999999"  # past 2^63
ENDLESS = "9" * 4301  # past the 4,300 digits int() converts


@pytest.fixture
async def desk(seeded: Storage) -> AsyncIterator[Chat]:
    async with ingesting_chat(seeded, date(2022, 3, 1)) as chat:
        yield chat


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        ("/latest ²", "'²' is not a number — give digits 0-9, from 1 to 50, e.g. /latest 5"),
        ("/latest ٣", "'٣' is not a number — give digits 0-9"),
        ("/review ①", "'①' is not a number — give digits 0-9"),
        ("/unsubscribe ²", "'²' is not a subscription number — give digits 0-9"),
        ("/resume ²", "'²' is not a subscription number — give digits 0-9, e.g. /resume 3"),
        ("/estimates killed page ²", "'²' is not a number — give digits 0-9"),
        ("/history killed page ²", "'²' is not a number — give digits 0-9"),
        ("/feeds remove ²", "'²' is not a feed number — give digits 0-9"),
        (f"/review {HUGE}", f"page must be a whole number from 1 to 100000, not '{HUGE}'"),
        (f"/latest {HUGE}", f"n must be a whole number from 1 to 50, not '{HUGE}'"),
        (f"/feeds remove {HUGE}", f"there is no feed number {HUGE}, e.g. /feeds remove 3"),
        (f"/feeds remove #{HUGE}", f"there is no feed number {HUGE}"),
        (f"/unsubscribe {HUGE}", f"there is no subscription number {HUGE}"),
        (f"/estimates killed page {HUGE}", "page must be a whole number from 1 to 1000"),
        (f"/feeds remove {ENDLESS}", "there is no feed number 999"),
        (f"/review {ENDLESS}", "page must be a whole number from 1 to 100000"),
        ("/ingest http://[::1", "its brackets do not hold an IPv6 address"),
        ("/ingest http://[example.org]/news", "its brackets do not hold an IPv6 address"),
        ("/feeds add http://127.0.0.1:99999/rss", "its port is not a number from 1 to 65535"),
        ("/feeds add http://127.0.0.1:0/rss", "its port is not a number from 1 to 65535"),
        ("/feeds add http://example.org:８０/rss", "its port is not a number from 1 to 65535"),
        ("/feeds add http://[::1]x/rss", "it has no valid host name"),
        ("/feeds add ftp://example.org/rss", "it does not start with http:// or https://"),
    ],
)
async def test_a_strange_number_or_address_gets_one_line_saying_what_would_work(
    desk: Chat, command: str, expected: str
) -> None:
    reply = await desk.send(command, OWNER)
    text = render_plain(reply)
    assert reply.error
    assert APOLOGY not in text
    assert expected in text
    assert "\n" not in text
    assert len(text) < 300  # the 4,301 digits are not echoed whole


async def test_numbers_in_plain_digits_still_work(desk: Chat) -> None:
    assert not (await desk.send("/latest 0003", OWNER)).error
    assert not (await desk.send("/review 1", OWNER)).error
    assert "There is no feed #7" in render_plain(await desk.send("/feeds remove #7", OWNER))
    added = render_plain(await desk.send("/feeds add http://[2001:db8::1]:8080/rss", OWNER))
    assert "Added feed #1" in added


async def test_a_lone_surrogate_in_pasted_text_is_dropped_on_the_way_in(desk: Chat) -> None:
    # an adapter's words reach the router as they came, surrogates and all
    words = ("Ukraine", "said", "5,300", "Russian", "\ud800soldiers", "had", "been", "killed.")
    reply = await desk.router.dispatch(Incoming(PRIVATE, OWNER, "ingest", words), desk.context)
    text = render_plain(reply)
    assert not reply.error, text
    assert "Claims found   1" in text
    [claim] = await desk.context.storage.claims.pending(5)
    assert "\ud800" not in claim.quote
    assert claim.quote == "Ukraine said 5,300 Russian soldiers had been killed."
