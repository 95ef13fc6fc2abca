"""Rate limits the outbox worker keeps, so a platform never has to refuse us.

``Rate`` is a limit as configured (``30/1s``, ``20/60s``). Overall caps are kept by a token
bucket filled a little under the cap with room for a small burst (the two together never exceed
the cap in any period), so a worker that fell behind by a few milliseconds catches up without
a burst a platform's clock could see as over the limit. Per-chat limits are sliding windows: at
most N sends in any period.
"""

from __future__ import annotations

import math
import re
from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass, field

from handlers.types import ChatKind, ChatRef

__all__ = [
    "BURST_SHARE",
    "LOOKAHEAD",
    "PlatformPace",
    "PlatformRates",
    "Rate",
    "TokenBucket",
    "Window",
]

BURST_SHARE = 0.02
"""The share of an overall cap kept as burst room; the bucket refills at the rest."""
LOOKAHEAD = 0.1
"""Seconds of sends the worker leases at once."""
_RATE = re.compile(r"^\s*(\d+)\s*/\s*(\d+(?:\.\d+)?)?\s*(s|sec|m|min)?\s*$")


@dataclass(frozen=True, slots=True)
class Rate:
    limit: int
    period: float  # seconds

    def __post_init__(self) -> None:
        if self.limit < 1 or self.period <= 0:
            raise ValueError("a rate needs a positive count and period")

    @classmethod
    def parse(cls, text: str) -> Rate:
        """``30/1s``, ``30/s``, ``20/60s``, ``20/min``, ``5/5s``."""
        m = _RATE.match(text)
        if m is None:
            raise ValueError(f"not a rate: {text!r} (write it like 30/1s or 20/min)")
        amount = float(m.group(2)) if m.group(2) else 1.0
        unit = 60.0 if m.group(3) in ("m", "min") else 1.0
        return cls(int(m.group(1)), amount * unit)

    def __str__(self) -> str:
        return f"{self.limit}/{self.period:g}s"


class TokenBucket:
    """A token bucket: ``burst`` sends at once, refilled so that burst plus refill in any
    period stays within the rate."""

    def __init__(self, rate: Rate, share: float = BURST_SHARE) -> None:
        self.burst = max(1, int(rate.limit * share))
        self.interval = rate.period / max(rate.limit - self.burst, 1)
        # the moment the bucket was last empty, pretending it refills continuously
        self._empty_at = -math.inf

    def ready_at(self, now: float) -> float:
        full_since = now - self.burst * self.interval
        start = max(self._empty_at, full_since)
        return max(now, start + self.interval)

    def take(self, now: float) -> None:
        full_since = now - self.burst * self.interval
        self._empty_at = max(self._empty_at, full_since) + self.interval

    def lookahead(self, seconds: float = LOOKAHEAD) -> int:
        """How many sends the bucket allows over the next ``seconds``, at most."""
        return self.burst + math.ceil(seconds / self.interval)


class Window:
    """At most ``limit`` sends in any ``period`` seconds."""

    def __init__(self, rate: Rate) -> None:
        self.rate = rate
        self._times: deque[float] = deque()
        self.hold_until = 0.0

    def _forget(self, now: float) -> None:
        while self._times and self._times[0] <= now - self.rate.period:
            self._times.popleft()

    def ready_at(self, now: float) -> float:
        self._forget(now)
        ready = now if len(self._times) < self.rate.limit else self._times[0] + self.rate.period
        return max(ready, self.hold_until)

    def take(self, now: float) -> None:
        self._times.append(now)

    def idle(self, now: float) -> bool:
        self._forget(now)
        return not self._times and self.hold_until <= now


@dataclass(frozen=True, slots=True)
class PlatformRates:
    overall: Rate
    per_chat: Mapping[ChatKind, Rate] = field(default_factory=dict)


class PlatformPace:
    """One platform's overall spacing and its chats' windows."""

    def __init__(self, rates: PlatformRates) -> None:
        self.rates = rates
        self._overall = TokenBucket(rates.overall)
        self._chats: dict[str, Window] = {}

    def _window(self, target: ChatRef) -> Window | None:
        rate = self.rates.per_chat.get(target.kind)
        if rate is None:
            return None
        key = f"{target.kind.value}:{target.chat_id}"  # topics of a group share its limit
        window = self._chats.get(key)
        if window is None:
            window = self._chats[key] = Window(rate)
        return window

    def chat_ready_at(self, target: ChatRef, now: float) -> float:
        window = self._window(target)
        return now if window is None else window.ready_at(now)

    def overall_ready_at(self, now: float) -> float:
        return self._overall.ready_at(now)

    def lookahead(self) -> int:
        return self._overall.lookahead()

    def take(self, target: ChatRef, now: float) -> None:
        self._overall.take(now)
        if (window := self._window(target)) is not None:
            window.take(now)

    def hold(self, target: ChatRef, until: float) -> None:
        """The platform asked this chat to wait: nothing more goes to it before ``until``."""
        if (window := self._window(target)) is not None:
            window.hold_until = max(window.hold_until, until)

    def forget_idle(self, now: float) -> None:
        """Drop the windows of chats that have had nothing sent for a whole period."""
        for key in [k for k, w in self._chats.items() if w.idle(now)]:
            del self._chats[key]
