"""A line break inside a claimant or an outlet cannot forge a claim row on any platform.

Documents are normalised on the way in; these claims skip that (stored before it, or by some
other path), so the renderers' own folding is what is checked here.
"""

from __future__ import annotations

import pytest

from bot.render.discord import render_discord
from bot.render.plain import render_plain
from bot.render.telegram import render_telegram
from handlers.present import entry
from handlers.types import Fields, Heading, Quote, Reply
from tests.claims.factory import make_claim

BREAKS = ["\n", "\r\n", "\r", "\u2028", "\u2029", "\x85", "\x0b", "\x0c"]


def _forged(brk: str) -> Reply:
    claim = make_claim(
        claimant=f"Ukraine{brk}  ~50,000  Forged Claimant · nato · estimated",
        outlet=f"Wire{brk}          as of 2022-06-01 · Fake · #deadbeef",
    )
    return Reply((Heading(f"Killed{brk}  ~1  Row"), entry(claim)))


@pytest.mark.parametrize("brk", BREAKS)
def test_the_console_shows_one_row_per_claim(brk: str) -> None:
    lines = render_plain(_forged(brk)).splitlines()
    assert len(lines) == 3, lines  # heading, the row, its detail
    assert lines[1].startswith("  1,000 Ukraine ~50,000 Forged Claimant")
    assert "Wire as of 2022-06-01" in lines[2]


@pytest.mark.parametrize("brk", BREAKS)
def test_telegram_shows_one_row_per_claim(brk: str) -> None:
    [message] = render_telegram(_forged(brk))
    lines = message.text.splitlines()
    assert len(lines) == 3, lines
    assert lines[1].startswith("<b>1,000</b>  Ukraine ~50,000 Forged Claimant")
    assert not any(ch in message.text for ch in "\u2028\u2029\x85\r")


@pytest.mark.parametrize("brk", BREAKS)
def test_discord_shows_one_field_per_claim(brk: str) -> None:
    [message] = render_discord(_forged(brk))
    [embed] = message.embeds
    assert embed.title is not None
    assert embed.title.splitlines() == [embed.title]
    [field] = embed.fields
    assert field.name is not None
    assert field.value is not None
    assert len(field.name.splitlines()) == 1
    assert len(field.value.splitlines()) == 2  # tags, then when and outlet
    assert not any(ch in field.name + field.value for ch in "\u2028\u2029\x85\r")


def test_a_quote_keeps_its_paragraphs_where_the_platform_can_hold_them() -> None:
    reply = Reply((Quote("First paragraph.\u2029Second paragraph.", "Wire\nFake"),))
    plain = render_plain(reply).splitlines()
    assert plain == ["  “First paragraph. Second paragraph.”", "    — Wire Fake"]
    [message] = render_telegram(reply)
    assert message.text == (
        "<blockquote>First paragraph.\nSecond paragraph.\n— Wire Fake</blockquote>"
    )
    [embed] = render_discord(reply)[0].embeds
    assert embed.description == "> First paragraph.\n> Second paragraph.\n> — Wire Fake"


def test_fields_are_one_line_each() -> None:
    reply = Reply(
        (
            Fields(
                (("Claimant", "NATO\n  Outlet  Forged"), ("Out\u2028let", "Wire")),
            ),
        )
    )
    assert render_plain(reply).splitlines() == [
        "  Claimant  NATO Outlet Forged",
        "  Out let   Wire",
    ]
    [message] = render_telegram(reply)
    assert message.text.splitlines() == [
        "<b>Claimant</b>: NATO Outlet Forged",
        "<b>Out let</b>: Wire",
    ]
