"""Property tests: whatever text a claim carries, each renderer's output has nothing unescaped.

Telegram HTML has no ``<``, ``>`` or ``&`` outside our own tags and entities; the console has
one line per row and no control character; Discord has no unescaped markdown or mention. The
examples are fixed and bounded by the Hypothesis profile in ``tests/conftest.py``.
"""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from bot.render.discord import md_line, render_discord
from bot.render.plain import INDENT, line, render_plain, safe
from bot.render.telegram import render_telegram
from claims.text import LINE_BREAKS
from handlers.types import Block, Button, Entry, Fields, Heading, Quote, Reply, Text

# every code point, surrogates and controls included, and more of what documents attack with
ANY = st.characters(codec=None, categories=None)
HOSTILE = st.sampled_from(
    [*LINE_BREAKS, "<", ">", "&", "&amp;", "<b>", "</b>", "*", "_", "`", "~", "|", "\\", "#",
     "> ", "- ", "[x](https://e.org)", "@everyone", "@here", "<@123>", "<#1>", "\x1b[2J",
     "\u202e", "\u200b", "\ud800", " ", "  ~50,000 "]
)  # fmt: skip
TEXT = st.lists(st.one_of(st.text(ANY, max_size=8), HOSTILE), max_size=12).map("".join)

entries = st.builds(
    Entry,
    figure=TEXT,
    claimant=TEXT,
    tags=st.lists(TEXT, max_size=3).map(tuple),
    when=TEXT,
    source=TEXT,
    ref=TEXT,
    note=TEXT,
)
blocks: st.SearchStrategy[Block] = st.one_of(
    entries,
    st.builds(Heading, TEXT),
    st.builds(Text, TEXT, muted=st.booleans()),
    st.builds(Quote, TEXT, TEXT),
    st.builds(Fields, st.lists(st.tuples(TEXT, TEXT), max_size=3).map(tuple)),
)
replies = st.builds(
    Reply,
    st.lists(blocks, max_size=6).map(tuple),
    st.lists(st.builds(Button, TEXT, TEXT), max_size=3).map(tuple),
)

_OUR_TAGS = re.compile(r"</?(?:b|i|code|blockquote)>")
_ENTITY = re.compile(r"&(?:amp|lt|gt);")


@given(replies)
def test_telegram_html_has_nothing_unescaped(reply: Reply) -> None:
    for message in render_telegram(reply):
        bare = _ENTITY.sub("", _OUR_TAGS.sub("", message.text))
        assert not set("<>&") & set(bare), message.text
        message.text.encode("utf-8")  # no lone surrogate reaches the wire


@given(entries)
def test_the_console_shows_a_claim_as_one_row_with_its_detail_and_note(row: Entry) -> None:
    detail = [x for x in (row.when, row.source, f"#{row.ref}" if row.ref else "") if line(x)]
    expected = 1 + bool(detail) + bool(line(row.note))
    lines = render_plain(Reply((row,))).split("\n")
    assert len(lines) == expected, lines
    assert lines[0].startswith(INDENT)
    assert all(later.startswith(INDENT + " ") for later in lines[1:])


@given(replies)
def test_the_console_gets_no_control_character_and_no_stray_line_break(reply: Reply) -> None:
    text = render_plain(reply)
    assert not re.search(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202e\u200b]", text)
    text.encode("utf-8")
    one_liners = sum(
        1 + bool(b.source) if isinstance(b, Quote) else len(b.pairs) if isinstance(b, Fields) else 0
        for b in reply.blocks
    )
    texts = sum(len(safe(b.text).split("\n")) for b in reply.blocks if isinstance(b, Text))
    entries_at_most = 3 * sum(isinstance(b, Entry) for b in reply.blocks)
    headings = 2 * sum(isinstance(b, Heading) for b in reply.blocks)
    buttons = 1 + len(reply.buttons) if reply.buttons else 0
    most = one_liners + texts + entries_at_most + headings + buttons
    assert len(text.split("\n")) <= max(most, 1)


def _unescaped(text: str) -> list[str]:
    """Markdown and mentions Discord would act on in ``text``, a line of our output."""
    found = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "\\":
            i += 2
            continue
        if ch in "*_`~|<":
            found.append(f"{ch!r} at {i}")
        i += 1
    if "@everyone" in text or "@here" in text:
        found.append("a mass mention")
    if re.match(r"\s*(?:#{1,3}\s|>(?:>>)?\s|-)", text):
        found.append("a heading, quote or list at the start")
    return found


@given(TEXT)
def test_discord_one_line_fields_have_no_markdown_or_mention_left(text: str) -> None:
    shown = md_line(text)
    assert "\n" not in shown
    assert _unescaped(shown) == [], shown


@given(entries)
def test_a_discord_claim_row_is_one_field_with_nothing_unescaped(row: Entry) -> None:
    [message] = render_discord(Reply((row,)))
    [embed] = message.embeds
    fields = embed.fields
    assert len(fields) == 1
    name, value = fields[0].name or "", fields[0].value or ""
    assert "\n" not in name
    assert _unescaped(name.removesuffix("…")) == [], name
    for part in value.split("\n"):
        inner = part[1:-1] if part.startswith("*") and part.endswith("*") else part
        assert _unescaped(inner.removesuffix("…")) == [], value
