"""The console as ``tally run`` and ``tally console`` open it: its first screen, its Tab
completion, and where the log goes while it has the terminal.

While the console has the terminal the log goes to a file beside the database (``tally.log``
beside ``tally.db``; in the working folder for PostgreSQL), so no log line lands between a
question and its answer; the first screen says where the log is.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from bot.adapters.console import QUIT, ConsoleAdapter
from handlers.line_completion import complete_line
from storage.urls import sqlite_path

if TYPE_CHECKING:
    from bot.app import App
    from bot.config import Settings

__all__ = ["console_adapter", "first_screen", "log_file"]

LOG_NAME = "tally.log"


def log_file(database_url: str) -> Path:
    """Where the log goes while the console has the terminal."""
    if database_url.startswith("sqlite:"):
        return sqlite_path(database_url).resolve().with_suffix(".log")
    return Path(LOG_NAME).resolve()


def _database(url: str) -> str:
    """The database as people name it: a file's path, or a server's host and database."""
    if url.startswith("sqlite:"):
        return str(sqlite_path(url).resolve())
    parts = urlsplit(url)
    return f"PostgreSQL {parts.hostname or 'localhost'}{parts.path}"


def first_screen(settings: Settings, platforms: list[str], log: Path | None) -> list[str]:
    """What the console says under its greeting: the database, the log, who else is served."""
    lines = [f"Database: {_database(settings.database_url)}"]
    if log is not None:
        lines.append(f"Log: {log}")
    if platforms:
        lines.append(f"Also answering on {' and '.join(platforms)}.")
    else:
        lines.append(
            "No bot token is set, so this console is the only chat: set TELEGRAM_BOT_TOKEN or "
            "DISCORD_BOT_TOKEN in .env to answer on Telegram or Discord too."
        )
    return lines


def console_adapter(
    settings: Settings, app: App, platforms: list[str], log: Path | None
) -> ConsoleAdapter:
    quit_words = tuple(sorted(w for w in QUIT if w.startswith("/")))

    async def complete(line: str) -> list[str]:
        return await complete_line(app.router, app.context, line, quit_words)

    return ConsoleAdapter(
        history=settings.console_history,
        complete=complete,
        first_screen=first_screen(settings, platforms, log),
    )
