"""The boundary types every adapter translates to and from.

``Incoming`` is what a user sent, ``ChatRef`` where (it round-trips through a string so the
outbox and subscriptions can store it), and ``Reply`` is what to answer as platform-neutral
blocks. Every string in a block is plain text: renderers escape it for their platform, so no
handler ever builds markup.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum

__all__ = [
    "Block",
    "Button",
    "ChatKind",
    "ChatRef",
    "Entry",
    "Fields",
    "Form",
    "FormField",
    "Heading",
    "Image",
    "Incoming",
    "Quote",
    "Reply",
    "Text",
    "UserRef",
]


class ChatKind(StrEnum):
    PRIVATE = "private"
    GROUP = "group"
    CHANNEL = "channel"


@dataclass(frozen=True, slots=True)
class ChatRef:
    """A chat (and topic or thread) on one platform: ``telegram:group:-1001234:17``."""

    platform: str
    chat_id: str
    kind: ChatKind = ChatKind.PRIVATE
    thread_id: str | None = None

    def __post_init__(self) -> None:
        for part in (self.platform, self.chat_id, self.thread_id or "x"):
            if not part or ":" in part:
                raise ValueError(f"a chat reference part cannot be empty or hold ':': {part!r}")

    def __str__(self) -> str:
        text = f"{self.platform}:{self.kind.value}:{self.chat_id}"
        return f"{text}:{self.thread_id}" if self.thread_id else text

    @classmethod
    def parse(cls, text: str) -> ChatRef:
        parts = text.split(":")
        if len(parts) not in (3, 4):
            raise ValueError(f"not a chat reference: {text!r}")
        platform, kind, chat_id = parts[:3]
        return cls(platform, chat_id, ChatKind(kind), parts[3] if len(parts) == 4 else None)


@dataclass(frozen=True, slots=True)
class UserRef:
    id: str
    name: str = ""
    is_chat_admin: bool = False
    is_moderator: bool = False


@dataclass(frozen=True, slots=True)
class Incoming:
    """A command as any platform delivers it: ``/estimates killed russia`` -> command, args."""

    chat: ChatRef
    user: UserRef
    command: str
    args: tuple[str, ...] = ()
    received_at: datetime = field(default_factory=lambda: datetime.now(UTC))

    @property
    def platform(self) -> str:
        return self.chat.platform


@dataclass(frozen=True, slots=True)
class Heading:
    text: str


@dataclass(frozen=True, slots=True)
class Text:
    text: str
    muted: bool = False


@dataclass(frozen=True, slots=True)
class Quote:
    text: str
    source: str = ""


@dataclass(frozen=True, slots=True)
class Fields:
    """Labelled values, one a line: ``Claimant: Ukraine``."""

    pairs: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class Entry:
    """One claim row: the figure, who claims it, when, where it was reported, its short id."""

    figure: str
    claimant: str
    tags: tuple[str, ...] = ()
    when: str = ""
    source: str = ""
    ref: str = ""
    note: str = ""


@dataclass(frozen=True, slots=True)
class Image:
    data: bytes
    caption: str = ""
    filename: str = "chart.png"


Block = Heading | Text | Quote | Fields | Entry | Image


@dataclass(frozen=True, slots=True)
class Button:
    """A button that, pressed, runs ``command`` as if the user had typed it."""

    label: str
    command: str


@dataclass(frozen=True, slots=True)
class FormField:
    """One input of a form: ``word`` is written before its value in the command it builds
    (``figure``, ``by``; empty for none), and the value is quoted when it has spaces."""

    name: str
    label: str
    value: str = ""
    word: str = ""
    long: bool = False


@dataclass(frozen=True, slots=True)
class Form:
    """Inputs a platform with forms (Discord's modals) may offer instead of the reply's text;
    submitted, they build a command (``/edit 4b6f918e figure ~6,000``). Elsewhere the reply's
    blocks say the same in words."""

    title: str
    prefix: str
    fields: tuple[FormField, ...]
    only_changed: bool = False  # an edit sends only what was changed

    def command(self, values: dict[str, str]) -> str:
        words = [self.prefix]
        for f in self.fields:
            value = " ".join(values.get(f.name, "").split())
            if not value or (self.only_changed and value == f.value):
                continue
            if f.word and " " in value and not value.startswith('"'):
                value = f'"{value}"'
            words += [f.word, value] if f.word else [value]
        return " ".join(words)


@dataclass(frozen=True, slots=True)
class Reply:
    blocks: tuple[Block, ...]
    buttons: tuple[Button, ...] = ()
    error: bool = False
    form: Form | None = None

    @classmethod
    def text(cls, text: str, *, error: bool = False) -> Reply:
        return cls((Text(text),), error=error)
