"""/subscribe, /subscriptions, /unsubscribe, /resume, /digest and /settings: a chat's alerts.

In a group, a channel or a guild channel only the chat's administrators may change what the
chat receives; in a private chat the user may. The refusal says so.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import time, timedelta

from claims.errors import UserError
from claims.filters import ClaimFilter
from claims.registry import party_info, party_named, party_suggestions
from claims.schedule import WEEKDAYS, Schedule, parse_clock, zone_named, zone_names
from claims.vocab import ClaimantSide, Kind, Metric, Party, lookup
from handlers.completion import zones
from handlers.context import Context
from handlers.digest import change_reply
from handlers.parse import (
    MAX_PARTY_WORDS,
    clip,
    parse_number,
    parse_party,
    suggest,
    unknown_party,
)
from handlers.router import Form, Param, Router
from handlers.types import Block, Button, ChatKind, Fields, Heading, Incoming, Reply, Text
from storage.protocols import Subscription

__all__ = ["SubscribeRequest", "parse_subscribe", "router"]

router = Router("subscriptions")
DEFAULT_TIME = time(9, 0)
_SCHEDULE_WORDS = ("instant", "daily", "weekly")


@dataclass
class SubscribeRequest:
    metrics: set[Metric] = field(default_factory=set)
    parties: set[Party] = field(default_factory=set)
    sides: set[ClaimantSide] = field(default_factory=set)
    kinds: set[Kind] = field(default_factory=set)
    mode: str | None = None  # instant, daily or weekly; None until a word says
    weekday: int | None = None
    at: time | None = None
    zone: str | None = None

    @property
    def filter(self) -> ClaimFilter:
        return ClaimFilter(
            frozenset(self.metrics),
            frozenset(self.parties),
            frozenset(self.sides),
            frozenset(self.kinds),
        )

    def schedule(self, default_zone: str) -> Schedule | None:
        if self.mode in (None, "instant"):
            return None
        weekday = (self.weekday or 0) if self.mode == "weekly" else None
        return Schedule(self.at or DEFAULT_TIME, self.zone or default_zone, weekday)


def _side(word: str) -> ClaimantSide:
    found = lookup(ClaimantSide, word)
    party = party_info(party_named(word) or "")
    if found is None and party is not None:
        found = party.side
    if found is None:
        raise suggest("claimant side", word, [s.value for s in ClaimantSide])
    return found


def _unknown_word(word: str, rest: Sequence[str] = ()) -> UserError:
    """What an unknown word may have meant: a vocabulary word, or a party of one or more words
    ("north kora" — did you mean north_korea?)."""
    valid = [
        "all",
        *_SCHEDULE_WORDS,
        "by",
        *(m.value for m in Metric),
        *(k.value for k in Kind),
    ]
    if not difflib.get_close_matches(word.lower(), valid, n=1):
        for n in range(min(len(rest), MAX_PARTY_WORDS), 0, -1):
            if party_suggestions(phrase := " ".join(rest[:n])):
                return unknown_party(phrase)
    return suggest("word", word, [*valid, "a country or people (russia, north_korea, ...)"])


def parse_subscribe(args: Sequence[str]) -> SubscribeRequest:
    """``killed wounded russia by ukraine daily 09:00 Europe/Kyiv`` in any order."""
    req = SubscribeRequest()
    words = list(args)
    at = 0
    while at < len(words):
        word = words[at]
        low = word.lower()
        at += 1
        if low == "all":
            continue
        if low in _SCHEDULE_WORDS:
            req.mode = low
        elif low == "by":
            side, at = (words[at], at + 1) if at < len(words) else (None, at)
            if side is None:
                raise UserError("'by' needs a claimant side, e.g. by ukraine.")
            req.sides.add(_side(side))
        elif req.mode == "weekly" and low[:3] in WEEKDAYS and low.isalpha():
            req.weekday = WEEKDAYS.index(low[:3])
        elif (clock := parse_clock(low)) is not None:
            req.at = clock
        elif (m := lookup(Metric, low)) is not None:
            req.metrics.add(m)
        elif (named := parse_party(words[at - 1 :])) is not None:
            req.parties.add(named[0])
            at += named[1] - 1
        elif (k := lookup(Kind, low)) is not None:
            req.kinds.add(k)
        elif (zone := zone_named(word)) is not None:
            req.zone = zone
        elif "/" in word:
            raise _unknown_zone(word)
        else:
            raise _unknown_word(word, words[at - 1 :])
    timed = req.at is not None or req.zone is not None
    if req.mode == "instant" and timed:
        raise UserError("Instant alerts have no time; say daily or weekly with the time.")
    if req.mode is None:
        req.mode = "daily" if timed else "instant"
    return req


def _unknown_zone(word: str) -> UserError:
    names = zone_names()
    lowered = {n.lower(): n for n in names}
    close = difflib.get_close_matches(word.lower(), list(lowered), n=1, cutoff=0.6)
    hint = f" — did you mean {lowered[close[0]]}?" if close else ""
    return UserError(
        f"unknown time zone '{clip(word)}'{hint} Use a name from the tz database, "
        "e.g. Europe/Kyiv, Europe/London, America/New_York or UTC."
    )


def _require_admin(msg: Incoming, what: str) -> None:
    if msg.chat.kind is not ChatKind.PRIVATE and not msg.user.is_chat_admin:
        raise UserError(
            f"Only this chat's administrators can {what}. Ask one of them, or subscribe in a "
            "private chat with me."
        )


async def _zone(msg: Incoming, ctx: Context) -> str:
    return await ctx.storage.subscriptions.timezone(str(msg.chat)) or ctx.default_timezone


def _when(sub: Subscription, ctx: Context) -> str:
    if sub.schedule is None:
        return "instant alerts"
    following = sub.schedule.next(ctx.clock())
    return f"{sub.schedule}; next {sub.schedule.local(following)}"


def _describe(sub: Subscription, ctx: Context) -> Fields:
    if sub.active:
        state = "active"
    else:
        state = f"paused: {sub.pause_reason}. Once that is fixed, /resume {sub.id}"
    return Fields(
        (
            (f"#{sub.id}", sub.filter.describe()),
            ("When", _when(sub, ctx)),
            ("State", state),
        )
    )


@router.command(
    "subscribe",
    params=(
        Param(
            "filter",
            "metrics, whose losses, 'by' a claimant side, kinds; or all",
            required=True,
            form=Form.WORDS,
        ),
        Param("when", "instant, daily HH:MM [zone] or weekly DAY HH:MM [zone]", form=Form.WORDS),
    ),
)
async def subscribe(msg: Incoming, ctx: Context) -> Reply:
    """Get new figures in this chat: instantly, or as a daily or weekly digest.

    Usage: /subscribe <filter> [instant | daily HH:MM [zone] | weekly DAY HH:MM [zone]]
    The filter names metrics (killed, wounded, ...), whose losses (russia, ukraine, ...),
    'by' a claimant side (by ukraine), kinds (claimed, estimated, counted, modelled), or all.
    Instant alerts come within seconds of new figures, several at once as one message. A
    digest comes at its local time with every figure published since the last one, each with
    the claimant's previous figure and the spread; nothing is sent when nothing is new. The
    zone defaults to the chat's (/settings tz).
    Examples: /subscribe killed wounded russia instant
              /subscribe all daily 09:00 Europe/Kyiv
              /subscribe killed weekly mon 08:00
    """
    _require_admin(msg, "change its subscriptions")
    if not msg.args:
        raise UserError(
            "What should I send? e.g. /subscribe killed russia instant, or "
            "/subscribe all daily 09:00 Europe/Kyiv. /help subscribe explains."
        )
    req = parse_subscribe(msg.args)
    schedule = req.schedule(await _zone(msg, ctx))
    chat = str(msg.chat)
    existing = await ctx.storage.subscriptions.for_chat(chat)
    if len(existing) >= ctx.subscription_limit:
        raise UserError(
            f"This chat has {len(existing)} subscriptions, the most it may have. "
            "/unsubscribe one first."
        )
    now = ctx.clock()
    last_slot = schedule.latest(now) if schedule else None
    sub, new = await ctx.storage.subscriptions.add(
        chat, req.filter, schedule, created_by=msg.user.id, last_slot=last_slot
    )
    if not new:
        return Reply.text(f"This chat already has that subscription (#{sub.id}).")
    if schedule is None:
        what = "I will send new figures here within seconds of their publication."
    else:
        what = (
            f"A digest comes {schedule}; the first at {schedule.local(schedule.next(now))}, "
            "if anything new has been published by then."
        )
    return Reply(
        (
            Text(f"Subscribed (#{sub.id}): {sub.filter.describe()}."),
            Text(what),
            Text(
                f"/subscriptions lists this chat's subscriptions; /unsubscribe {sub.id} stops it."
            ),
        ),
        buttons=(Button("Subscriptions", "/subscriptions"),),
    )


@router.command("subscriptions", aliases=("subs",))
async def subscriptions(msg: Incoming, ctx: Context) -> Reply:
    """This chat's subscriptions: filter, schedule, next run, and whether they are paused.

    Usage: /subscriptions
    """
    subs = await ctx.storage.subscriptions.for_chat(str(msg.chat))
    if not subs:
        return Reply.text(
            "This chat has no subscriptions. Try /subscribe killed instant, or "
            "/subscribe all daily 09:00."
        )
    blocks: list[Block] = [Heading("Subscriptions of this chat")]
    blocks += [_describe(sub, ctx) for sub in subs]
    blocks.append(Text("/unsubscribe <id> or /unsubscribe all stops them.", muted=True))
    return Reply(tuple(blocks))


def _ids(args: Sequence[str], command: str) -> list[int]:
    example = f"/{command} 3 (/subscriptions lists them)"
    return [parse_number(word.lstrip("#"), "subscription number", example=example) for word in args]


@router.command("unsubscribe", params=(Param("id", "a subscription number, or all", (), True),))
async def unsubscribe(msg: Incoming, ctx: Context) -> Reply:
    """Stop a subscription, or all of this chat's.

    Usage: /unsubscribe <id>|all
    Example: /unsubscribe 3
    """
    _require_admin(msg, "change its subscriptions")
    if not msg.args:
        raise UserError(
            "Which one? /unsubscribe <id> or /unsubscribe all; /subscriptions lists them."
        )
    chat = str(msg.chat)
    if [a.lower() for a in msg.args] == ["all"]:
        removed = await ctx.storage.subscriptions.remove(chat)
        return Reply.text(f"Removed {removed} subscriptions." if removed else "Nothing to remove.")
    ids = _ids(msg.args, "unsubscribe")
    removed = await ctx.storage.subscriptions.remove(chat, ids)
    if not removed:
        listed = ", ".join(f"#{i}" for i in ids)
        raise UserError(f"This chat has no subscription {listed}; /subscriptions lists them.")
    return Reply.text(f"Removed {removed} subscription{'s' if removed > 1 else ''}.")


@router.command("resume", params=(Param("id", "a paused subscription's number", (), True),))
async def resume(msg: Incoming, ctx: Context) -> Reply:
    """Start a paused subscription again, once what paused it is fixed.

    Usage: /resume <id>
    Instant alerts start from new figures; a digest includes what was published meanwhile.
    """
    _require_admin(msg, "change its subscriptions")
    if len(msg.args) != 1:
        raise UserError("Which one? /resume <id>; /subscriptions shows the paused ones.")
    (sid,) = _ids(msg.args, "resume")
    sub = await ctx.storage.subscriptions.get(sid)
    if sub is None or sub.chat != str(msg.chat):
        raise UserError(f"This chat has no subscription #{sid}; /subscriptions lists them.")
    if sub.active:
        return Reply.text(f"#{sid} is not paused.")
    cursor = await ctx.storage.claims.publication_head() if sub.instant else None
    await ctx.storage.subscriptions.resume(str(msg.chat), sid, cursor)
    return Reply.text(f"#{sid} is active again.")


async def _preview(sub: Subscription, ctx: Context) -> Reply | None:
    head = await ctx.storage.claims.publication_head()
    published = await ctx.storage.claims.published_between(sub.cursor, head)
    matching = [c for _, c in published if sub.filter.matches(c, ctx.conflict)]
    assert sub.schedule is not None
    following = sub.schedule.local(sub.schedule.next(ctx.clock()))
    return await change_reply(
        ctx.storage,
        ctx.conflict,
        matching,
        heading=f"Next digest (#{sub.id}, {following}): {sub.filter.describe()}",
    )


@router.command("digest")
async def digest(msg: Incoming, ctx: Context) -> Reply:
    """Preview what this chat's next digest would contain now.

    Usage: /digest
    Without a digest subscription, shows what was published in the last day.
    """
    subs = [s for s in await ctx.storage.subscriptions.for_chat(str(msg.chat)) if not s.instant]
    blocks: list[Block] = []
    buttons: tuple[Button, ...] = ()
    for sub in subs:
        reply = await _preview(sub, ctx)
        if reply is None:
            blocks.append(
                Text(f"#{sub.id}: nothing new since the last digest; none would be sent.")
            )
        else:
            blocks += reply.blocks
            buttons = buttons or reply.buttons
    if subs:
        return Reply(tuple(blocks), buttons)
    since = await ctx.storage.claims.published_since(ctx.clock() - timedelta(days=1))
    head = await ctx.storage.claims.publication_head()
    published = [c for _, c in await ctx.storage.claims.published_between(since, head)]
    inside = [c for c in published if ClaimFilter().matches(c, ctx.conflict)]
    hint = Text(
        "This chat has no digest; /subscribe all daily 09:00 gets one every morning.", muted=True
    )
    reply = await change_reply(
        ctx.storage, ctx.conflict, inside, heading="Published in the last day"
    )
    if reply is None:
        return Reply((Text("Nothing was published in the last day."), hint))
    return Reply((*reply.blocks, hint), reply.buttons)


@router.command(
    "settings",
    params=(
        Param("setting", "tz", ("tz",)),
        Param("value", "a time zone, e.g. Europe/Kyiv", complete=zones),
    ),
)
async def settings(msg: Incoming, ctx: Context) -> Reply:
    """This chat's settings; /settings tz <zone> sets the time zone digests default to.

    Usage: /settings [tz <zone>]
    Example: /settings tz Europe/Kyiv
    """
    zone = await _zone(msg, ctx)
    if not msg.args:
        return Reply(
            (
                Heading("Settings of this chat"),
                Fields((("Time zone", zone),)),
                Text("/settings tz <zone> changes it, e.g. /settings tz Europe/Kyiv.", muted=True),
            )
        )
    if msg.args[0].lower() not in ("tz", "timezone", "zone"):
        raise suggest("setting", msg.args[0], ["tz"])
    if len(msg.args) != 2:
        raise UserError("Which zone? e.g. /settings tz Europe/Kyiv")
    _require_admin(msg, "change its settings")
    found = zone_named(msg.args[1])
    if found is None:
        raise _unknown_zone(msg.args[1])
    await ctx.storage.subscriptions.set_timezone(str(msg.chat), found)
    return Reply.text(
        f"Time zone set to {found}. New digests default to it; existing ones keep their zone."
    )
