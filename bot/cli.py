"""The ``tally`` command line: run the bot, chat in the terminal, answer one command, seed.

tally run [--role R]    every configured adapter: Telegram when TELEGRAM_BOT_TOKEN is set,
                        Discord when DISCORD_BOT_TOKEN is set, and the console at a
                        terminal (or when no token is set); --role (or ROLE) chooses a
                        part of the work: web, gateway, worker, scheduler, or all
tally console           the terminal chat only
tally ask "/estimates killed"
tally seed              load the bundled seed claims (again: nothing is doubled)
tally outbox            what is queued, failed and recently sent (for operators)
tally extract FILE      print the claims in an article, one JSON object per line
tally ingest FILE|URL   store an article's claims for review
tally import general-staff FILE_OR_URL   import the General Staff's daily series
tally db copy SRC_URL DST_URL            copy a deployment into an empty database
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from bot.cli_audit import add_audit_command
from bot.cli_db import add_db_commands
from bot.cli_documents import add_document_commands
from bot.logs import install_hooks

# Each command imports what it runs when it runs: `tally --help` and `tally extract` start
# without the settings, the database drivers, the HTTP client or any platform SDK.
if TYPE_CHECKING:
    from bot.adapters.base import Adapter
    from bot.config import Settings
    from bot.roles import Role
    from storage.protocols import OutboxRow

__all__ = ["main"]

log = logging.getLogger("tally")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="tally", description="Tally: who claims what toll.")
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help="run every configured adapter")
    run.add_argument(
        "--role",
        help="web (Telegram), gateway (Discord), worker (outbox), scheduler (digests, alerts, "
        "feeds) or all; several joined by commas (default: ROLE, or all)",
    )
    commands.add_parser("console", help="chat with Tally in this terminal")
    ask = commands.add_parser("ask", help="answer one command and exit")
    ask.add_argument("text", help='a command, e.g. "/estimates killed"')
    commands.add_parser("seed", help="load the bundled seed claims")
    outbox = commands.add_parser("outbox", help="show queued, failed and recently sent messages")
    outbox.add_argument("--limit", type=int, default=10, help="rows shown per state (10)")
    add_document_commands(commands)
    add_db_commands(commands)
    add_audit_command(commands)
    return parser


def _check_roles(settings: Settings, roles: frozenset[Role]) -> str | None:
    """Why these roles cannot run with this configuration, or None."""
    from bot.roles import Role

    if roles == frozenset(Role):
        return None
    if Role.WEB in roles and settings.telegram_bot_token is None:
        return "the web role answers Telegram: set TELEGRAM_BOT_TOKEN"
    if Role.GATEWAY in roles and settings.discord_bot_token is None:
        return "the gateway role answers Discord: set DISCORD_BOT_TOKEN"
    tokens = (settings.telegram_bot_token, settings.discord_bot_token)
    if Role.WORKER in roles and all(t is None for t in tokens):
        return "the worker role delivers to Telegram or Discord: set a bot token"
    return None


async def _run(settings: Settings, console_only: bool, roles: frozenset[Role]) -> int:
    import asyncio
    import signal

    from bot.app import open_app, serve
    from bot.cli_console import console_adapter, log_file
    from bot.logs import log_to_file, report_loop_exception
    from bot.roles import Role, needs_adapter

    everything = roles == frozenset(Role)
    # the console takes the terminal (a piped console leaves the log on standard error)
    log_path = log_file(settings.database_url) if everything and sys.stdin.isatty() else None
    if log_path is not None:
        log_to_file(log_path)
    async with open_app(settings) as app:
        adapters: list[Adapter] = []
        platforms = not console_only
        if platforms and settings.telegram_bot_token and needs_adapter("telegram", roles):
            from bot.adapters.telegram import TelegramAdapter  # the SDK only when it is used

            adapters.append(TelegramAdapter(settings, tuple(app.router)))
        if platforms and settings.discord_bot_token and needs_adapter("discord", roles):
            from bot.adapters.discord import DiscordAdapter

            adapters.append(DiscordAdapter(settings, tuple(app.router), app.complete))
        if everything and (console_only or not adapters or sys.stdin.isatty()):
            also = [a.name.capitalize() for a in adapters]
            adapters.append(console_adapter(settings, app, also, log_path))
        log.info("roles: %s", ", ".join(sorted(roles)))
        serving = asyncio.ensure_future(serve(app, adapters, roles=roles))
        # a service manager stops us with SIGTERM: finish like the console's /quit does
        loop = asyncio.get_running_loop()
        loop.set_exception_handler(report_loop_exception)
        loop.add_signal_handler(signal.SIGTERM, serving.cancel)
        try:
            await serving
        except asyncio.CancelledError:
            log.info("stopped by SIGTERM")
        finally:
            loop.remove_signal_handler(signal.SIGTERM)
    return 0


async def _ask(settings: Settings, text: str) -> int:
    from bot.adapters.console import console_incoming
    from bot.app import open_app
    from bot.render.plain import render_plain
    from handlers.types import UserRef

    async with open_app(settings) as app:
        reply = await app.dispatch(console_incoming(text, UserRef("cli", "cli", True, True)))
        print(render_plain(reply))
    return 1 if reply.error else 0


async def _seed(settings: Settings) -> int:
    from storage import open_storage
    from storage.seed import load_seed

    storage = await open_storage(settings.database_url)
    try:
        added = await load_seed(storage)
        print(f"{added} new seed claims; {await storage.claims.count()} claims in all.")
    finally:
        await storage.close()
    return 0


def _outbox_line(row: OutboxRow, now: float) -> str:
    from storage.protocols import OutboxState

    line = f"  #{row.id} {row.kind} -> {row.target}"
    if row.state is OutboxState.SENT and row.sent_at is not None:
        sent = datetime.fromtimestamp(row.sent_at, UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
        return f"{line}  sent {sent}"
    if row.state in (OutboxState.QUEUED, OutboxState.SENDING):
        wait = row.due_at - now
        line += f"  tries {row.attempts}, " + (f"due in {wait:.0f} s" if wait > 0 else "due now")
    if row.error:
        line += f"  ({row.error})"
    return line


async def _outbox(settings: Settings, limit: int) -> int:
    from storage import open_storage
    from storage.protocols import OutboxState

    storage = await open_storage(settings.database_url)
    try:
        counts = await storage.outbox.counts()
        print("Outbox: " + ", ".join(f"{n} {state.value}" for state, n in counts.items()))
        now = time.time()
        for state, title in (
            (OutboxState.SENDING, "Sending (leased by a worker)"),
            (OutboxState.QUEUED, "Queued, newest first"),
            (OutboxState.FAILED, "Failed, newest first"),
            (OutboxState.SENT, "Recently sent"),
        ):
            rows = await storage.outbox.rows(state, limit)
            if rows:
                print(f"\n{title}")
                print("\n".join(_outbox_line(r, now) for r in rows))
    finally:
        await storage.close()
    return 0


async def _documents(settings: Settings, args: argparse.Namespace) -> int:
    from bot.app import open_app
    from bot.cli_documents import refused_published, run_import, run_ingest

    if args.command == "ingest" and (refusal := refused_published(args)):
        print(refusal, file=sys.stderr)
        return 2
    async with open_app(settings) as app:
        if args.command == "ingest":
            return await run_ingest(args, app.ingestor)
        return await run_import(args, app.ingestor)


def main(argv: Sequence[str] | None = None) -> int:
    install_hooks()  # before anything can fail: every traceback printed is redacted
    args = _parser().parse_args(argv)
    if args.command == "extract":
        from bot.cli_documents import run_extract

        return run_extract(args)
    import asyncio

    from pydantic import ValidationError

    from bot.cli_audit import run_audit
    from bot.cli_db import run_db
    from bot.config import Settings, describe_error
    from bot.logs import password_in, setup_logging
    from bot.refused import refused_token
    from bot.roles import Role, parse_roles
    from claims.errors import StorageError

    try:
        settings = Settings()
    except ValidationError as exc:
        print(f"tally: {describe_error(exc)}", file=sys.stderr)
        return 2
    setup_logging(settings.log_level, [*settings.secrets(), *password_in(settings.database_url)])
    try:
        if args.command == "ask":
            return asyncio.run(_ask(settings, args.text))
        if args.command == "seed":
            return asyncio.run(_seed(settings))
        if args.command == "outbox":
            return asyncio.run(_outbox(settings, max(args.limit, 1)))
        if args.command == "db":
            return asyncio.run(run_db(args))
        if args.command == "audit":
            return asyncio.run(run_audit(settings.database_url, args))
        if args.command in ("ingest", "import"):
            return asyncio.run(_documents(settings, args))
        if args.command == "console":
            return asyncio.run(_run(settings, console_only=True, roles=frozenset(Role)))
        try:
            roles = parse_roles(args.role or settings.role)
        except ValueError as exc:
            print(f"tally: {exc}", file=sys.stderr)
            return 2
        if (problem := _check_roles(settings, roles)) is not None:
            print(f"tally: {problem}", file=sys.stderr)
            return 2
        return asyncio.run(_run(settings, console_only=False, roles=roles))
    except StorageError as exc:
        print(f"tally: {exc}", file=sys.stderr)
        return 2
    except Exception as exc:
        if (refusal := refused_token(exc)) is None:
            raise  # a bug: sys.excepthook prints it, redacted
        print(f"tally: {refusal}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
