"""/claim, /history, /sources, /latest, /start and /help: push a command, read the reply."""

from __future__ import annotations

from handlers.types import Entry, Fields, Quote
from tests.conftest import Chat


async def _id_of(chat: Chat, claimant: str) -> str:
    reply = await chat.send("/estimates killed")
    return next(b.ref for b in reply.blocks if isinstance(b, Entry) and b.claimant == claimant)


async def test_claim_shows_the_quote_claimant_outlet_and_revisions(chat: Chat) -> None:
    ref = await _id_of(chat, "Ukraine")
    reply = await chat.send(f"/claim {ref}")
    fields = dict(next(b for b in reply.blocks if isinstance(b, Fields)).pairs)
    assert fields["Claimant"] == "Ukraine (ukraine, claimed)"
    assert fields["Caveat"] == "cannot be independently verified"
    assert fields["Id"].startswith(ref)
    quote = next(b for b in reply.blocks if isinstance(b, Quote))
    assert "more than 50,000 Russian troops" in quote.text
    revisions = [b for b in reply.blocks if isinstance(b, Entry)]
    assert [(r.figure, r.note) for r in revisions] == [(">50,000", "this claim"), (">5,300", "")]


async def test_claim_accepts_a_hash_mark_and_capitals(chat: Chat) -> None:
    ref = await _id_of(chat, "NATO intelligence")
    assert "NATO intelligence" in await chat.text(f"/claim #{ref.upper()}")


async def test_an_unknown_claim_id_is_explained(chat: Chat) -> None:
    reply = await chat.send("/claim 00000000")
    assert reply.error
    assert "No claim has the id '00000000'" in await chat.text("/claim 00000000")
    assert "8-character code" in await chat.text("/claim not-an-id")
    assert "8-character code" in await chat.text("/claim")


async def test_history_lists_every_figure_including_replaced_ones(chat: Chat) -> None:
    reply = await chat.send("/history killed ukraine")
    figures = [b.figure for b in reply.blocks if isinstance(b, Entry)]
    assert figures == [">50,000", ">5,300"]


async def test_history_leaves_out_other_wars_unless_asked(chat: Chat) -> None:
    default = await chat.text("/history killed")
    assert "USSR" not in default
    assert "15,000" in default
    everything = await chat.send("/history killed new york times all")
    assert {b.figure for b in everything.blocks if isinstance(b, Entry)} == {
        "400",
        "~2,500",
        "15,000",
    }


async def test_sources_counts_claims_per_outlet(chat: Chat) -> None:
    text = await chat.text("/sources")
    assert "The New York Times  9 claims, latest 2022-03-01" in text
    assert "The Globe and Mail  8 claims, latest 2022-10-03" in text


async def test_latest_takes_a_count(chat: Chat) -> None:
    reply = await chat.send("/latest 3")
    assert len([b for b in reply.blocks if isinstance(b, Entry)]) == 3
    assert (await chat.send("/latest 0")).error
    assert "from 1 to 50" in await chat.text("/latest lots")


async def test_start_says_what_tally_is_and_offers_a_first_question(chat: Chat) -> None:
    reply = await chat.send("/start")
    text = await chat.text("/start")
    assert "who claims it" in text
    assert "17 claims on record" in text
    assert reply.buttons[0].command == "/estimates killed"


async def test_help_lists_every_command_with_its_docstring(chat: Chat) -> None:
    text = await chat.text("/help")
    for name in ("start", "help", "estimates", "claim", "history", "sources", "latest"):
        assert f"/{name}" in text
    detail = await chat.text("/help estimates")
    assert "Usage: /estimates <metric>" in detail
    assert "did you mean /estimates?" in await chat.text("/help estimats")
