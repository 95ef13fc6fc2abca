"""Curation through the commands: review cards, /edit, /add, /retract, /restore, /reopen,
/claimants, /merge, /rename and /log, on both backends."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from datetime import date

import pytest

from bot.render.plain import render_plain
from claims.vocab import Metric, Qualifier, Status
from handlers.types import ChatKind, ChatRef, UserRef
from storage import Storage
from tests.claims.factory import make_claim
from tests.conftest import Chat, ingesting_chat

MODERATOR = UserRef("7", "Mod", is_moderator=True)
READER = UserRef("8", "Reader")
GROUP = ChatRef("console", "room", ChatKind.GROUP)
ADMIN = UserRef("9", "Admin", is_chat_admin=True)
TEXT = (
    "Ukraine said on Monday that 5,300 Russian soldiers had been killed. "
    "A senior NATO official said about 2,000 Russian troops had been wounded."
)


@pytest.fixture
async def desk(storage: Storage) -> AsyncIterator[Chat]:
    async with ingesting_chat(storage, date(2022, 3, 1)) as chat:
        yield chat


async def say(chat: Chat, text: str, user: UserRef = MODERATOR) -> str:
    reply = await chat.send(text, user)
    return render_plain(reply)


def flat(text: str) -> str:
    return " ".join(text.split())


async def _pending(desk: Chat) -> tuple[str, str]:
    """Ingest the two-figure text; the ids of the killed and the wounded claims."""
    await say(desk, f"/ingest {TEXT}")
    found = await desk.context.storage.claims.pending(5)
    killed = next(c for c in found if c.metric.value == "killed")
    wounded = next(c for c in found if c.metric.value == "wounded")
    return killed.short_id, wounded.short_id


async def test_a_review_card_shows_what_whose_when_who_and_the_figure_in_its_quote(
    desk: Chat,
) -> None:
    near = make_claim(low=5300, high=None, qualifier=Qualifier.AT_LEAST, as_of=date(2022, 3, 1))
    await desk.context.storage.claims.add([near])
    killed, _ = await _pending(desk)
    card = flat(await say(desk, "/review"))
    assert "Counts killed: Russia · military" in card
    assert "Claimant Ukraine (side: ukraine)" in card
    assert "Kind claimed" in card
    assert "as of 2022-02-28" in card
    assert "As written about 2,000" in card
    assert "A senior NATO official said »about 2,000« Russian troops had been wounded." in card
    assert f"[Edit {killed}: /edit {killed}]" in card
    # close to a figure already stored: same claimant, metric and party, within a week
    assert f"Possibly the same as #{near.short_id} (>5,300, as of 2022-03-01, published)" in card


async def test_every_field_is_edited_and_the_claim_keeps_its_id(desk: Chat) -> None:
    killed, _ = await _pending(desk)
    storage = desk.context.storage
    [before] = await storage.claims.find(killed)
    form = await say(desk, f"/edit {killed}")
    assert f"/edit {killed} metric killed party russia population military figure 5,300" in form
    edits = {
        "metric": ("wounded", "metric killed → wounded"),
        "party": ("north korea", "party russia → north_korea"),
        "population": ("civilian", "population military → civilian"),
        "figure": ("2,000-4,000", "figure 5,300 → 2,000–4,000"),
        "claimant": ('"General Staff of Ukraine"', "claimant Ukraine → General Staff of Ukraine"),
        "side": ("independent", "side ukraine → independent"),
        "kind": ("counted", "kind claimed → counted"),
        "as-of": ("2022-09", "as-of 2022-02-28 → 2022-09"),
        "period": ("2022-02-24..2022-09-30", "period none → 2022-02-24..2022-09-30"),
        "caveat": ('"cannot be verified"', "caveat none → cannot be verified"),
        "outlet": ("Kyiv Independent", "outlet pasted by Mod → Kyiv Independent"),
    }
    for field, (value, change) in edits.items():
        reply = await say(desk, f"/edit {killed} {field} {value}")
        assert f"Edited {killed}: {change}" in reply, reply
    [after] = await storage.claims.find(killed)
    assert after.id == before.id
    assert after.figure == "2,000–4,000"
    assert after.party.value == "north_korea"
    assert after.caveat == "cannot be verified"
    assert after.outlet == "Kyiv Independent"
    assert after.series != before.series
    # several at once, and the form again shows the values as they now are
    reply = await say(desk, f"/edit {killed} metric killed party russia figure ~6,000 as-of none")
    assert (
        "metric wounded → killed; party north_korea → russia; figure 2,000–4,000 → ~6,000" in reply
    )
    assert "Nothing to change" in await say(desk, f"/edit {killed} figure ~6,000")


@pytest.mark.parametrize(
    ("words", "answer"),
    [
        ("metrc killed", "unknown field 'metrc' — did you mean metric?"),
        ("metric kiled", "metric 'kiled' is not one I can read — did you mean killed?"),
        ("party rusia", "party 'rusia' is not one I can read — did you mean russia?"),
        ("figure 6k", "Write figure as: 6,000  ~6,000  >6,000  ≥6,000  ≤6,000  2,000-4,000"),
        ("as-of 21/09/2022", "Write as-of as: YYYY-MM-DD, YYYY-MM, YYYY or none"),
        ("period 2022-09-30..2022-02-24", "Write period as: YYYY-MM-DD..YYYY-MM-DD or none"),
        ("figure", "figure needs a value"),
    ],
)
async def test_unknown_fields_and_bad_values_get_the_accepted_form(
    desk: Chat, words: str, answer: str
) -> None:
    killed, _ = await _pending(desk)
    reply = await desk.send(f"/edit {killed} {words}", MODERATOR)
    assert reply.error
    assert answer in render_plain(reply)


async def test_a_corrected_figure_is_in_estimates_and_its_correction_in_claim(
    desk: Chat,
) -> None:
    killed, _ = await _pending(desk)
    await say(desk, f"/approve {killed}")
    assert "5,300" in await say(desk, "/estimates killed")
    reply = await say(desk, f"/edit {killed} figure ~6,000")
    assert f"Corrected {killed}: figure 5,300 → ~6,000" in reply
    estimates = await say(desk, "/estimates killed")
    assert "~6,000" in estimates
    assert "5,300" not in estimates
    shown = await say(desk, f"/claim {killed}")
    assert "Corrected" in shown
    assert "figure 5,300 → ~6,000" in shown
    # /side on a published claim is a correction too, never a silent change
    assert f"Corrected {killed}: side ukraine → independent" in await say(
        desk, f"/side {killed} independent"
    )


async def test_retract_withdraws_a_published_claim_and_restore_brings_it_back(
    desk: Chat,
) -> None:
    killed, _ = await _pending(desk)
    await say(desk, f"/approve {killed}")
    assert "already published; /retract" in await say(desk, f"/reject {killed}")
    reply = await say(desk, f"/retract {killed} the General Staff withdrew it")
    assert f"Withdrawn: {killed} (the General Staff withdrew it)." in reply
    assert "5,300" not in await say(desk, "/estimates killed")
    history = await say(desk, "/history killed ukraine")
    assert "5,300" in history
    assert "withdrawn: the General Staff withdrew it" in history
    shown = await say(desk, f"/claim {killed}")
    assert "withdrawn" in shown
    assert "the General Staff withdrew it" in shown
    assert "is withdrawn, not published" in await say(desk, f"/retract {killed} again")
    assert f"{killed} is published again." in await say(desk, f"/restore {killed}")
    assert "5,300" in await say(desk, "/estimates killed")


async def test_reopen_puts_a_rejected_claim_back_in_the_queue(desk: Chat) -> None:
    killed, _ = await _pending(desk)
    await say(desk, f"/reject {killed}")
    assert "already rejected; /reopen" in await say(desk, f"/approve {killed}")
    assert f"{killed} is pending again." in await say(desk, f"/reopen {killed}")
    assert killed in await say(desk, "/review")
    assert "takes a rejected claim" in await say(desk, f"/reopen {killed}")


async def test_a_figure_added_by_hand_is_published_and_marked_as_entered(desk: Chat) -> None:
    reply = await say(
        desk,
        '/add ~6,000 killed russia military by "Sergei Shoigu, Russian Defence Minister" '
        "side russia as-of 2022-09-21 source https://example.org/article "
        'quote "Russia has lost 5,937 soldiers"',
    )
    assert "Added and published" in reply
    [added] = await desk.context.storage.claims.history(
        (await desk.context.storage.claims.latest(1))[0].metric, words=["shoigu"], limit=5
    )
    assert added.figure == "~6,000"
    assert added.kind.value == "claimed"
    assert added.url == "https://example.org/article"
    assert added.outlet == "example.org"
    assert added.quote == "Russia has lost 5,937 soldiers"
    shown = flat(await say(desk, f"/claim {added.short_id}"))
    assert "Entered by hand" in shown
    assert "by test:7" in shown
    assert "already holds that claim" in await say(
        desk,
        '/add ~6,000 killed russia military by "Sergei Shoigu, Russian Defence Minister" '
        "side russia as-of 2022-09-21",
    )
    assert "Whose people?" in await say(desk, '/add 10 killed by "Someone"')
    # a field typed after the head wins over it, never a second value for one field
    again = await say(
        desk, '/add 10 killed russia by "Someone" figure 12 metric wounded kind counted'
    )
    assert "Added and published" in again
    [typed] = await desk.context.storage.claims.history(Metric.WOUNDED, words=["someone"])
    assert typed.figure == "12"
    assert typed.kind.value == "counted"
    assert "unknown party 'narnia'" in await say(desk, '/add 10 killed narnia by "Someone"')


async def test_merging_two_claimants_makes_one_series_with_replaced(desk: Chat) -> None:
    await say(desk, '/add 100 killed russia military by "Kyiv City Administration" '
                    "side ukraine as-of 2022-05-01")  # fmt: skip
    await say(desk, '/add 150 killed russia military by "Kyiv Military Administration" '
                    "side ukraine as-of 2022-06-01")  # fmt: skip
    listing = await say(desk, "/claimants kyiv")
    assert "Kyiv City Administration (ukraine) — 1 claim" in listing
    keys = [line.split()[0] for line in listing.splitlines()[1:]]
    assert len(keys) == 2
    reply = await say(desk, "/merge Kyiv City Administration into Kyiv Military Administration")
    assert "1 claim joined its series" in reply
    history = await say(desk, "/estimates killed")
    assert "150" in history
    assert "replaced 100 (as of 2022-05-01)" in history
    assert len((await say(desk, "/claimants kyiv")).splitlines()) == 2
    # a figure entered later under the merged name joins the same series
    await say(desk, '/add 170 killed russia military by "Kyiv City Administration" '
                    "side ukraine as-of 2022-07-01")  # fmt: skip
    assert "replaced 150 (as of 2022-06-01)" in await say(desk, "/estimates killed")
    [row] = await desk.context.storage.curation.claimants(["kyiv"])
    renamed = await say(desk, f"/rename {row.key} Kyiv administration")
    assert "is now shown as 'Kyiv administration' on 3 claims" in renamed
    assert "No claimant is 'nobody'" in await say(desk, "/merge nobody into kyiv")


async def test_the_log_shows_every_step_with_before_and_after(desk: Chat) -> None:
    killed, wounded = await _pending(desk)
    await say(desk, f"/edit {killed} figure ~6,000")
    await say(desk, f"/side {wounded} uk")
    await say(desk, f"/approve {killed}")
    await say(desk, f"/reject {wounded}")
    await say(desk, f"/retract {killed} denied")
    await say(desk, f"/restore {killed}")
    await say(desk, f"/reopen {wounded}")
    await say(desk, "/feeds add https://example.org/rss")
    log = flat(await say(desk, "/log 20"))
    for line in (
        "test:7 ingest document",
        f"test:7 edit {killed}: figure 5,300 → ~6,000",
        f"test:7 side {wounded}: side nato → uk",
        f"test:7 approve {killed}: status pending → published",
        f"test:7 reject {wounded}: status pending → rejected",
        f"test:7 retract {killed}: status published → withdrawn, reason denied",
        f"test:7 restore {killed}: status withdrawn → published",
        f"test:7 reopen {wounded}: status rejected → pending",
        "test:7 feed add: feed 1, url https://example.org/rss, kind articles",
    ):
        assert line in log, (line, log)
    one = await say(desk, f"/log {killed}")
    assert f"Record of claim {killed}" in one
    assert wounded not in one
    entries = await desk.context.storage.audit.entries(claim_id=None, limit=50)
    assert json.dumps(entries[0].as_json())


async def test_a_correction_and_a_withdrawal_reach_the_next_digest(desk: Chat) -> None:
    killed, _ = await _pending(desk)
    await say(desk, f"/approve {killed}")
    await desk.send("/subscribe killed daily 09:00", ADMIN, GROUP)
    nothing = render_plain(await desk.send("/digest", ADMIN, GROUP))
    assert "nothing new since the last digest" in nothing
    await say(desk, f"/edit {killed} figure ~6,000")
    digest = render_plain(await desk.send("/digest", ADMIN, GROUP))
    assert "~6,000" in digest
    assert "corrected" in digest
    assert "figure 5,300 → ~6,000" in digest
    await say(desk, f"/retract {killed} denied")
    digest = render_plain(await desk.send("/digest", ADMIN, GROUP))
    assert "withdrawn by the moderators" in digest


@pytest.mark.parametrize(
    "command",
    [
        "/edit abcdef12 figure 1",
        "/add 1 killed russia by X",
        "/retract abcdef12 wrong",
        "/restore abcdef12",
        "/reopen abcdef12",
        "/claimants",
        "/merge a into b",
        "/rename a b",
        "/log",
        "/reingest 1 date 2024-02-19",
    ],
)
async def test_only_moderators_curate(desk: Chat, command: str) -> None:
    reply = await desk.send(command, READER)
    assert reply.error
    assert "Only Tally's moderators" in render_plain(reply)
    assert await desk.context.storage.audit.entries() == []


async def test_a_pending_claim_edited_stays_pending(desk: Chat) -> None:
    killed, _ = await _pending(desk)
    await say(desk, f"/edit {killed} figure 5,400")
    [claim] = await desk.context.storage.claims.find(killed)
    assert claim.status is Status.PENDING
    assert "5,400" not in await say(desk, "/estimates killed")


async def test_reingest_with_the_right_date_keeps_every_decision(desk: Chat) -> None:
    killed, wounded = await _pending(desk)
    await say(desk, f"/edit {killed} side independent")
    await say(desk, f"/approve {killed}")
    await say(desk, f"/reject {wounded}")
    reply = flat(await say(desk, "/reingest 1 date 2022-06-07 outlet Kyiv Independent"))
    assert "Kept 2 (decisions kept: 1 published, 1 rejected)" in reply
    assert "New 0" in reply
    storage = desk.context.storage
    [first] = await storage.claims.find(killed)
    [second] = await storage.claims.find(wounded)
    assert (first.status, second.status) == (Status.PUBLISHED, Status.REJECTED)
    assert first.claimant_side.value == "independent"  # the moderator's edit stays
    assert first.as_of == date(2022, 6, 6)  # "on Monday" before 2022-06-07
    assert first.outlet == "Kyiv Independent"
    assert "as-of 2022-02-28 → 2022-06-06" in flat(await say(desk, f"/claim {killed}"))
    assert "reingest document #1" in flat(await say(desk, "/log 3"))
    assert "is not a date" in await say(desk, "/reingest 1 date 07/06/2022")
    assert "There is no document #9" in await say(desk, "/reingest 9")


async def test_pasted_header_lines_give_the_outlet_and_date(desk: Chat) -> None:
    report = flat(await say(desk, f'/ingest outlet: "Kyiv Independent" date: 2022-06-07 {TEXT}'))
    assert "Outlet Kyiv Independent" in report
    assert "Published 2022-06-07" in report
    card = flat(await say(desk, "/review"))
    assert "as of 2022-06-06" in card
    assert "as of 2022-06-07" in card
    assert "is not a date" in await say(desk, f"/ingest date: 19/02/2024 {TEXT}")
