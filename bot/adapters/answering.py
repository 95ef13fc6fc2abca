"""Answering a command in the chat it came from, whatever the platform.

An answer is not queued in the outbox (that would only delay a conversation); it waits out a
rate limit, up to a few tries, and is given up with a log line when the chat refuses it.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from typing import TypeVar

from claims.errors import DeliveryError, RetryLater

__all__ = ["ANSWER_ATTEMPTS", "send_answer"]

log = logging.getLogger(__name__)

ANSWER_ATTEMPTS = 3
M = TypeVar("M")


async def send_answer(send: Callable[[M], Awaitable[None]], parts: Sequence[M], where: str) -> None:
    """Send each part in order; stop at the first part that cannot be delivered."""
    for part in parts:
        for attempt in range(1, ANSWER_ATTEMPTS + 1):
            try:
                await send(part)
                break
            except RetryLater as exc:
                if attempt == ANSWER_ATTEMPTS:
                    log.warning("gave up answering %s: %s", where, exc)
                    return
                await asyncio.sleep(exc.delay)
            except DeliveryError as exc:
                log.warning("cannot answer %s: %s", where, exc)
                return
