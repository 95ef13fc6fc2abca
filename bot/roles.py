"""What a process does: answer Telegram (``web``), answer Discord (``gateway``), deliver the
outbox (``worker``), plan digests and alerts and poll feeds (``scheduler``), or ``all`` of it.

A deployment on one machine runs one process with ``all``. A larger one splits the roles over
processes sharing a PostgreSQL database; any number of each may run, and the scheduler's work is
done by whichever process holds the leadership (bot/leader.py).
"""

from __future__ import annotations

import difflib
from enum import StrEnum

__all__ = ["ANSWERS", "Role", "needs_adapter", "parse_roles"]


class Role(StrEnum):
    WEB = "web"
    GATEWAY = "gateway"
    WORKER = "worker"
    SCHEDULER = "scheduler"


ALL = "all"

ANSWERS = {"telegram": Role.WEB, "discord": Role.GATEWAY}
"""The role that answers each platform's users; without it, a process's adapter only sends."""


def needs_adapter(platform: str, roles: frozenset[Role]) -> bool:
    """Whether a process with these roles talks to the platform: to answer, or to deliver."""
    return ANSWERS[platform] in roles or Role.WORKER in roles


def parse_roles(text: str) -> frozenset[Role]:
    """``web``, ``worker,scheduler`` or ``all``; a ValueError that names the roles otherwise."""
    names = [n.strip().lower() for n in text.split(",") if n.strip()]
    if not names:
        raise ValueError("no role given; use web, gateway, worker, scheduler or all")
    roles: set[Role] = set()
    for name in names:
        if name == ALL:
            roles.update(Role)
            continue
        try:
            roles.add(Role(name))
        except ValueError:
            known = [r.value for r in Role] + [ALL]
            close = difflib.get_close_matches(name, known, n=1)
            hint = f" (did you mean {close[0]}?)" if close else ""
            raise ValueError(
                f"unknown role {name!r}{hint}; use {', '.join(known)}, or several joined by commas"
            ) from None
    return frozenset(roles)
