"""Many fixed phrases found in text at once, at a cost that grows with the text, not the list.

A regular expression of a thousand alternatives ("north korea|hezbollah|kyiv|...") tries each
of them at every position of the text, so a list as long as the party registry makes every
search slow. ``PhraseSearch`` looks each word of the text up by its first word instead and finds
exactly the matches of the pattern ``(?<![\\w-])(phrase|...)(?:['’]s)?(?!\\w)``, case-insensitive,
the longest phrase first: a phrase stands as whole words (not after a word character or a
hyphen, not before a word character), may carry a possessive "'s", and matches do not overlap.
Without the possessive and with a phrase allowed after a hyphen, the pattern is
``\\b(phrase|...)\\b``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cached_property

__all__ = ["PhraseSearch"]

_WORD = re.compile(r"\w+")
# letters that a case-insensitive pattern equates with another letter which lower() does not
# give ("ſ" and "s", "ı" and "i"); a text holding one is searched with the pattern itself
_SPECIAL_FOLDS = "ſıẛﬅﬆ"


def _is_word(char: str) -> bool:
    return bool(char) and (char.isalnum() or char == "_")


class PhraseSearch:
    """Where any of ``phrases`` (lower case, each starting with a word character) stands."""

    def __init__(
        self, phrases: Iterable[str], *, possessive: bool = True, after_hyphen: bool = False
    ) -> None:
        self._phrases = sorted(set(phrases), key=len, reverse=True)
        self._possessive = possessive
        self._after_hyphen = after_hyphen
        self._by_first: dict[str, list[str]] = {}
        for phrase in self._phrases:
            first = _WORD.match(phrase)
            if first is None or phrase != phrase.lower():
                raise ValueError(f"not a lower-case phrase starting with a word: {phrase!r}")
            if after_hyphen and not _is_word(phrase[-1]):
                raise ValueError(f"not a phrase ending with a word: {phrase!r}")
            self._by_first.setdefault(first.group(0), []).append(phrase)

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        """The regular expression whose matches ``spans`` gives."""
        alternatives = "|".join(re.escape(p) for p in self._phrases)
        before = r"\b" if self._after_hyphen else r"(?<![\w-])"
        possessive = r"(?:['’]s)?" if self._possessive else ""
        return re.compile(rf"{before}({alternatives}){possessive}(?!\w)", re.IGNORECASE)

    def spans(self, text: str) -> Iterator[tuple[int, int]]:
        """Each phrase in ``text`` as its (start, end), possessive left out, in order."""
        lowered = text.lower()
        if len(lowered) != len(text) or any(char in text for char in _SPECIAL_FOLDS):
            yield from (m.span(1) for m in self.pattern.finditer(text))
            return
        taken = 0
        by_first = self._by_first
        for word in _WORD.finditer(lowered):  # lower() keeps every character a word or not
            phrases = by_first.get(word.group())
            if phrases is None:
                continue
            start = word.start()
            if start < taken or (not self._after_hyphen and text[start - 1 : start] == "-"):
                continue
            for phrase in phrases:
                if not lowered.startswith(phrase, start):
                    continue
                end = start + len(phrase)
                possessive = self._possessive and text[end : end + 2] in ("'s", "'S", "’s", "’S")
                if possessive and not _is_word(text[end + 2 : end + 3]):
                    taken = end + 2
                    yield start, end
                    break
                if not _is_word(text[end : end + 1]):
                    taken = end
                    yield start, end
                    break
