"""The ``tally`` command line: run the bot, chat in the terminal, answer one command, seed.

tally run               every configured adapter: Telegram when TELEGRAM_BOT_TOKEN is set,
                        and the console at a terminal (or when no token is set)
tally console           the terminal chat only
tally ask "/estimates killed"
tally seed              load the bundled seed claims (again: nothing is doubled)
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal
import sys
from collections.abc import Sequence

from pydantic import ValidationError

from bot.adapters.base import Adapter
from bot.adapters.console import ConsoleAdapter, console_incoming
from bot.app import open_app, serve
from bot.config import Settings, describe_error
from bot.logs import setup_logging
from bot.render.plain import render_plain
from claims.errors import StorageError
from claims.vocab import Metric, Party
from handlers.types import UserRef
from storage import open_storage
from storage.seed import load_seed

__all__ = ["main"]

log = logging.getLogger("tally")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="tally", description="Tally: who claims what toll.")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("run", help="run every configured adapter")
    commands.add_parser("console", help="chat with Tally in this terminal")
    ask = commands.add_parser("ask", help="answer one command and exit")
    ask.add_argument("text", help='a command, e.g. "/estimates killed"')
    commands.add_parser("seed", help="load the bundled seed claims")
    return parser


def _console(settings: Settings, words: Sequence[str]) -> ConsoleAdapter:
    return ConsoleAdapter(history=settings.console_history, words=words)


def _completion_words(command_names: Sequence[str]) -> list[str]:
    return [f"/{n}" for n in command_names] + [m.value for m in Metric] + [p.value for p in Party]


async def _run(settings: Settings, console_only: bool) -> int:
    async with open_app(settings) as app:
        words = _completion_words([c.name for c in app.router])
        adapters: list[Adapter] = []
        if not console_only and settings.telegram_bot_token is not None:
            from bot.adapters.telegram import TelegramAdapter  # the SDK only when it is used

            adapters.append(TelegramAdapter(settings, tuple(app.router)))
        if console_only or not adapters or sys.stdin.isatty():
            adapters.append(_console(settings, words))
        serving = asyncio.ensure_future(serve(app, adapters))
        # a service manager stops us with SIGTERM: finish like the console's /quit does
        loop = asyncio.get_running_loop()
        loop.add_signal_handler(signal.SIGTERM, serving.cancel)
        try:
            await serving
        except asyncio.CancelledError:
            log.info("stopped by SIGTERM")
        finally:
            loop.remove_signal_handler(signal.SIGTERM)
    return 0


async def _ask(settings: Settings, text: str) -> int:
    async with open_app(settings) as app:
        reply = await app.dispatch(console_incoming(text, UserRef("cli", "cli", True, True)))
        print(render_plain(reply))
    return 1 if reply.error else 0


async def _seed(settings: Settings) -> int:
    storage = await open_storage(settings.database_url)
    try:
        added = await load_seed(storage)
        print(f"{added} new seed claims; {await storage.claims.count()} claims in all.")
    finally:
        await storage.close()
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        settings = Settings()
    except ValidationError as exc:
        print(f"tally: {describe_error(exc)}", file=sys.stderr)
        return 2
    setup_logging(settings.log_level, settings.secrets())
    try:
        if args.command == "ask":
            return asyncio.run(_ask(settings, args.text))
        if args.command == "seed":
            return asyncio.run(_seed(settings))
        return asyncio.run(_run(settings, console_only=args.command == "console"))
    except StorageError as exc:
        print(f"tally: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
