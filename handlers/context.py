"""What every handler is given: the stores, the tracked conflict, the clock, the command list.

Built once by the composition root and passed in; handlers never reach for globals.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from claims.conflict import Conflict
from handlers.ingestion import Ingestion
from storage.protocols import Storage

if TYPE_CHECKING:
    from handlers.router import Command

__all__ = ["Context"]


def _utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass
class Context:
    storage: Storage
    conflict: Conflict
    clock: Callable[[], datetime] = _utcnow
    commands: Sequence[Command] = field(default_factory=tuple)
    page_size: int = 8
    default_timezone: str = "UTC"
    subscription_limit: int = 20
    ingestion: Ingestion | None = None
