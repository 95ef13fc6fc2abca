"""A platform refusing Tally's token at start-up: said in one line that names the setting.

The SDKs raise their own error for a 401 (python-telegram-bot's ``InvalidToken``, whose message
quotes the token; discord.py's ``LoginFailure``), and it reaches ``tally run`` inside the task
group's exception group. Nothing here imports an SDK: an SDK that was never imported cannot
have raised.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator

__all__ = ["refused_token"]

_REFUSALS = (
    (
        "telegram.error",
        "InvalidToken",
        "Telegram refused TELEGRAM_BOT_TOKEN (401 Unauthorized): check the token @BotFather gave",
    ),
    (
        "discord.errors",
        "LoginFailure",
        "Discord refused DISCORD_BOT_TOKEN (401 Unauthorized): check the bot's token in the "
        "Developer Portal",
    ),
)


def _causes(error: BaseException) -> Iterator[BaseException]:
    """The error, what it groups and what caused it, all the way down."""
    seen: set[int] = set()
    pending = [error]
    while pending:
        current = pending.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        if isinstance(current, BaseExceptionGroup):
            pending.extend(current.exceptions)
        if current.__cause__ is not None:
            pending.append(current.__cause__)


def refused_token(error: BaseException) -> str | None:
    """The line to end with when a platform refused our token somewhere in ``error``, or None."""
    for current in _causes(error):
        for module, name, line in _REFUSALS:
            kind = getattr(sys.modules.get(module), name, None)
            if isinstance(kind, type) and isinstance(current, kind):
                return line
    return None
