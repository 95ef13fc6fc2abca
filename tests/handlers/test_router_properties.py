"""Property tests: any text typed to Tally gets a reply, and never the apology for a bug.

The text reaches the real router over a real SQLite file holding the seed claims, as a
moderator and chat admin, so commands that write (ingest, feeds, subscriptions) run too. The
examples are fixed and bounded by the Hypothesis profile in ``tests/conftest.py``.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.fetch import Fetcher, FetchPolicy
from bot.ingest import Ingestor
from bot.render.discord import render_discord
from bot.render.plain import render_plain
from bot.render.telegram import render_telegram
from claims.vocab import Metric
from handlers.commands import build_router
from handlers.context import Context
from handlers.parse import parse_command
from handlers.router import Router
from handlers.types import Incoming, Reply, UserRef
from storage import open_storage
from storage.seed import load_seed
from tests.conftest import CONFLICT, PRIVATE

OWNER = UserRef("7", "Mod", is_chat_admin=True, is_moderator=True)
APOLOGY = "Sorry, something went wrong"
COMMANDS = sorted(c.name for c in build_router())

ANY = st.characters(codec=None, categories=None)  # surrogates and controls included
NUMBERS = st.integers(min_value=-5, max_value=10**30).map(str)
STRANGE = st.sampled_from(
    ["²", "①", "٣", "０", "1e3", "0x10", "#3", "9" * 4301, "-1", "1_000", "\ud800", "\x00"]
)
URLS = st.builds(
    "{}://{}{}{}".format,
    st.sampled_from(["http", "https", "ftp", "HTTP", ""]),
    st.sampled_from(["127.0.0.1", "[::1", "[::1]", "[example.org]", "localhost", "", "a]b"]),
    st.sampled_from(["", ":0", ":99999", ":80", ":²", ":"]),
    st.sampled_from(["", "/", "/rss", "/a b"]),
)
VOCABULARY = st.sampled_from(
    [*COMMANDS, *(m.value for m in Metric), "russia", "all", "page", "since", "2022-06-01",
     "daily", "instant", "09:00", "Europe/Kyiv", "add", "remove", "list", "general-staff"]
)  # fmt: skip
WORDS = st.one_of(st.text(ANY, max_size=12), NUMBERS, STRANGE, URLS, VOCABULARY)


@dataclass
class Desk:
    """Push a command, look at the reply: one event loop and one database for all examples."""

    runner: asyncio.Runner
    router: Router
    context: Context

    def send(self, text: str) -> Reply:
        parsed = parse_command(text)
        command, args = parsed if parsed else ("", tuple(text.split()))
        incoming = Incoming(PRIVATE, OWNER, command, args)
        return self.runner.run(self.router.dispatch(incoming, self.context))


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Desk]:
    path: Path = tmp_path_factory.mktemp("properties") / "tally.db"
    runner = asyncio.Runner()
    storage = runner.run(open_storage(f"sqlite:///{path}"))
    runner.run(load_seed(storage))
    fetcher = Fetcher(FetchPolicy(timeout=1.0))
    ingestor = Ingestor(storage, fetcher, today=lambda: date(2022, 3, 1))
    router = build_router()
    context = Context(storage, CONFLICT, commands=tuple(router), ingestion=ingestor)
    try:
        yield Desk(runner, router, context)
    finally:
        runner.run(fetcher.close())
        runner.run(storage.close())
        runner.close()


def _answered(reply: Reply) -> None:
    text = render_plain(reply)
    assert APOLOGY not in text, text
    text.encode("utf-8")  # nothing unencodable is echoed back
    render_telegram(reply)
    render_discord(reply)


@given(st.text(ANY, max_size=80))
def test_any_text_gets_a_reply_and_never_the_apology(desk: Desk, text: str) -> None:
    _answered(desk.send(text))


@pytest.mark.parametrize("name", COMMANDS)
@given(words=st.lists(WORDS, max_size=5))
def test_any_command_with_any_words_gets_a_reply_and_never_the_apology(
    desk: Desk, name: str, words: list[str]
) -> None:
    _answered(desk.send(" ".join([f"/{name}", *words])))
