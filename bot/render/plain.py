"""A ``Reply`` as plain terminal text, for the console and ``tally ask``.

Terminal "markup" is control characters: every string is stripped of them before it is
written, so a document cannot move the cursor, recolour or clear the user's terminal.
"""

from __future__ import annotations

import re

from handlers.types import Block, Entry, Fields, Heading, Image, Quote, Reply, Text

__all__ = ["render_plain", "safe"]

INDENT = "  "


# C0 and C1 controls but the newline, and the invisible format characters that reorder or hide
# text (bidirectional overrides, zero-width marks, tag characters).
_UNSAFE = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u206f\ufeff\ufff9-\ufffb\U000e0000-\U000e007f]"
)


def safe(text: str) -> str:
    """Text with control and invisible format characters removed (newlines kept)."""
    return _UNSAFE.sub("", text)


def _entry(row: Entry, width: int) -> list[str]:
    pad = " " * (width + 3)
    head = " · ".join(safe(x) for x in (row.claimant, *row.tags) if x)
    detail = " · ".join(
        safe(x) for x in (row.when, row.source, f"#{row.ref}" if row.ref else "") if x
    )
    lines = [f"{INDENT}{safe(row.figure).ljust(width)} {head}"]
    if detail:
        lines.append(f"{pad}{detail}")
    if row.note:
        lines.append(f"{pad}{safe(row.note)}")
    return lines


def _block(block: Block, width: int) -> list[str]:
    if isinstance(block, Heading):
        return ["", safe(block.text)]
    if isinstance(block, Text):
        return [f"{INDENT}{line}" if block.muted else line for line in safe(block.text).split("\n")]
    if isinstance(block, Quote):
        lines = [f"{INDENT}“{safe(block.text)}”"]
        return lines + ([f"{INDENT}  — {safe(block.source)}"] if block.source else [])
    if isinstance(block, Fields):
        label = max((len(safe(k)) for k, _ in block.pairs), default=0)
        return [f"{INDENT}{safe(k).ljust(label)}  {safe(v)}" for k, v in block.pairs]
    if isinstance(block, Entry):
        return _entry(block, width)
    if isinstance(block, Image):
        return [f"{INDENT}[image: {safe(block.caption or block.filename)}]"]
    raise TypeError(f"unknown block {block!r}")


def render_plain(reply: Reply) -> str:
    width = max((len(b.figure) for b in reply.blocks if isinstance(b, Entry)), default=0)
    lines: list[str] = []
    for block in reply.blocks:
        lines += _block(block, width)
    if reply.buttons:
        lines.append("")
        lines += [f"[{safe(b.label)}: {safe(b.command)}]" for b in reply.buttons]
    while lines and not lines[0]:
        lines.pop(0)
    return "\n".join(lines)
