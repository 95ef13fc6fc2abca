"""Rate limits the outbox worker keeps, so a platform never has to refuse us.

``Rate`` is a limit as configured (``30/1s``, ``20/60s``). Overall caps are kept by spacing
sends evenly, a little under the cap: a burst that a platform's own clock could see as over
the limit never leaves. Per-chat limits are sliding windows: at most N sends in any period.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass, field

from handlers.types import ChatKind, ChatRef

__all__ = ["MARGIN", "PlatformPace", "PlatformRates", "Rate", "Spacing", "Window"]

MARGIN = 0.98
"""Overall caps are paced at this fraction of the configured rate."""
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

    def scaled(self, factor: float) -> Rate:
        return Rate(max(1, round(self.limit * factor)), self.period)

    def __str__(self) -> str:
        return f"{self.limit}/{self.period:g}s"


class Spacing:
    """One send every ``period / limit`` seconds (slightly more: MARGIN)."""

    def __init__(self, rate: Rate, margin: float = MARGIN) -> None:
        self.interval = rate.period / (rate.limit * margin)
        self._next = 0.0

    def ready_at(self, now: float) -> float:
        return max(now, self._next)

    def take(self, now: float) -> None:
        self._next = max(now, self._next) + self.interval


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
        self._overall = Spacing(rates.overall)
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
