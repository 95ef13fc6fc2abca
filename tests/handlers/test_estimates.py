"""/estimates on the seed claims: what a reader of the two seed articles should see."""

from __future__ import annotations

from claims.vocab import Party, Population
from handlers.types import Entry, Heading, Reply, Text
from tests.claims.factory import make_claim
from tests.conftest import Chat


def _groups(reply: Reply) -> dict[str, list[Entry]]:
    groups: dict[str, list[Entry]] = {}
    current: list[Entry] = []
    for block in reply.blocks[1:]:
        if isinstance(block, Heading):
            current = groups.setdefault(block.text, [])
        elif isinstance(block, Entry):
            current.append(block)
    return groups


async def test_killed_shows_every_claimants_latest_figure_by_whose_losses(chat: Chat) -> None:
    reply = await chat.send("/estimates killed")
    groups = _groups(reply)
    assert list(groups) == ["Russia · military", "Ukraine · military"]
    russia = {(e.figure, e.claimant) for e in groups["Russia · military"]}
    assert russia == {
        (">50,000", "Ukraine"),
        ("~6,000", "Sergei Shoigu, Russian Defence Minister"),
        ("15,000", "NATO intelligence"),
        ("~30,000", "a senior NATO official"),
        ("~4,000", "Adm. James G. Stavridis (ret.), former NATO Supreme Allied Commander"),
        ("~1,500", "senior Pentagon officials"),
    }
    assert [(e.figure, e.claimant) for e in groups["Ukraine · military"]] == [
        ("~1,500", "senior Pentagon officials")
    ]


async def test_a_revised_figure_shows_what_it_replaced_not_a_row_of_its_own(chat: Chat) -> None:
    russia = _groups(await chat.send("/estimates killed"))["Russia · military"]
    [ukraine] = [e for e in russia if e.claimant == "Ukraine"]
    assert ukraine.note == "replaced >5,300 (as of 2022-03-01)"
    assert not any(e.figure == ">5,300" for e in russia)


async def test_each_row_has_side_kind_date_outlet_and_id_newest_first(chat: Chat) -> None:
    russia = _groups(await chat.send("/estimates killed"))["Russia · military"]
    nato = next(e for e in russia if e.claimant == "NATO intelligence")
    assert nato.tags == ("nato", "estimated")
    assert nato.when == "2022-02-24 – 2022-05-24"
    assert nato.source == "The Globe and Mail"
    assert len(nato.ref) == 8
    pentagon = next(e for e in russia if e.claimant == "senior Pentagon officials")
    assert pentagon.when == "2022-02-24 – 2022-02-28"
    assert russia[-1] is pentagon
    stavridis = next(e for e in russia if e.claimant.startswith("Adm. James"))
    assert stavridis.when == "as of 2022-03-01"
    assert russia.index(stavridis) == len(russia) - 2


async def test_each_group_ends_with_its_spread(chat: Chat) -> None:
    text = await chat.text("/estimates killed")
    assert (
        "Spread: ~1,500 (senior Pentagon officials, 2022-02-24 – 2022-02-28) "
        "to >50,000 (Ukraine)" in text
    )


async def test_unspecified_losses_are_casualties_not_deaths(chat: Chat) -> None:
    killed = await chat.text("/estimates killed")
    assert "American official" not in killed
    casualties = _groups(await chat.send("/estimates casualties"))
    figures = {(e.figure, e.claimant) for e in casualties["Russia · military"]}
    assert ("2,000", "an American official") in figures


async def test_other_wars_appear_only_when_asked_for_with_all(chat: Chat) -> None:
    default = await chat.text("/estimates killed")
    assert "USSR" not in default
    assert "400" not in default
    assert "4 figures from other wars or earlier periods are left out" in default
    everything = await chat.send("/estimates killed all")
    groups = _groups(everything)
    assert "USSR · military" in groups
    assert {e.figure for e in groups["USSR · military"]} == {"15,000"}
    assert any(e.figure == "400" for e in groups["Russia · military"])


async def test_a_party_and_a_date_narrow_the_answer(chat: Chat) -> None:
    ukraine = _groups(await chat.send("/estimates killed ukrainian"))
    assert list(ukraine) == ["Ukraine · military"]
    recent = _groups(await chat.send("/estimates killed since 2022-09-01"))
    assert {e.claimant for e in recent["Russia · military"]} == {
        "Ukraine",
        "a senior NATO official",
        "Sergei Shoigu, Russian Defence Minister",
    }


async def test_metric_aliases_are_understood(chat: Chat) -> None:
    assert await chat.text("/estimates dead") == await chat.text("/estimates killed")
    assert "Georgian government" in await chat.text("/estimates refugees")


async def test_long_answers_page_with_a_more_button(chat: Chat) -> None:
    chat.context.page_size = 2
    first = await chat.send("/estimates killed")
    assert len(_groups(first)["Russia · military"]) == 2
    assert [b.command for b in first.buttons] == ["/estimates killed page 2"]
    assert any(isinstance(b, Text) and "4 more in this group" in b.text for b in first.blocks)
    last = await chat.send("/estimates killed page 3")
    assert len(_groups(last)["Russia · military"]) == 2
    assert last.buttons == ()


async def test_a_metric_with_no_figures_says_so(chat: Chat) -> None:
    text = await chat.text("/estimates missing")
    assert "No figures for missing match that yet." in text


async def test_an_empty_database_answers_politely(empty_chat: Chat) -> None:
    assert "No figures" in await empty_chat.text("/estimates killed")


async def test_many_groups_share_one_page_so_the_message_stays_short(empty_chat: Chat) -> None:
    claims = [
        make_claim(party=party, population=population, claimant=f"Claimant {n}", low=n, high=n)
        for party in (Party.RUSSIA, Party.UKRAINE)
        for population in Population
        for n in range(1, 6)
    ]
    await empty_chat.context.storage.claims.add(claims)
    reply = await empty_chat.send("/estimates killed")
    groups = _groups(reply)
    assert len(groups) == 6
    # 24 rows a page at most: six groups get four rows each, and say what follows
    assert {len(rows) for rows in groups.values()} == {4}
    assert sum(isinstance(b, Text) and "1 more in this group" in b.text for b in reply.blocks) == 6
    assert [b.command for b in reply.buttons] == ["/estimates killed page 2"]
    second = _groups(await empty_chat.send("/estimates killed page 2"))
    assert {len(rows) for rows in second.values()} == {1}
