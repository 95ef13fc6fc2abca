"""Typed options as command words, and suggestions while an argument is typed."""

from __future__ import annotations

import pytest

from handlers.commands import build_router
from handlers.context import Context
from handlers.parse import rank
from handlers.router import Form, Param
from tests.conftest import Chat

ROUTER = build_router()


@pytest.fixture
def ctx(chat: Chat) -> Context:
    return chat.context


def test_each_form_of_argument_is_written_as_the_handler_reads_it() -> None:
    assert Param("metric", "m").words("killed") == ["killed"]
    assert Param("claimant", "c", form=Form.WORDS).words("senior NATO") == ["senior", "NATO"]
    assert Param("since", "s", form=Form.KEYWORD).words("2022-06-01") == ["since", "2022-06-01"]
    assert Param("all", "a", form=Form.FLAG).words(True) == ["all"]
    assert Param("all", "a", form=Form.FLAG).words(False) == []
    assert Param("n", "n", form=Form.NUMBER).words(7) == ["7"]
    assert Param("party", "p").words(None) == []


def test_a_commands_options_become_words_in_declared_order() -> None:
    estimates = ROUTER.get("estimates")
    assert estimates is not None
    options = {"all": True, "since": "2023-01-01", "metric": "wounded", "party": "ukraine"}
    assert estimates.words(options) == ("wounded", "ukraine", "since", "2023-01-01", "all")
    assert estimates.usage.endswith("[since <since>] [all]")


def test_rank_puts_prefixes_before_substrings_before_lookalikes() -> None:
    assert rank("mi", ["killed", "missing", "military"]) == ["missing", "military"]
    assert rank("ill", ["killed", "missing"]) == ["killed"]
    assert rank("wonded", ["killed", "wounded"]) == ["wounded"]
    assert rank("", ["a", "b"]) == ["a", "b"]


async def test_metrics_are_suggested_from_their_names_and_their_other_words(
    ctx: Context,
) -> None:
    assert (await ROUTER.complete("estimates", "metric", "wou", ctx))[0] == "wounded"
    assert await ROUTER.complete("estimates", "metric", "fatal", ctx) == ["killed"]
    assert len(await ROUTER.complete("estimates", "metric", "", ctx)) == 9


async def test_claimants_are_suggested_from_the_store(ctx: Context) -> None:
    found = await ROUTER.complete("history", "claimant", "shoigu", ctx)
    assert found
    assert all("shoigu" in name.lower() for name in found)
    assert await ROUTER.complete("history", "claimant", "nobody-by-this-name", ctx) == []


async def test_commands_and_zones_are_suggested(ctx: Context) -> None:
    assert (await ROUTER.complete("help", "command", "est", ctx))[0] == "estimates"
    assert (await ROUTER.complete("settings", "value", "Europe/Ky", ctx))[0] == "Europe/Kyiv"


async def test_a_party_is_offered_by_its_key_or_any_registered_name(ctx: Context) -> None:
    assert (await ROUTER.complete("estimates", "party", "ukr", ctx))[:2] == ["ukraine", "uk"]
    assert (await ROUTER.complete("estimates", "party", "dprk", ctx))[0] == "north_korea"
    assert (await ROUTER.complete("estimates", "party", "hezbollah", ctx))[0] == "lebanon"
    assert "north_korea" in await ROUTER.complete("estimates", "party", "north k", ctx)


async def test_choices_without_a_completer_are_ranked_and_unknown_arguments_get_nothing(
    ctx: Context,
) -> None:
    assert await ROUTER.complete("estimates", "population", "civ", ctx) == ["civilian"]
    assert await ROUTER.complete("estimates", "nonsense", "x", ctx) == []
    assert await ROUTER.complete("nonsense", "metric", "x", ctx) == []
