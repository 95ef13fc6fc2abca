"""Arguments several commands declare alike."""

from __future__ import annotations

from claims.vocab import Metric
from handlers.completion import vocabulary
from handlers.router import Form, Param

__all__ = ["CONTEXT", "METRIC"]

METRIC = Param(
    "metric",
    "what was counted",
    tuple(m.value for m in Metric),
    required=True,
    complete=vocabulary(Metric),
)
CONTEXT = Param("all", "also figures from other wars and earlier periods", form=Form.FLAG)
