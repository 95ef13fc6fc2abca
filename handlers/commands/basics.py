"""/start and /help: what Tally is and what it can be asked."""

from __future__ import annotations

from claims.errors import UserError
from handlers.completion import command_names
from handlers.context import Context
from handlers.parse import suggest
from handlers.present import party_name
from handlers.router import Param, Router
from handlers.types import Block, Button, Fields, Heading, Incoming, Reply, Text

__all__ = ["router"]

router = Router("basics")


@router.command("start")
async def start(msg: Incoming, ctx: Context) -> Reply:
    """What Tally is, with a first question to ask.

    Usage: /start
    """
    parties = " and ".join(party_name(p) for p in ctx.conflict.parties)
    count = await ctx.storage.claims.count()
    return Reply(
        (
            Heading("Tally"),
            Text(
                "I keep track of claims about war casualty figures: who says how many were "
                "killed, wounded, captured, fled or mobilized, as of when, and where it was "
                "reported. Every figure comes with who claims it — never a number stripped "
                "of its source."
            ),
            Text(
                f"Tracking the war between {parties} since {ctx.conflict.start.isoformat()}; "
                f"{count} claims on record."
            ),
            Text("Try /estimates killed, or /help for every command."),
        ),
        buttons=(Button("Killed", "/estimates killed"), Button("Help", "/help")),
    )


@router.command("help", params=(Param("command", "a command to explain", complete=command_names),))
async def help_(msg: Incoming, ctx: Context) -> Reply:
    """Every command, or one command in detail.

    Usage: /help [command]
    Example: /help estimates
    """
    if msg.args:
        word = msg.args[0].lstrip("/").lower()
        for command in ctx.commands:
            if word == command.name or word in command.aliases:
                return Reply((Heading(f"/{command.name}"), Text(command.help)))
        raise suggest("command", word, sorted(c.name for c in ctx.commands), prefix="/")
    if not ctx.commands:
        raise UserError("No commands are registered.")
    blocks: list[Block] = [
        Heading("Commands"),
        Fields(tuple((c.usage, c.summary) for c in ctx.commands)),
        Text("/help <command> explains one in detail.", muted=True),
    ]
    return Reply(tuple(blocks))
