"""A ``Reply`` as Telegram HTML messages: escaped, readable on a phone, within the length limit.

Every string is escaped (``&``, ``<``, ``>``) after control characters are stripped, so a
document that says ``<b>`` or ``<script>`` is shown as text; a one-line field (a claimant, an
outlet, a heading) has its line breaks folded too, so it cannot forge a row. A reply longer
than one message is split between blocks (never inside a claim row); buttons go with the last
message.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from bot.render.plain import line, render_plain, safe
from handlers.types import Block, Button, Entry, Fields, Heading, Image, Quote, Reply, Text

__all__ = [
    "MAX_MESSAGE",
    "TelegramMessage",
    "html",
    "html_line",
    "render_telegram",
    "split_telegram",
]

MAX_MESSAGE = 4096
"""Telegram's limit for a message's text; we count the HTML source, which is never shorter."""


@dataclass(frozen=True, slots=True)
class TelegramMessage:
    text: str
    buttons: tuple[Button, ...] = ()
    image: Image | None = None


def html(text: str) -> str:
    """Text made safe for Telegram HTML: controls stripped, markup characters escaped."""
    return escape(safe(text), quote=False)


def html_line(text: str) -> str:
    """A one-line field made safe for Telegram HTML: ``html`` with line breaks folded."""
    return escape(line(text), quote=False)


def _entry(row: Entry) -> str:
    # figure first and bold: the eye runs down the left edge of a phone screen
    head = f"<b>{html_line(row.figure)}</b>  {html_line(row.claimant)}"
    if row.tags:
        head += f" <i>({html_line(' · '.join(row.tags))})</i>"
    detail = " · ".join(html_line(x) for x in (row.when, row.source) if x)
    if row.ref:
        detail += f"{' · ' if detail else ''}<code>{html_line(row.ref)}</code>"
    lines = [head] + ([f"    {detail}"] if detail else [])
    if row.note:
        lines.append(f"    <i>{html_line(row.note)}</i>")
    return "\n".join(lines)


def _block(block: Block) -> str:
    if isinstance(block, Heading):
        return f"\n<b>{html_line(block.text)}</b>"
    if isinstance(block, Text):
        return f"<i>{html(block.text)}</i>" if block.muted else html(block.text)
    if isinstance(block, Quote):
        source = f"\n— {html_line(block.source)}" if block.source else ""
        return f"<blockquote>{html(block.text)}{source}</blockquote>"
    if isinstance(block, Fields):
        return "\n".join(f"<b>{html_line(k)}</b>: {html_line(v)}" for k, v in block.pairs)
    if isinstance(block, Entry):
        return _entry(block)
    if isinstance(block, Image):
        return ""
    raise TypeError(f"unknown block {block!r}")


def _pieces(block: Block, limit: int) -> list[str]:
    """A block too long for one message, as plain escaped text cut at line breaks.

    Cutting HTML could split a tag or an entity; cutting the text before escaping cannot.
    """
    pieces: list[str] = []
    current = ""
    for char in render_plain(Reply((block,))):
        escaped = html(char)
        if len(current) + len(escaped) > limit:
            cut = current.rfind("\n")
            if cut <= 0:
                cut = len(current)
            pieces.append(current[:cut])
            current = current[cut:].lstrip("\n")
        current += escaped
    if current.strip():
        pieces.append(current)
    return pieces


def render_telegram(reply: Reply, limit: int = MAX_MESSAGE) -> list[TelegramMessage]:
    """The messages to send, in order; images travel as photos with their caption."""
    texts: list[str] = []
    current = ""
    for block in reply.blocks:
        part = _block(block).strip("\n") if not current else _block(block)
        if not part:
            continue
        if len(current) + len(part) + 1 <= limit:
            current = f"{current}\n{part}" if current else part
            continue
        if current:
            texts.append(current)
        part = part.strip("\n")
        if len(part) > limit:
            *whole, part = _pieces(block, limit)
            texts += whole
        current = part
    if current:
        texts.append(current)
    messages = [TelegramMessage(t) for t in texts]
    images = [TelegramMessage("", image=b) for b in reply.blocks if isinstance(b, Image)]
    messages += images
    if reply.buttons:
        if not messages:
            messages.append(TelegramMessage("…"))
        last = messages[-1]
        messages[-1] = TelegramMessage(last.text, reply.buttons, last.image)
    return messages


def split_telegram(reply: Reply, limit: int = MAX_MESSAGE) -> list[Reply]:
    """The reply as parts that each go out as one message; a photo is a part of its own.

    The outbox stores one row per part, so a failure part-way resends only what is missing.
    """
    chunks: list[list[Block]] = []
    current: list[Block] = []
    size = 0
    for block in reply.blocks:
        if isinstance(block, Image):
            continue
        length = len(_block(block)) + 1
        if current and size + length > limit:
            chunks.append(current)
            current, size = [], 0
        current.append(block)
        size += length
    if current:
        chunks.append(current)
    chunks += [[b] for b in reply.blocks if isinstance(b, Image)]
    parts = [Reply(tuple(chunk), error=reply.error) for chunk in chunks] or [reply]
    parts[-1] = Reply(parts[-1].blocks, reply.buttons, reply.error)
    return parts
