"""Replies as Discord embeds: rows as fields, escaping, and Discord's limits."""

from __future__ import annotations

from bot.render.discord import EMBED_LIMIT, ERROR_COLOUR, md, render_discord, split_discord
from handlers.types import Button, Entry, Fields, Heading, Image, Quote, Reply, Text


def _row(i: int, extra: str = "") -> Entry:
    return Entry(
        f"{i:,}",
        f"Claimant {i}{extra}",
        ("ukraine", "claimed"),
        "as of 2024-01-01",
        "Reuters",
        f"id{i}",
    )


def test_a_heading_titles_an_embed_and_each_row_is_a_field_with_its_id_in_the_footer() -> None:
    reply = Reply((Heading("Killed"), Text("intro"), _row(1), _row(2), Text("Spread", muted=True)))
    [message] = render_discord(reply)
    [embed] = message.embeds
    assert embed.title == "Killed"
    assert embed.description == "intro"
    assert [f.name for f in embed.fields] == ["1  Claimant 1", "2  Claimant 2"]
    assert embed.fields[0].value == "*ukraine · claimed*\nas of 2024-01-01 · Reuters"
    assert embed.footer.text == "Spread\nClaim ids: id1, id2 · /claim <id> for the quote"


def test_a_second_heading_under_a_title_is_the_first_groups_name() -> None:
    [message] = render_discord(Reply((Heading("Killed"), Heading("Russia"), _row(1))))
    assert message.embeds[0].title == "Killed"
    assert message.embeds[0].description == "**Russia**"


def test_markdown_and_mentions_are_shown_as_text() -> None:
    assert md("**bold** _it_ `code` ||spoiler||") == (
        "\\*\\*bold\\*\\* \\_it\\_ \\`code\\` \\|\\|spoiler\\|\\|"
    )
    assert md("@everyone and @here") == "@\u200beveryone and @\u200bhere"
    assert md("<@&123> <#45>") == "\\<@&123> \\<#45>"
    assert md("# big\n> quote") == "\\# big\n\\> quote"
    assert md("[x](http://a)") == "\\[x](http://a)"
    assert md("\u202eevil") == "evil"


def test_many_rows_fill_embeds_of_25_fields_and_messages_of_6000_characters() -> None:
    rows = tuple(_row(i, " " + "y" * 150) for i in range(1, 201))
    messages = render_discord(Reply((Heading("All"), *rows), (Button("More", "/x page 2"),)))
    assert len(messages) > 2
    names = [f.name for m in messages for e in m.embeds for f in e.fields]
    assert [str(n).split()[0] for n in names] == [f"{i:,}" for i in range(1, 201)]
    for message in messages:
        assert len(message.embeds) <= 10
        assert sum(len(e) for e in message.embeds) <= EMBED_LIMIT
        assert all(len(e.fields) <= 25 for e in message.embeds)
    assert messages[-1].buttons == (Button("More", "/x page 2"),)
    assert all(not m.buttons for m in messages[:-1])
    assert messages[1].embeds[0].title == "All (continued)"


def test_long_text_and_quotes_are_cut_between_lines_within_the_description_limit() -> None:
    text = "\n".join(f"line {i} {'z' * 90}" for i in range(120))
    messages = render_discord(
        Reply((Text(text), Quote("said so", "Reuters"), Fields((("a", "b"),))))
    )
    descriptions = [e.description or "" for m in messages for e in m.embeds]
    assert all(len(d) <= 4096 for d in descriptions)
    joined = "\n".join(descriptions)
    assert "line 0 " in joined
    assert "line 119 " in joined
    assert "> said so\n> — Reuters" in joined
    assert "**a**: b" in joined


def test_an_error_is_red_and_an_image_is_attached_to_the_last_message() -> None:
    [error] = render_discord(Reply.text("unknown metric", error=True))
    assert error.embeds[0].colour == ERROR_COLOUR
    [chart] = render_discord(Reply((Heading("Chart"), Image(b"png", "cap", "c.png"))))
    assert chart.image is not None
    assert chart.embeds[0].image.url == "attachment://c.png"


def test_split_gives_parts_that_each_go_out_as_one_message() -> None:
    rows = tuple(_row(i, " " + "y" * 150) for i in range(1, 101))
    reply = Reply((Heading("All"), *rows), (Button("More", "/x"),))
    parts = split_discord(reply)
    assert len(parts) == len(render_discord(reply))
    assert all(len(render_discord(p)) == 1 for p in parts)
    assert list(reply.blocks) == [b for p in parts for b in p.blocks]
    assert parts[-1].buttons == reply.buttons
