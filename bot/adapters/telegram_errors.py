"""Telegram's delivery errors in the adapter contract's terms (claims.errors).

A 429 says how long to wait; a blocked bot, a kicked bot or a vanished chat will not come
back; a group that became a supergroup has a new id; timeouts and server errors pass.
"""

from __future__ import annotations

import os
from dataclasses import replace
from datetime import timedelta

from telegram import error as tg

from claims.errors import ChatMoved, DeliveryError, PermanentFailure, RetryLater
from handlers.types import ChatRef

__all__ = ["TRANSIENT_DELAY", "delivery_error"]

# RetryAfter.retry_after as a timedelta (PTB's coming default), and no deprecation warning
os.environ.setdefault("PTB_TIMEDELTA", "true")

TRANSIENT_DELAY = 5.0
"""Seconds to wait after a timeout or a server error; whoever retries backs off from there."""


def delivery_error(exc: tg.TelegramError, target: ChatRef) -> DeliveryError:
    if isinstance(exc, tg.RetryAfter):
        wait = exc.retry_after
        seconds = wait.total_seconds() if isinstance(wait, timedelta) else float(wait)
        return RetryLater(seconds, f"Telegram asked to wait {seconds:g} s")
    if isinstance(exc, tg.ChatMigrated):
        return ChatMoved(str(replace(target, chat_id=str(exc.new_chat_id))))
    if isinstance(exc, tg.Forbidden | tg.InvalidToken):  # blocked, kicked
        return PermanentFailure(exc.message)
    if isinstance(exc, tg.BadRequest):
        # "chat not found" is gone for good; anything else is this message refused (no right
        # to post photos, say) in a chat that can still be told about it
        gone = "chat not found" in exc.message.lower()
        return PermanentFailure(exc.message, reachable=not gone)
    return RetryLater(TRANSIENT_DELAY, exc.message or type(exc).__name__, backoff=True)
