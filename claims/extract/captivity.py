"""Whose people a count of prisoners or hostages is: the people held, not the side holding them.

"230 Ukrainians were freed from Russian captivity", "Kyiv handed over 90 prisoners", "hostages
abducted by Hamas", "Moscow is holding 1,300 prisoners": the party named with the captivity is
the captor, and the prisoners are its opponent's people. A figure that names its own people
("90 prisoners, all Russian servicemen") needs none of this: the captor decides only when the
figure's words leave its party open. ``is_captor`` tells the party words that name a captor.
"""

from __future__ import annotations

import re

__all__ = ["is_captor"]

# the captor named before its captivity: "Russian captivity", "Russian-held", "Israeli custody"
_CAPTIVITY_AFTER = re.compile(
    r"(?i)^(?:['’]s)?(?:\s+(?:captivity|custody|prisons?|jails?|detention|captors)\b|-held\b)"
)
# the captor as the subject of a verb of holding or giving up prisoners, with its figure as the
# object ("Russian troops captured 300", not "Ukrainian troops captured ... are 6,000")
_HOLDING_AFTER = re.compile(
    r"(?i)^(?:['’]s)?(?:\s+(?:forces|troops|army|military|side|authorities))?"
    r"\s+(?:(?:has|have|had|is|are|was|were)\s+)?(?:been\s+)?(?:still\s+)?"
    r"(?:holding|holds|held|captured|took|takes|seized|abducted|kidnapped|handed\s+over"
    r"|hands\s+over|released|releases|freed|frees|transferred)(?=\s+(?:(?!(?:is|was|are|were|at|to|stood|stands|reached|rose)\b)[a-z]+\s+){0,2}\d)"
)
# the captor after "by", or the place it holds them: "abducted by the Hamas terror group",
# "held by Russia", "taken to Gaza"
_BY_BEFORE = re.compile(
    r"(?i)\b(?:held|abducted|kidnapped|captured|taken|seized|detained|imprisoned|kept)"
    r"(?:\s+(?:hostage|captive|prisoner))?(?:\s+by|\s+(?:in|to|into))\s+(?:the\s+)?$"
)


def is_captor(text: str, start: int, end: int) -> bool:
    """Whether the party word at ``start:end`` names the side holding prisoners."""
    after = text[end : end + 200]  # far more than the phrases above span; not the whole text
    return bool(
        _CAPTIVITY_AFTER.match(after)
        or _HOLDING_AFTER.match(after)
        or _BY_BEFORE.search(text[max(0, start - 40) : start])
    )
