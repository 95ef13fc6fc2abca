"""A ``Reply`` as JSON text and back, so the outbox can keep a message until it is sent.

Images travel as base64. Decoding an unknown block type fails loudly: a row written by a newer
Tally is not silently sent half empty.
"""

from __future__ import annotations

import base64
import json
from typing import Any

from handlers.types import Block, Button, Entry, Fields, Heading, Image, Quote, Reply, Text

__all__ = ["decode_reply", "encode_reply"]


def _block(block: Block) -> dict[str, Any]:
    if isinstance(block, Heading):
        return {"t": "heading", "text": block.text}
    if isinstance(block, Text):
        return {"t": "text", "text": block.text, "muted": block.muted}
    if isinstance(block, Quote):
        return {"t": "quote", "text": block.text, "source": block.source}
    if isinstance(block, Fields):
        return {"t": "fields", "pairs": [list(p) for p in block.pairs]}
    if isinstance(block, Entry):
        return {
            "t": "entry",
            "figure": block.figure,
            "claimant": block.claimant,
            "tags": list(block.tags),
            "when": block.when,
            "source": block.source,
            "ref": block.ref,
            "note": block.note,
        }
    return {
        "t": "image",
        "data": base64.b64encode(block.data).decode("ascii"),
        "caption": block.caption,
        "filename": block.filename,
    }


def _unblock(item: dict[str, Any]) -> Block:
    kind = item["t"]
    if kind == "heading":
        return Heading(item["text"])
    if kind == "text":
        return Text(item["text"], bool(item.get("muted")))
    if kind == "quote":
        return Quote(item["text"], item.get("source", ""))
    if kind == "fields":
        return Fields(tuple((str(k), str(v)) for k, v in item["pairs"]))
    if kind == "entry":
        return Entry(
            item["figure"],
            item["claimant"],
            tuple(item.get("tags", ())),
            item.get("when", ""),
            item.get("source", ""),
            item.get("ref", ""),
            item.get("note", ""),
        )
    if kind == "image":
        return Image(
            base64.b64decode(item["data"]), item.get("caption", ""), item.get("filename", "")
        )
    raise ValueError(f"unknown block type {kind!r}")


def encode_reply(reply: Reply) -> str:
    return json.dumps(
        {
            "blocks": [_block(b) for b in reply.blocks],
            "buttons": [[b.label, b.command] for b in reply.buttons],
            "error": reply.error,
        },
        ensure_ascii=False,
        separators=(",", ":"),
    )


def decode_reply(text: str) -> Reply:
    data = json.loads(text)
    return Reply(
        tuple(_unblock(b) for b in data["blocks"]),
        tuple(Button(label, command) for label, command in data.get("buttons", ())),
        bool(data.get("error", False)),
    )
