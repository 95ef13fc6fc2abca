"""Property tests for the curation grammar: any fields with any values, typed to /edit, /add
and /reingest by a moderator, get a reply and never the apology for a bug; and a figure
written as the field table writes it reads back as the same figure."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.render.plain import render_plain
from claims.corrections import ADD_ONLY, FIELDS, parse_figure
from claims.figures import render_figure
from claims.vocab import Qualifier
from handlers.commands import build_router
from handlers.context import Context
from handlers.router import Router
from handlers.types import Incoming, UserRef
from storage import open_storage
from tests.claims.factory import make_claim
from tests.conftest import CONFLICT, PRIVATE

MODERATOR = UserRef("7", "Mod", is_moderator=True)
APOLOGY = "Sorry, something went wrong"
CLAIM = make_claim(low=5300, high=5300)

NAMES = [f.name for f in (*FIELDS, *ADD_ONLY)] + ["by", "as_of", "metrc", '"', "none"]
VALUES = st.sampled_from(
    ["killed", "russia", "north", "korea", "military", "~6,000", ">6,000", "≤1", "2,000-4,000",
     "4,000-2,000", "6,000,0", "1" * 30, "2022-09-21", "2022-13", "0000", "2022-02-30",
     "2022-01-01..2021-01-01", "..", "none", '"Sergei', 'Shoigu"', '""', "https://", "http://a",
     "nato", "counted", "²", "\u200b", "\ud800", "\x00"]
)  # fmt: skip
WORDS = st.one_of(st.sampled_from(NAMES), VALUES, st.text(max_size=8))


@dataclass
class Desk:
    runner: asyncio.Runner
    router: Router
    context: Context

    def say(self, command: str, args: list[str]) -> str:
        incoming = Incoming(PRIVATE, MODERATOR, command, tuple(args))
        reply = self.runner.run(self.router.dispatch(incoming, self.context))
        return render_plain(reply)


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Desk]:
    path: Path = tmp_path_factory.mktemp("curation") / "tally.db"
    runner = asyncio.Runner()
    storage = runner.run(open_storage(f"sqlite:///{path}"))
    runner.run(storage.claims.add([CLAIM]))
    router = build_router()
    context = Context(storage, CONFLICT, commands=tuple(router))
    try:
        yield Desk(runner, router, context)
    finally:
        runner.run(storage.close())
        runner.close()


@given(words=st.lists(WORDS, max_size=8))
def test_any_fields_typed_to_edit_get_a_reply(desk: Desk, words: list[str]) -> None:
    assert APOLOGY not in desk.say("edit", [CLAIM.short_id, *words])


@given(words=st.lists(WORDS, max_size=10))
def test_any_words_typed_to_add_get_a_reply(desk: Desk, words: list[str]) -> None:
    assert APOLOGY not in desk.say("add", ["~6,000", "killed", *words])


@given(words=st.lists(WORDS, max_size=4))
def test_any_words_typed_to_reingest_get_a_reply(desk: Desk, words: list[str]) -> None:
    assert APOLOGY not in desk.say("reingest", ["1", *words])


@given(
    low=st.integers(min_value=0, max_value=10**9),
    span=st.integers(min_value=0, max_value=10**9),
    qualifier=st.sampled_from(list(Qualifier)),
)
def test_a_figure_as_written_reads_back_as_the_same_figure(
    low: int, span: int, qualifier: Qualifier
) -> None:
    high = low + span if qualifier is Qualifier.RANGE else low
    bounds = {
        Qualifier.AT_LEAST: (low, None),
        Qualifier.AT_MOST: (None, low),
        Qualifier.RANGE: (low, high),
    }.get(qualifier, (low, low))
    written = render_figure(*bounds, qualifier)
    assert parse_figure(written) == (*bounds, qualifier)
