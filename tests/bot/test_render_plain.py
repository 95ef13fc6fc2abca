from __future__ import annotations

from bot.render.plain import render_plain
from handlers.types import Button, Entry, Fields, Heading, Image, Quote, Reply, Text


def test_entries_align_their_figures_and_show_id_and_note() -> None:
    reply = Reply(
        (
            Heading("Russia · military"),
            Entry(">50,000", "Ukraine", ("ukraine", "claimed"), "as of 2022-09", "Globe", "b442"),
            Entry("~6,000", "Shoigu", ("russia",), "", "", "5aa2", note="replaced 5,000"),
        )
    )
    assert render_plain(reply).splitlines() == [
        "Russia · military",
        "  >50,000 Ukraine · ukraine · claimed",
        "          as of 2022-09 · Globe · #b442",
        "  ~6,000  Shoigu · russia",
        "          #5aa2",
        "          replaced 5,000",
    ]


def test_terminal_control_sequences_from_documents_are_removed() -> None:
    hostile = "Ukraine\x1b[2J\x1b]0;pwned\x07 said\r"
    reply = Reply((Text(hostile), Quote(hostile, "src\x1b[31m"), Fields((("k\x00", hostile),))))
    text = render_plain(reply)
    assert "\x1b" not in text
    assert "\x07" not in text
    assert "\x00" not in text
    assert "\r" not in text
    assert "Ukraine[2J]0;pwned said" in text


def test_buttons_images_and_fields_are_spelled_out() -> None:
    reply = Reply(
        (Fields((("Claimant", "NATO"), ("As of", "2022-10-03"))), Image(b"png", "A chart")),
        buttons=(Button("More", "/estimates killed page 2"),),
    )
    assert render_plain(reply).splitlines() == [
        "  Claimant  NATO",
        "  As of     2022-10-03",
        "  [image: A chart]",
        "",
        "[More: /estimates killed page 2]",
    ]
