"""Suggestions for an argument as it is typed: Discord's autocomplete asks for them.

Each completer takes what has been typed so far and the context, and returns the values that
fit, best first. Vocabulary completers also read aliases, so typing "dead" offers "killed".
"""

from __future__ import annotations

from enum import StrEnum

from claims.registry import PARTIES, party_named
from claims.schedule import zone_names
from claims.vocab import ALIASES
from handlers.context import Context
from handlers.parse import rank
from handlers.router import COMPLETIONS, Completer

__all__ = ["claimant_names", "command_names", "parties", "vocabulary", "zones"]

CLAIMANTS_SEARCHED = 500


def vocabulary(vocab: type[StrEnum]) -> Completer:
    values = [v.value for v in vocab]
    aliases = ALIASES.get(vocab, {})

    async def complete(typed: str, ctx: Context) -> list[str]:
        found = rank(typed, values)
        word = typed.strip().lower()
        if word:
            found += [
                target
                for alias, target in aliases.items()
                if alias.startswith(word) and target not in found
            ]
        return list(dict.fromkeys(found))

    return complete


async def claimant_names(typed: str, ctx: Context) -> list[str]:
    """Claimants whose name holds every typed word, those with most claims first."""
    words = typed.lower().split()
    known = await ctx.storage.claims.claimants(CLAIMANTS_SEARCHED)
    names = [c.claimant for c in known if all(w in c.claimant.lower() for w in words)]
    return list(dict.fromkeys(names))[:COMPLETIONS]


async def parties(typed: str, ctx: Context) -> list[str]:
    """Party keys that fit what was typed, the party it names first: "dprk" offers north_korea,
    and so does the start of any of its names ("dpr", "north k")."""
    named = party_named(typed) if typed.strip() else None
    found = [named.value] if named else []
    word = " ".join(typed.lower().replace("_", " ").split())
    if word:
        found += [
            key for key, info in PARTIES.items() if any(n.startswith(word) for n in info.names)
        ]
    found += rank(typed.replace(" ", "_"), list(PARTIES))
    return list(dict.fromkeys(found))[:COMPLETIONS]


async def command_names(typed: str, ctx: Context) -> list[str]:
    return rank(typed.lstrip("/"), [c.name for c in ctx.commands])


async def zones(typed: str, ctx: Context) -> list[str]:
    return rank(typed, zone_names())[:COMPLETIONS]
