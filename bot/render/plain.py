"""A ``Reply`` as plain terminal text, for the console and ``tally ask``.

Terminal "markup" is control characters: every string is stripped of them before it is
written, so a document cannot move the cursor, recolour or clear the user's terminal. A line
is markup too: every field shown on one line (a claimant, an outlet, a heading, a label, a
quote) has its line breaks folded (``line``), so no field can forge a row of its own.
"""

from __future__ import annotations

import re

from claims.text import LINE_BREAKS, one_line
from handlers.types import Block, Entry, Fields, Heading, Image, Quote, Reply, Text

__all__ = ["line", "render_plain", "safe"]

INDENT = "  "


# C0 and C1 controls but the newline, the invisible format characters that reorder or hide
# text (bidirectional overrides, zero-width marks, tag characters), and lone surrogates, which
# no encoder accepts.
_UNSAFE = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u206f\ud800-\udfff\ufeff\ufff9-\ufffb\U000e0000-\U000e007f]"
)


_BREAK = re.compile("\r\n|[" + LINE_BREAKS + "]")


def safe(text: str) -> str:
    """Text with control and invisible format characters removed, every line break a newline."""
    return _UNSAFE.sub("", _BREAK.sub("\n", text))


def line(text: str) -> str:
    """A one-line field: ``safe`` and with its line breaks folded into spaces."""
    return one_line(text)


def _entry(row: Entry, width: int) -> list[str]:
    pad = " " * (width + 3)
    head = " · ".join(line(x) for x in (row.claimant, *row.tags) if x)
    detail = " · ".join(
        line(x) for x in (row.when, row.source, f"#{row.ref}" if row.ref else "") if x
    )
    lines = [f"{INDENT}{line(row.figure).ljust(width)} {head}"]
    if detail:
        lines.append(f"{pad}{detail}")
    if note := line(row.note):
        lines.append(f"{pad}{note}")
    return lines


def _block(block: Block, width: int) -> list[str]:
    if isinstance(block, Heading):
        return ["", line(block.text)]
    if isinstance(block, Text):
        return [f"{INDENT}{text}" if block.muted else text for text in safe(block.text).split("\n")]
    if isinstance(block, Quote):  # a terminal has no box to keep a quote's paragraphs in
        quoted = [f"{INDENT}“{line(block.text)}”"]
        return quoted + ([f"{INDENT}  — {line(block.source)}"] if block.source else [])
    if isinstance(block, Fields):
        label = max((len(line(k)) for k, _ in block.pairs), default=0)
        return [f"{INDENT}{line(k).ljust(label)}  {line(v)}" for k, v in block.pairs]
    if isinstance(block, Entry):
        return _entry(block, width)
    if isinstance(block, Image):
        return [f"{INDENT}[image: {line(block.caption or block.filename)}]"]
    raise TypeError(f"unknown block {block!r}")


def render_plain(reply: Reply) -> str:
    width = max((len(line(b.figure)) for b in reply.blocks if isinstance(b, Entry)), default=0)
    lines: list[str] = []
    for block in reply.blocks:
        lines += _block(block, width)
    if reply.buttons:
        lines.append("")
        lines += [f"[{line(b.label)}: {line(b.command)}]" for b in reply.buttons]
    while lines and not lines[0]:
        lines.pop(0)
    return "\n".join(lines)
