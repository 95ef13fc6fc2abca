"""Logging set-up, with every secret redacted from everything the process prints.

One ``Redactor`` (``REDACTOR``) knows the secrets: bot tokens, the webhook secret, the
database's password, and any password written into a URL (``scheme://user:password@``). Every
way text leaves the process goes through it, after tracebacks are rendered, so a token inside
an exception message or a URL in a traceback is caught too:

- log lines, by the formatter of the root handler (``setup_logging``), ``exc_info`` included;
- what logging prints before it is set up (Python's last-resort handler);
- an uncaught exception, in the main thread or another (``sys.excepthook``,
  ``threading.excepthook``), and one the asyncio loop only reports (its exception handler).

``install_hooks`` is the first thing ``tally`` does; the secrets are added once the settings
are read.
"""

from __future__ import annotations

import logging
import re
import sys
import threading
import traceback
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlsplit

__all__ = [
    "REDACTOR",
    "RedactingFormatter",
    "Redactor",
    "install_hooks",
    "log_to_file",
    "password_in",
    "report_loop_exception",
    "setup_logging",
]

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
REDACTED = "[redacted]"
_URL_PASSWORD = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://[^/\s:@]*:)[^@\s/]+@")

if TYPE_CHECKING:
    import asyncio

log = logging.getLogger(__name__)


class Redactor:
    """Replaces every known secret, as written and as a URL would quote it, in any text."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        self._secrets: list[str] = []
        self.add(secrets)

    def add(self, secrets: Iterable[str]) -> None:
        known = set(self._secrets)
        for secret in secrets:
            if secret:
                known |= {secret, quote(secret, safe="")}
        self._secrets = sorted(known, key=len, reverse=True)

    def __call__(self, text: str) -> str:
        for secret in self._secrets:
            text = text.replace(secret, REDACTED)
        return _URL_PASSWORD.sub(rf"\1{REDACTED}@", text)


REDACTOR = Redactor()


def password_in(url: str) -> list[str]:
    """The password written into a URL (a database's), as a list of secrets to redact."""
    try:
        password = urlsplit(url).password
    except ValueError:
        return []
    return [password] if password else []


class RedactingFormatter(logging.Formatter):
    """Formats a record, traceback and all, then redacts every secret ``REDACTOR`` knows."""

    def __init__(self, secrets: Iterable[str] = (), fmt: str = FORMAT) -> None:
        super().__init__(fmt)
        REDACTOR.add(secrets)

    def format(self, record: logging.LogRecord) -> str:
        return REDACTOR(super().format(record))


def _print_exception(
    kind: type[BaseException], error: BaseException, trace: TracebackType | None
) -> None:
    text = "".join(traceback.format_exception(kind, error, trace))
    sys.stderr.write(REDACTOR(text))
    sys.stderr.flush()


def _thread_exception(args: threading.ExceptHookArgs) -> None:
    if args.exc_value is not None and not isinstance(args.exc_value, SystemExit):
        name = args.thread.name if args.thread is not None else "a thread"
        sys.stderr.write(REDACTOR(f"Exception in {name}:\n"))
        _print_exception(args.exc_type, args.exc_value, args.exc_traceback)


def install_hooks() -> None:
    """Send what no logger catches through the redaction: uncaught exceptions in any thread,
    and records logged before ``setup_logging`` (Python's last-resort handler)."""
    sys.excepthook = _print_exception
    threading.excepthook = _thread_exception
    last_resort = logging.StreamHandler(sys.stderr)
    last_resort.setLevel(logging.WARNING)
    last_resort.setFormatter(RedactingFormatter(fmt="%(message)s"))
    logging.lastResort = last_resort


def report_loop_exception(loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
    """The asyncio loop's exception handler: what it reports is logged, so redacted."""
    details = ", ".join(
        f"{key}: {value!r}" for key, value in context.items() if key not in ("message", "exception")
    )
    message = context.get("message") or "unhandled exception in the event loop"
    log.error(
        "%s%s", message, f" ({details})" if details else "", exc_info=context.get("exception")
    )


def setup_logging(level: str, secrets: Iterable[str] = ()) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(RedactingFormatter(secrets))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)


def log_to_file(path: Path) -> None:
    """From now on every log line goes to ``path`` (appended), redacted like the rest."""
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(RedactingFormatter())
    logging.getLogger().handlers[:] = [handler]
