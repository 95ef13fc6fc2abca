"""What fits the word being typed at the end of a command line, for a terminal's Tab key.

The first word completes to a command; each word after it to what the command declares for that
place: its next arguments' values (through each argument's completer, so "dead" offers killed
and "dprk" north_korea), the names of its keywords and flags not yet used (``since``, ``all``),
and after a keyword's name, that keyword's value.
"""

from __future__ import annotations

from handlers.context import Context
from handlers.parse import rank
from handlers.router import COMPLETIONS, Command, Form, Param, Router

__all__ = ["complete_line"]

_NAMED = (Form.KEYWORD, Form.FLAG)  # written after their own name, anywhere after the command


async def complete_line(
    router: Router, ctx: Context, line: str, extra_commands: tuple[str, ...] = ()
) -> list[str]:
    """Suggestions for the last word of ``line`` ("" when it ends in a space), best first.

    ``extra_commands`` are commands the caller answers itself (the console's /quit)."""
    words = line.split()
    typed = "" if not words or line[-1:].isspace() else words.pop()
    if not words:
        names = [c.name for c in router] + [c.lstrip("/") for c in extra_commands]
        return ["/" + n for n in rank(typed.lstrip("/"), names)][:COMPLETIONS]
    command = router.get(words[0].lstrip("/"))
    if command is None:
        return []
    values, names = _open_places(command, words[1:])
    found: list[str] = []
    for param in values:
        found += await router.complete(command.name, param.name, typed, ctx)
    named = rank(typed, names)  # few, and kept however many values there are
    values_found = [v for v in dict.fromkeys(found) if v not in named]
    return values_found[: COMPLETIONS - len(named)] + named


def _open_places(command: Command, before: list[str]) -> tuple[list[Param], list[str]]:
    """The arguments whose value the next word may be, and the names it may be (keywords and
    flags not yet used), given the words typed after the command."""
    keyword = {p.name: p for p in command.params if p.form is Form.KEYWORD}
    if before and (value_of := keyword.get(before[-1].lower())) is not None:
        return [value_of], []  # the word after "since" is its date
    named = {p.name for p in command.params if p.form in _NAMED}
    places = [p for p in command.params if p.form not in _NAMED]
    position, after_keyword = 0, False
    for word in before:
        low = word.lower()
        if after_keyword or low in named:
            after_keyword = low in keyword and not after_keyword
            continue
        if position < len(places) and places[position].form is not Form.WORDS:
            position += 1  # free text takes every word to the end of the line
    values: list[Param] = []
    for param in places[position:]:
        values.append(param)
        if param.required:
            break  # what follows a required argument cannot come before it
    used = {w.lower() for w in before}
    return values, [p.name for p in command.params if p.form in _NAMED and p.name not in used]
