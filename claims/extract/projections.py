"""Figures that are not published counts: projections and hypotheticals.

"Casualties will approach 500,000 by the summer", "losses are expected to top a million",
"deaths could reach 100,000 should the war go on until 2026", "if the war lasts another year,
200,000 more would die": a figure in a clause about the future or about a condition states no
count. "Losses may be as high as 300,000" is an estimate of now and stays.
"""

from __future__ import annotations

import re

__all__ = ["is_projection"]

# the figure's clause: not across a semicolon, a dash or a sentence's end
_CLAUSE_BREAK = re.compile(r"[;—–]|\.\s")
_FUTURE = re.compile(
    r"(?i)\b(?:will|would|(?:is|are)\s+(?:expected|projected|forecast|set|likely|on\s+course"
    r"|on\s+track)\s+to|could\s+(?:soon\s+)?(?:reach|top|exceed|surpass|hit|climb|rise|double))"
    r"\b(?:\s+\w+){0,3}\s*$"
)
_CONDITION = re.compile(
    r"(?i)\b(?:should|if|unless|were)\s+(?:the\s+)?(?:war|fighting|conflict|offensive|siege"
    r"|current\s+rates?|attrition|this|it)\b[^.;]{0,40}\b(?:go\s+on|goes\s+on|continues?|lasts?"
    r"|persists?|drags?\s+on|holds?)\b|\bat\s+(?:this|the\s+current)\s+rate\b"
)


def is_projection(text: str, start: int, end: int) -> bool:
    """Whether the figure at ``start:end`` is projected or hypothetical rather than counted."""
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(text, 0, start)]
    clause_start = breaks[-1] if breaks else 0
    following = _CLAUSE_BREAK.search(text, end)
    clause_end = following.start() if following else len(text)
    if _FUTURE.search(text, max(clause_start, start - 60), start):
        return True
    return bool(_CONDITION.search(text[clause_start:clause_end]))
