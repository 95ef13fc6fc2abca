"""A ``Reply`` as Discord messages of embeds: one field per claim row, within Discord's limits.

A heading starts an embed (its title); text before the rows is its description; each claim row
is a field; notes after the rows and the claim ids of the rows go in the footer. An embed holds
at most 25 fields and 6,000 characters, a message at most 10 embeds and 6,000 characters in
all: a longer reply continues in further embeds and messages, never cutting a row.

Every string from a document or a user is stripped of control characters and escaped for
Discord markdown (a one-line field, such as a claimant or a heading, has its line breaks
folded, so it cannot forge a row), and mentions are broken (``@everyone`` gets a zero-width
joiner, ``<@&id>`` an escaped bracket). Adapters still send with mentions disallowed; this is
the second lock.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import discord
from discord.utils import escape_markdown, escape_mentions

from bot.render.plain import line, safe
from handlers.types import Block, Button, Entry, Fields, Heading, Image, Quote, Reply, Text

__all__ = [
    "EMBED_LIMIT",
    "ERROR_COLOUR",
    "MAX_CONTENT",
    "DiscordMessage",
    "md",
    "md_line",
    "render_discord",
    "split_discord",
]

MAX_CONTENT = 2000
EMBED_LIMIT = 6000  # all text of one embed, and of all embeds of one message
MAX_EMBEDS = 10
MAX_FIELDS = 25
MAX_TITLE = 256
MAX_DESCRIPTION = 4096
MAX_FIELD_NAME = 256
MAX_FIELD_VALUE = 1024
MAX_FOOTER = 2048
MAX_BUTTONS = 25
MAX_LABEL = 80
COLOUR = discord.Colour(0x4E79A7)
ERROR_COLOUR = discord.Colour(0xD83C3E)
_BLANK = "\u200b"  # a field needs a name; this one shows nothing
_MORE = " (continued)"


def md(text: str) -> str:
    """Text shown literally in Discord markdown: no formatting, no links, no mentions."""
    escaped = escape_mentions(escape_markdown(safe(text), ignore_links=False))
    return escaped.replace("<", "\\<")


def md_line(text: str) -> str:
    """A one-line field shown literally in Discord markdown: ``md`` with line breaks folded."""
    return md(line(text))


def _clip(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    # never end on a lone escaping backslash, which would swallow the ellipsis
    return cut[:-1] + "…" if cut.endswith("\\") else cut + "…"


@dataclass(frozen=True, slots=True)
class DiscordMessage:
    embeds: tuple[discord.Embed, ...]
    buttons: tuple[Button, ...] = ()
    image: Image | None = None
    content: str = ""


@dataclass
class _Embed:
    title: str = ""
    description: list[str] = field(default_factory=list)
    fields: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    refs: list[str] = field(default_factory=list)
    image: str = ""

    def footer(self) -> str:
        parts = list(self.notes)
        if self.refs:
            parts.append("Claim ids: " + ", ".join(self.refs) + " · /claim <id> for the quote")
        # a footer shows plain text (no markdown to escape) and never renders a mention; the
        # zero-width break keeps "@everyone" from reading like one
        return _clip(escape_mentions(safe("\n".join(parts))), MAX_FOOTER)

    def size(self) -> int:
        return (
            len(self.title)
            + len("\n".join(self.description))
            + sum(len(n) + len(v) for n, v in self.fields)
            + len(self.footer())
        )

    def empty(self) -> bool:
        return not (self.description or self.fields or self.notes or self.image)

    def build(self, colour: discord.Colour) -> discord.Embed:
        embed = discord.Embed(
            title=self.title or None,
            description="\n".join(self.description) or None,
            colour=colour,
        )
        for name, value in self.fields:
            embed.add_field(name=name, value=value, inline=False)
        if footer := self.footer():
            embed.set_footer(text=footer)
        if self.image:
            embed.set_image(url=f"attachment://{self.image}")
        return embed


def _entry_field(row: Entry) -> tuple[str, str]:
    name = _clip(md(f"{line(row.figure)}  {line(row.claimant)}"), MAX_FIELD_NAME)
    lines = []
    if row.tags:
        lines.append(f"*{md_line(' · '.join(row.tags))}*")
    detail = " · ".join(md_line(x) for x in (row.when, row.source) if x)
    if detail:
        lines.append(detail)
    if row.note:
        lines.append(f"*{md_line(row.note)}*")
    return name, _clip("\n".join(lines) or _BLANK, MAX_FIELD_VALUE)


def _text(block: Text | Quote | Fields) -> str:
    if isinstance(block, Text):
        return f"*{md(block.text)}*" if block.muted else md(block.text)
    if isinstance(block, Quote):
        quoted = "\n".join(f"> {line}" for line in md(block.text).split("\n"))
        return f"{quoted}\n> — {md_line(block.source)}" if block.source else quoted
    return "\n".join(f"**{md_line(k)}**: {md_line(v)}" for k, v in block.pairs)


def _pieces(text: str, limit: int) -> list[str]:
    """Text longer than ``limit`` cut at line breaks (or spaces) into pieces that fit."""
    pieces: list[str] = []
    while len(text) > limit:
        cut = text.rfind("\n", 0, limit)
        if cut <= 0:
            cut = text.rfind(" ", 0, limit)
        if cut <= 0 or text[cut - 1] == "\\":
            cut = limit - 1 if text[limit - 1] == "\\" else limit
        pieces.append(text[:cut])
        text = text[cut:].lstrip("\n")
    return [*pieces, text] if text else pieces


class _Layout:
    def __init__(self) -> None:
        self.embeds: list[_Embed] = []
        self.current = _Embed()
        self.image: Image | None = None

    def flush(self, title: str = "") -> None:
        """Close the current embed and open another, titled or continuing the last title."""
        if not self.current.empty():
            self.embeds.append(self.current)
        if not title and self.current.title:
            title = _clip(self.current.title.removesuffix(_MORE) + _MORE, MAX_TITLE)
        self.current = _Embed(title=title)

    def fits(self, extra: int, *, fields: int = 0) -> bool:
        if len(self.current.fields) + fields > MAX_FIELDS:
            return False
        return self.current.size() + extra <= EMBED_LIMIT

    def heading(self, text: str) -> None:
        title = _clip(md_line(text), MAX_TITLE)
        if not self.current.empty():
            self.flush(title)
        elif self.current.title:  # a heading under a title: the first group of a section
            self.describe(f"**{title}**")
        else:
            self.current.title = title

    def describe(self, text: str) -> None:
        for piece in _pieces(text, MAX_DESCRIPTION):
            used = len("\n".join(self.current.description))
            if used + len(piece) + 1 > MAX_DESCRIPTION or not self.fits(len(piece) + 1):
                self.flush()
            self.current.description.append(piece)

    def field(self, name: str, value: str, ref: str = "") -> None:
        extra = len(name) + len(value) + len(ref) + 2
        if not self.fits(extra, fields=1):
            self.flush()
        self.current.fields.append((name, value))
        if ref:
            self.current.refs.append(ref)

    def note(self, text: str) -> None:
        if not self.fits(len(text) + 1) or len(self.current.footer()) + len(text) >= MAX_FOOTER:
            self.flush()
        self.current.notes.append(text)

    def add(self, block: Block) -> None:
        if isinstance(block, Heading):
            self.heading(block.text)
        elif isinstance(block, Entry):
            self.field(*_entry_field(block), ref=line(block.ref))
        elif isinstance(block, Image):
            self.image = block
            if self.current.image:
                self.flush()
            self.current.image = block.filename
        elif isinstance(block, Text) and block.muted and self.current.fields:
            self.note(block.text)
        elif self.current.fields:
            for piece in _pieces(_text(block), MAX_FIELD_VALUE):
                self.field(_BLANK, piece)
        else:
            self.describe(_text(block))

    def finish(self) -> list[_Embed]:
        if not self.current.empty():
            self.embeds.append(self.current)
        return self.embeds


def render_discord(reply: Reply) -> list[DiscordMessage]:
    """The messages to send, in order; buttons and an attached chart go with the last."""
    layout = _Layout()
    for block in reply.blocks:
        layout.add(block)
    colour = ERROR_COLOUR if reply.error else COLOUR
    groups: list[list[discord.Embed]] = []
    total = EMBED_LIMIT + 1
    for part in layout.finish():
        embed = part.build(colour)
        if total + len(embed) > EMBED_LIMIT or len(groups[-1]) == MAX_EMBEDS:
            groups.append([])
            total = 0
        groups[-1].append(embed)
        total += len(embed)
    if not groups:
        groups.append([discord.Embed(description="…", colour=colour)])
    messages = [DiscordMessage(tuple(group)) for group in groups]
    buttons = tuple(
        Button(_clip(line(b.label), MAX_LABEL), b.command) for b in reply.buttons[:MAX_BUTTONS]
    )
    last = messages[-1]
    messages[-1] = DiscordMessage(last.embeds, buttons, layout.image)
    return messages


def split_discord(reply: Reply) -> list[Reply]:
    """The reply as parts that each go out as one message (the outbox stores one row a part).

    A block that alone needs several messages stays one part.
    """
    parts: list[list[Block]] = []
    current: list[Block] = []
    for block in reply.blocks:
        if current and len(render_discord(Reply((*current, block)))) > 1:
            parts.append(current)
            current = []
        current.append(block)
    if current:
        parts.append(current)
    replies = [Reply(tuple(p), error=reply.error) for p in parts] or [reply]
    replies[-1] = Reply(replies[-1].blocks, reply.buttons, reply.error)
    return replies
