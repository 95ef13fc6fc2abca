"""Discord's delivery errors in the adapter contract's terms (claims.errors).

discord.py waits out short rate limits itself; one longer than the client's
``max_ratelimit_timeout`` arrives here as ``RateLimited`` and says how long to wait. A channel
the bot cannot see or post in (403) or that is gone (404) will not come back by retrying;
any other refusal (400) is this message's fault; server errors, timeouts and dropped
connections pass.
"""

from __future__ import annotations

import asyncio

import aiohttp
import discord

from claims.errors import DeliveryError, PermanentFailure, RetryLater

__all__ = ["TRANSIENT_DELAY", "delivery_error"]

TRANSIENT_DELAY = 5.0
"""Seconds to wait after a timeout or a server error; whoever retries backs off from there."""


def _reason(exc: discord.HTTPException) -> str:
    text = exc.text or exc.response.reason or ""
    return f"{exc.status} {text}".strip() + (f" (code {exc.code})" if exc.code else "")


def delivery_error(exc: BaseException) -> DeliveryError:
    if isinstance(exc, discord.RateLimited):
        return RetryLater(exc.retry_after, f"Discord asked to wait {exc.retry_after:g} s")
    if isinstance(exc, discord.Forbidden | discord.NotFound):
        return PermanentFailure(_reason(exc))
    if isinstance(exc, discord.DiscordServerError):
        return RetryLater(TRANSIENT_DELAY, _reason(exc), backoff=True)
    if isinstance(exc, discord.HTTPException):
        if exc.status == 429:  # a 429 from the edge, not the API: no retry_after to trust
            return RetryLater(TRANSIENT_DELAY, _reason(exc), backoff=True)
        return PermanentFailure(_reason(exc), reachable=True)
    if isinstance(exc, TimeoutError | asyncio.TimeoutError):
        return RetryLater(TRANSIENT_DELAY, "Discord did not answer in time", backoff=True)
    if isinstance(exc, aiohttp.ClientError | OSError):
        return RetryLater(TRANSIENT_DELAY, f"connection to Discord failed: {exc}", backoff=True)
    raise TypeError(f"not a delivery error: {exc!r}")
