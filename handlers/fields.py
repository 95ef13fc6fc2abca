"""The claim fields as moderators type them: reading ``<field> <value> ...``, the answers to
unknown fields and bad values, the help, and the prefilled ``/edit`` form.

Everything is derived from the one table in ``claims.corrections``.
"""

from __future__ import annotations

from collections.abc import Sequence

from claims.corrections import (
    FIELDS,
    MODAL_FIELDS,
    BadValue,
    Field,
    UnknownField,
    Values,
    parse_values,
    split_fields,
)
from claims.errors import UserError
from claims.model import Claim
from handlers.parse import clip
from handlers.types import Form, FormField

__all__ = ["add_form", "edit_form", "fields_help", "prefilled", "read_fields", "value_of"]


def _problem(error: BadValue, example: str) -> UserError:
    field = error.field
    if not error.given:
        return UserError(f"{field.name} needs a value: {field.form}, e.g. {example}")
    hint = f" — did you mean {error.close}?" if error.close else ""
    return UserError(
        f"{field.name} '{clip(error.given)}' is not one I can read{hint} "
        f"Write {field.name} as: {field.form}."
    )


def read_fields(
    words: Sequence[str], fields: Sequence[Field] = FIELDS, *, example: str
) -> tuple[Values, list[tuple[Field, str]]]:
    """The claim values the words set, and each field with its text as given."""
    try:
        pairs = split_fields(words, fields)
        return parse_values(pairs), pairs
    except UnknownField as exc:
        hint = f" — did you mean {exc.close}?" if exc.close else "."
        names = ", ".join(f.name for f in fields)
        raise UserError(f"unknown field '{clip(exc.word)}'{hint} Fields: {names}") from None
    except BadValue as exc:
        raise _problem(exc, example) from None


def fields_help(fields: Sequence[Field] = FIELDS) -> str:
    return "\n".join(f"  {f.name} — {f.help}: {f.form}" for f in fields)


def value_of(field: Field, claim: Claim) -> str:
    """The field's current value as it would be typed (quoted when it has several words)."""
    text = field.show(claim)
    return f'"{text}"' if " " in text else text


def prefilled(claim: Claim) -> str:
    """``/edit 4b6f918e metric killed party russia figure ~6,000 ...``: every field as it is."""
    parts = [f"{f.name} {value_of(f, claim)}" for f in FIELDS]
    return f"/edit {claim.short_id} " + " ".join(parts)


def edit_form(claim: Claim) -> Form:
    """The fields most often corrected, filled in; only what is changed is sent back."""
    fields = tuple(
        FormField(f.name, f"{f.name}: {f.form}"[:45], f.show(claim), word=f.name)
        for f in FIELDS
        if f.name in MODAL_FIELDS
    )
    return Form(
        f"Edit claim {claim.short_id}", f"/edit {claim.short_id}", fields, only_changed=True
    )


def add_form() -> Form:
    """/add in five inputs: the figure and metric, whose, who, the rest, and the source."""
    return Form(
        "Add a claim",
        "/add",
        (
            FormField("head", "Figure and metric, e.g. ~6,000 killed"),
            FormField("whose", "Whose people, e.g. russia military"),
            FormField("claimant", "Claimant, as written", word="by"),
            FormField("more", "More: side russia as-of 2022-09-21 ...", long=True),
            FormField("source", "Source: a URL or an outlet's name", word="source"),
        ),
    )
