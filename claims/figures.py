"""Faithful rendering of a figure as its claimant put it, and the values used to compare figures.

A claim keeps the hedge of its source: ">50,000" is not "50,000", and "up to 4,000" is not
"about 4,000". Rendering keeps that hedge visible in a few characters.
"""

from __future__ import annotations

from claims.vocab import Qualifier

__all__ = ["ceiling", "check_figure", "floor", "render_figure"]


def check_figure(low: int | None, high: int | None, qualifier: Qualifier) -> None:
    """Raise ValueError unless low and high fit the qualifier."""
    for bound in (low, high):
        if bound is not None and bound < 0:
            raise ValueError("a figure cannot be negative")
    if qualifier is Qualifier.AT_LEAST:
        ok = low is not None and high is None
    elif qualifier is Qualifier.AT_MOST:
        ok = low is None and high is not None
    elif qualifier is Qualifier.RANGE:
        ok = low is not None and high is not None and low <= high
    else:
        ok = low is not None and low == high
    if not ok:
        raise ValueError(f"low={low} high={high} do not fit qualifier {qualifier.value}")


def _n(value: int) -> str:
    return f"{value:,}"


def render_figure(low: int | None, high: int | None, qualifier: Qualifier) -> str:
    """``15,000``, ``~6,000``, ``>50,000``, ``≤4,000`` or ``2,000–4,000``."""
    if qualifier is Qualifier.AT_LEAST and low is not None:
        return f">{_n(low)}"
    if qualifier is Qualifier.AT_MOST and high is not None:
        return f"≤{_n(high)}"
    if qualifier is Qualifier.RANGE and low is not None and high is not None:
        return f"{_n(low)}–{_n(high)}"
    value = low if low is not None else high
    if value is None:
        return "?"
    return f"~{_n(value)}" if qualifier is Qualifier.APPROX else _n(value)


def floor(low: int | None, high: int | None) -> int:
    """The smallest number the figure allows, for finding the low end of a spread."""
    value = low if low is not None else high
    return value if value is not None else 0


def ceiling(low: int | None, high: int | None) -> int:
    """The largest number the figure names, for finding the high end of a spread."""
    value = high if high is not None else low
    return value if value is not None else 0
