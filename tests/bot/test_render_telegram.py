"""Replies as Telegram HTML: escaped, split between blocks, buttons on the last message."""

from __future__ import annotations

from bot.render.telegram import html, render_telegram
from handlers.types import Button, Entry, Heading, Image, Quote, Reply, Text
from tests.fakes.telegram_api import parse_html


def test_markup_from_a_document_is_escaped_and_the_result_is_valid_html() -> None:
    reply = Reply(
        (
            Heading("<b>not bold</b>"),
            Entry(">5,300", "A & B <script>", ("ukraine",), "2022-03-01", "X<i>", "ab12"),
            Quote("He said \u202e<u>this</u>", "Outlet & Co"),
        )
    )
    [message] = render_telegram(reply)
    visible = parse_html(message.text)
    assert "<b>not bold</b>" in visible
    assert "A & B <script>" in visible
    assert "\u202e" not in visible
    assert html("a<b>&") == "a&lt;b&gt;&amp;"


def test_a_long_reply_is_split_between_blocks_and_the_button_goes_last() -> None:
    rows = tuple(Entry(f"{n:,}", f"Claimant {n} " + "x" * 150, ref=f"{n:06d}") for n in range(60))
    messages = render_telegram(Reply((Heading("Title"), *rows), (Button("More", "/x page 2"),)))
    assert len(messages) > 1
    assert all(len(m.text) <= 4096 for m in messages)
    assert sum(m.text.count("Claimant") for m in messages) == 60
    assert all(m.text.startswith("<b>") for m in messages[1:])
    assert [m.buttons for m in messages] == [()] * (len(messages) - 1) + [
        (Button("More", "/x page 2"),)
    ]
    for m in messages:
        parse_html(m.text)


def test_one_block_longer_than_a_message_is_cut_without_breaking_an_entity() -> None:
    messages = render_telegram(Reply((Text("&<" * 3000),)))
    assert len(messages) > 1
    assert all(len(m.text) <= 4096 for m in messages)
    assert "".join(parse_html(m.text) for m in messages) == "&<" * 3000


def test_an_image_travels_as_a_photo_with_its_caption() -> None:
    messages = render_telegram(Reply((Text("chart"), Image(b"png", caption="Deaths"))))
    assert [m.image.caption if m.image else m.text for m in messages] == ["chart", "Deaths"]
