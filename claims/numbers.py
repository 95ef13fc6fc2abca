"""Whole numbers that people and documents supply, read one way: ASCII digits, in a range.

``int()`` takes more than a reader means and fails late: it reads "²" as an error but "٣" as
3, converts any size up to 4,300 digits and then raises, and a database column overflows far
sooner (2^63). ``whole_number`` accepts the ten ASCII digits only and checks the range before
converting, so nothing a user types or a document states reaches ``int()`` unchecked.
"""

from __future__ import annotations

__all__ = ["MAX_COUNT", "MAX_ID", "NotANumber", "OutOfRange", "plausible_count", "whole_number"]

MAX_ID = 2**63 - 1
"""The largest whole number a database column holds (a signed 64-bit integer)."""

MAX_COUNT = 10**12
"""No casualty figure comes near it: a larger figure is a misreading, never a count."""


class NotANumber(ValueError):
    """The text is not written in the digits 0-9 alone."""


class OutOfRange(ValueError):
    """The number is written correctly but lies outside the range asked for."""

    def __init__(self, text: str, low: int, high: int) -> None:
        super().__init__(f"{text[:40]} is not between {low} and {high}")
        self.low, self.high = low, high


def whole_number(text: str, low: int = 0, high: int = MAX_ID) -> int:
    """``text`` as a whole number from ``low`` to ``high``; raises NotANumber or OutOfRange."""
    if not text or not text.isascii() or not text.isdigit():
        raise NotANumber(text[:40])
    significant = text.lstrip("0") or "0"
    if len(significant) > len(str(high)):  # too long to be in range: never convert it
        raise OutOfRange(text, low, high)
    value = int(significant)
    if not low <= value <= high:
        raise OutOfRange(text, low, high)
    return value


def plausible_count(value: int | None) -> bool:
    """A figure's bound (an absent one is fine) is a count of people that could be true."""
    return value is None or 0 <= value <= MAX_COUNT
