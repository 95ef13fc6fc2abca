"""A Discord emulator on 127.0.0.1, for the real discord.py client to talk to.

REST v10 under ``/api/v10`` (``Authorization: Bot <token>``, JSON or multipart with
``payload_json``): users/@me, the application, gateway/bot, application commands PUT (global
and per guild), channel messages POST and PATCH, the interaction callback (with_response),
webhook follow-ups and edits of the original response, and modals: a callback of type 9
(MODAL, at most five text inputs, checked) answered by ``submit`` with a MODAL_SUBMIT
interaction, as Discord does. A JSON gateway websocket at
``/gateway``: HELLO, IDENTIFY -> READY and GUILD_CREATE, heartbeats and their ACKs, RESUME,
and dispatched MESSAGE_CREATE and INTERACTION_CREATE events.

It keeps guilds, channels, threads, roles and DMs; records every call and every message the
bot sends; checks Discord's limits (content 2,000; 10 embeds; 6,000 characters of embeds per
message; 25 fields; title, description, field and footer lengths; components) and answers 400
Invalid Form Body when they are broken; answers an interaction callback after 3 seconds with
404 Unknown interaction and a second callback with 400, as Discord does; and can be told to
fail: 429 with ``retry_after`` (and ``Via``, so discord.py reads it as the API's), 403 Missing
Access, 404 Unknown Channel, 5xx, or a slow answer.

Run alone (``python -m tests.fakes.discord_api --port N``) it also serves ``/_emulator/``
control routes, so a benchmark in another process can fire interactions and read latencies.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import aiohttp
from aiohttp import web

from tests.fakes.serving import listen

__all__ = ["ADMINISTRATOR", "MANAGE_CHANNELS", "DiscordEmulator", "Failure", "Sent"]

ADMINISTRATOR = 1 << 3
MANAGE_CHANNELS = 1 << 4
VIEW_AND_SEND = (1 << 10) | (1 << 11) | (1 << 14) | (1 << 15) | (1 << 16) | (1 << 31)
INTERACTION_WINDOW = 3.0
DISCORD_EPOCH = 1_420_070_400_000  # 2015-01-01 in milliseconds
EPHEMERAL = 1 << 6
LIMITS = {"content": 2000, "embeds": 10, "embed_total": 6000, "fields": 25, "title": 256}
_EMBED_LIMITS = {"title": 256, "description": 4096, "footer": 2048, "author": 256}


@dataclass
class Failure:
    """An error answered ``times`` times to message sends (``where``: channel, callback,
    followup or any), optionally in one channel only."""

    where: str
    status: int
    body: dict[str, Any]
    channel_id: int | None = None
    times: int = 1


@dataclass
class Sent:
    """A message the bot made visible (or an edit of one)."""

    via: str  # channel, callback, followup, edit
    channel_id: int
    message_id: int
    content: str = ""
    embeds: list[dict[str, Any]] = field(default_factory=list)
    components: list[dict[str, Any]] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    ephemeral: bool = False
    interaction_id: int | None = None
    allowed_mentions: dict[str, Any] | None = None
    at: float = field(default_factory=time.monotonic)

    @property
    def text(self) -> str:
        """Everything a reader sees: content, titles, descriptions, fields, footers."""
        parts = [self.content]
        for embed in self.embeds:
            parts += [embed.get("title", ""), embed.get("description", "")]
            for f in embed.get("fields", []):
                parts += [f["name"], f["value"]]
            parts.append(embed.get("footer", {}).get("text", ""))
        return "\n".join(p for p in parts if p)

    def buttons(self) -> list[dict[str, Any]]:
        return [c for row in self.components for c in row.get("components", [])]


@dataclass
class Interaction:
    id: int
    token: str
    channel_id: int
    payload: dict[str, Any]
    created: float = field(default_factory=time.monotonic)
    acknowledged: int | None = None  # the callback type
    acknowledged_at: float | None = None
    original: int | None = None  # message id of the original response
    choices: list[dict[str, Any]] = field(default_factory=list)
    deleted: bool = False
    modal: dict[str, Any] | None = None  # what a MODAL callback opened

    def inputs(self) -> dict[str, dict[str, Any]]:
        """The modal's text inputs by custom_id."""
        assert self.modal is not None
        return {i["custom_id"]: i for i in _modal_inputs(self.modal)}


class _Refused(Exception):
    def __init__(self, status: int, body: dict[str, Any], headers: dict[str, str] | None = None):
        super().__init__(body.get("message", ""))
        self.status, self.body, self.headers = status, body, headers or {}


def _invalid(problem: str) -> _Refused:
    return _Refused(400, {"code": 50035, "message": f"Invalid Form Body: {problem}", "errors": {}})


def _json(data: Any, status: int = 200, headers: dict[str, str] | None = None) -> web.Response:
    # discord.py decodes a body only when the content type is exactly application/json
    return web.Response(
        body=json.dumps(data).encode(),
        status=status,
        headers={**(headers or {}), "Content-Type": "application/json"},
    )


def _now() -> str:
    return datetime.now(UTC).isoformat()


class DiscordEmulator:
    def __init__(self, token: str = "TEST.discord.token") -> None:
        self.token = token
        self.application_id = 900_000_000_000_000_001
        self.bot = {
            "id": str(self.application_id),
            "username": "Tally",
            "discriminator": "0",
            "global_name": "Tally",
            "avatar": None,
            "bot": True,
            "flags": 0,
        }
        self.guilds: dict[int, dict[str, Any]] = {}
        self.channels: dict[int, dict[str, Any]] = {}  # every channel and thread, by id
        self.members: dict[tuple[int, int], list[int]] = {}  # (guild, user) -> role ids
        self.users: dict[int, dict[str, Any]] = {}
        self.commands: dict[int | None, list[dict[str, Any]]] = {}  # None: global
        self.interactions: dict[int, Interaction] = {}
        self.failures: list[Failure] = []
        self.calls: list[tuple[str, str, Any]] = []
        self.sent: list[Sent] = []
        self.identified: list[dict[str, Any]] = []
        self.refused: list[tuple[int, dict[str, Any]]] = []  # (status, body) answered
        self.delay = 0.0  # seconds every message send waits before it is answered
        self._ids = itertools.count()
        self._sockets: list[web.WebSocketResponse] = []
        self._sequence = itertools.count(1)
        self._changed = asyncio.Condition()
        self._runner: web.AppRunner | None = None
        self.port = 0

    # -- lifecycle

    @property
    def root(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def gateway(self) -> str:
        return f"ws://127.0.0.1:{self.port}/gateway"

    async def start(self, port: int = 0) -> DiscordEmulator:
        app = web.Application(client_max_size=30 * 1024 * 1024)
        app.router.add_get("/gateway", self._gateway)
        app.router.add_route("*", "/api/v10/{path:.*}", self._api)
        app.router.add_post("/_emulator/slash", self._control_slash)
        app.router.add_get("/_emulator/stats", self._control_stats)
        self._runner, self.port = await listen(app, port)
        return self

    async def stop(self) -> None:
        for ws in list(self._sockets):
            await ws.close()
        if self._runner is not None:
            await self._runner.cleanup()

    async def __aenter__(self) -> DiscordEmulator:
        return await self.start()

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    # -- the world

    def new_id(self) -> int:
        """A snowflake, as Discord's: milliseconds since 2015 above 22 bits of sequence."""
        ms = int(time.time() * 1000) - DISCORD_EPOCH
        return (ms << 22) | (next(self._ids) % (1 << 22))

    def user(self, user_id: int, name: str = "Alice") -> dict[str, Any]:
        user = {
            "id": str(user_id),
            "username": name.lower(),
            "discriminator": "0",
            "global_name": name,
            "avatar": None,
            "bot": False,
        }
        self.users[user_id] = user
        return user

    def guild(
        self, guild_id: int, name: str = "Server", *, admin_role: int | None = None
    ) -> dict[str, Any]:
        roles = [self._role(guild_id, "@everyone", VIEW_AND_SEND)]
        if admin_role is not None:
            roles.append(self._role(admin_role, "Moderators", VIEW_AND_SEND | MANAGE_CHANNELS))
        guild = {
            "id": str(guild_id),
            "name": name,
            "icon": None,
            "owner_id": "1",
            "roles": roles,
            "emojis": [],
            "stickers": [],
            "features": [],
            "channels": [],
            "threads": [],
            "members": [],
            "member_count": 2,
            "large": False,
            "unavailable": False,
            "joined_at": _now(),
            "mfa_level": 0,
            "verification_level": 0,
            "explicit_content_filter": 0,
            "default_message_notifications": 0,
            "premium_tier": 0,
            "preferred_locale": "en-US",
            "system_channel_flags": 0,
            "nsfw_level": 0,
        }
        self.guilds[guild_id] = guild
        return guild

    def text_channel(self, guild_id: int, channel_id: int, name: str = "general") -> None:
        channel = {
            "id": str(channel_id),
            "type": 0,
            "guild_id": str(guild_id),
            "name": name,
            "position": len(self.guilds[guild_id]["channels"]),
            "permission_overwrites": [],
            "nsfw": False,
            "parent_id": None,
            "topic": None,
            "rate_limit_per_user": 0,
            "last_message_id": None,
        }
        self.guilds[guild_id]["channels"].append(channel)
        self.channels[channel_id] = channel

    def thread(self, guild_id: int, parent_id: int, thread_id: int, name: str = "thread") -> None:
        thread = {
            "id": str(thread_id),
            "type": 11,
            "guild_id": str(guild_id),
            "parent_id": str(parent_id),
            "name": name,
            "owner_id": "1",
            "rate_limit_per_user": 0,
            "message_count": 0,
            "member_count": 1,
            "flags": 0,
            "thread_metadata": {
                "archived": False,
                "auto_archive_duration": 1440,
                "archive_timestamp": _now(),
                "locked": False,
            },
        }
        self.guilds[guild_id]["threads"].append(thread)
        self.channels[thread_id] = thread

    def dm(self, channel_id: int, user_id: int) -> None:
        self.channels[channel_id] = {
            "id": str(channel_id),
            "type": 1,
            "recipients": [self.users[user_id]],
            "last_message_id": None,
        }

    def member(self, guild_id: int, user_id: int, *roles: int) -> None:
        self.members[(guild_id, user_id)] = list(roles)

    def fail(
        self,
        status: int,
        message: str,
        *,
        code: int = 0,
        where: str = "channel",
        channel_id: int | None = None,
        times: int = 1,
        **extra: Any,
    ) -> None:
        body = {"message": message, "code": code, **extra}
        self.failures.append(Failure(where, status, body, channel_id, times))

    def rate_limit(
        self, retry_after: float, *, channel_id: int | None = None, times: int = 1
    ) -> None:
        body = {"message": "You are being rate limited.", "retry_after": retry_after}
        self.failures.append(Failure("channel", 429, {**body, "global": False}, channel_id, times))

    # -- what users do

    def _role(self, role_id: int, name: str, permissions: int) -> dict[str, Any]:
        return {
            "id": str(role_id),
            "name": name,
            "permissions": str(permissions),
            "position": 0 if name == "@everyone" else 1,
            "color": 0,
            "hoist": False,
            "managed": False,
            "mentionable": False,
            "flags": 0,
        }

    def permissions(self, guild_id: int, user_id: int) -> int:
        roles = {int(r["id"]): int(r["permissions"]) for r in self.guilds[guild_id]["roles"]}
        value = roles[guild_id]
        for role in self.members.get((guild_id, user_id), []):
            value |= roles.get(role, 0)
        return (1 << 53) - 1 if value & ADMINISTRATOR else value

    def _member(self, guild_id: int, user_id: int) -> dict[str, Any]:
        return {
            "user": self.users[user_id],
            "roles": [str(r) for r in self.members.get((guild_id, user_id), [])],
            "joined_at": _now(),
            "deaf": False,
            "mute": False,
            "flags": 0,
            "nick": None,
            "avatar": None,
            "premium_since": None,
            "pending": False,
            "communication_disabled_until": None,
            "permissions": str(self.permissions(guild_id, user_id)),
        }

    def _interaction(
        self, kind: int, channel_id: int, user_id: int, data: dict[str, Any]
    ) -> Interaction:
        channel = self.channels[channel_id]
        interaction_id = self.new_id()
        token = f"itoken{interaction_id}"
        payload: dict[str, Any] = {
            "id": str(interaction_id),
            "application_id": str(self.application_id),
            "type": kind,
            "data": data,
            "channel_id": str(channel_id),
            "channel": channel,
            "token": token,
            "version": 1,
            "app_permissions": str(VIEW_AND_SEND),
            "locale": "en-US",
            "entitlements": [],
            "authorizing_integration_owners": {"0": str(user_id)},
            "attachment_size_limit": 10 * 1024 * 1024,
        }
        guild_id = channel.get("guild_id")
        if guild_id is not None:
            payload["guild_id"] = guild_id
            payload["guild_locale"] = "en-US"
            payload["member"] = self._member(int(guild_id), user_id)
            payload["context"] = 0
        else:
            payload["user"] = self.users[user_id]
            payload["context"] = 1
        found = Interaction(interaction_id, token, channel_id, payload)
        self.interactions[interaction_id] = found
        return found

    def _command(self, name: str, guild_id: int | None) -> dict[str, Any]:
        for scope in (guild_id, None):
            for command in self.commands.get(scope, []):
                if command["name"] == name:
                    return command
        raise KeyError(f"/{name} was never synced")

    def _options(
        self, command: dict[str, Any], options: dict[str, Any], focused: str | None = None
    ) -> list[dict[str, Any]]:
        declared = {o["name"]: o for o in command.get("options", [])}
        result = []
        for name, value in options.items():
            option = declared[name]  # KeyError: Discord would not offer it
            choices = [c["value"] for c in option.get("choices", [])]
            if choices and value not in choices and name != focused:
                raise ValueError(f"{value!r} is not a choice of {name}")
            entry = {"name": name, "type": option["type"], "value": value}
            if name == focused:
                entry["focused"] = True
            result.append(entry)
        missing = [
            o["name"] for o in declared.values() if o.get("required") and o["name"] not in options
        ]
        if missing and focused is None:
            raise ValueError(f"required options missing: {missing}")
        return result

    async def slash(self, channel_id: int, user_id: int, name: str, **options: Any) -> int:
        """A user runs a slash command; returns the interaction id."""
        guild = self.channels[channel_id].get("guild_id")
        command = self._command(name, int(guild) if guild else None)
        data = {
            "id": command["id"],
            "name": name,
            "type": 1,
            "options": self._options(command, options),
        }
        if guild:
            data["guild_id"] = guild
        interaction = self._interaction(2, channel_id, user_id, data)
        await self.dispatch("INTERACTION_CREATE", interaction.payload)
        return interaction.id

    async def autocomplete(
        self, channel_id: int, user_id: int, name: str, focused: str, typed: str, **others: Any
    ) -> list[dict[str, Any]]:
        """A user types into an option; returns the choices the bot offered."""
        guild = self.channels[channel_id].get("guild_id")
        command = self._command(name, int(guild) if guild else None)
        options = {**others, focused: typed}
        data = {
            "id": command["id"],
            "name": name,
            "type": 1,
            "options": self._options(command, options, focused),
        }
        interaction = self._interaction(4, channel_id, user_id, data)
        await self.dispatch("INTERACTION_CREATE", interaction.payload)
        await self.wait_for(lambda: interaction.acknowledged is not None)
        return interaction.choices

    async def press(self, sent: Sent, label: str, user_id: int) -> int:
        """A user presses a button of a message the bot sent; returns the interaction id."""
        [button] = [b for b in sent.buttons() if b.get("label") == label]
        data = {"custom_id": button["custom_id"], "component_type": 2}
        interaction = self._interaction(3, sent.channel_id, user_id, data)
        interaction.payload["message"] = self._message(sent.channel_id, sent.message_id, sent)
        await self.dispatch("INTERACTION_CREATE", interaction.payload)
        return interaction.id

    async def modal(self, interaction_id: int) -> Interaction:
        """The interaction once the bot has answered it with a modal."""
        interaction = self.interactions[interaction_id]
        await self.wait_for(lambda: interaction.acknowledged is not None)
        assert interaction.modal is not None, f"answered with type {interaction.acknowledged}"
        return interaction

    async def submit(self, interaction_id: int, user_id: int, **values: str) -> int:
        """The user submits the modal that answered ``interaction_id``: each input keeps its
        filled-in value unless given here. Returns the MODAL_SUBMIT interaction's id."""
        opened = await self.modal(interaction_id)
        assert opened.modal is not None
        inputs = opened.inputs()
        unknown = set(values) - set(inputs)
        assert not unknown, f"the modal has no inputs {unknown}"
        rows = [
            {
                "type": 1,
                "components": [
                    {"type": 4, "custom_id": cid, "value": values.get(cid, i.get("value", ""))}
                ],
            }
            for cid, i in inputs.items()
        ]
        data = {"custom_id": opened.modal["custom_id"], "components": rows}
        interaction = self._interaction(5, opened.channel_id, user_id, data)
        await self.dispatch("INTERACTION_CREATE", interaction.payload)
        return interaction.id

    async def say(self, channel_id: int, user_id: int, content: str) -> None:
        """A user posts a message (mention the bot with <@application_id>)."""
        channel = self.channels[channel_id]
        mentions = [self.bot] if f"<@{self.application_id}>" in content else []
        data: dict[str, Any] = {
            "id": str(self.new_id()),
            "channel_id": str(channel_id),
            "author": self.users[user_id],
            "content": content,
            "timestamp": _now(),
            "edited_timestamp": None,
            "tts": False,
            "mention_everyone": False,
            "mentions": mentions,
            "mention_roles": [],
            "attachments": [],
            "embeds": [],
            "pinned": False,
            "type": 0,
            "flags": 0,
        }
        if "guild_id" in channel:
            data["guild_id"] = channel["guild_id"]
            member = self._member(int(channel["guild_id"]), user_id)
            data["member"] = {k: v for k, v in member.items() if k not in ("user", "permissions")}
        await self.dispatch("MESSAGE_CREATE", data)

    # -- waiting

    async def wait_for(self, predicate: Callable[[], bool], within: float = 10.0) -> None:
        async with asyncio.timeout(within):
            async with self._changed:
                await self._changed.wait_for(predicate)

    async def answers(self, interaction_id: int, count: int = 1) -> list[Sent]:
        """The messages that answered an interaction, once ``count`` of them are visible."""

        def visible() -> list[Sent]:
            return [s for s in self.sent if s.interaction_id == interaction_id and s.embeds]

        await self.wait_for(lambda: len(visible()) >= count)
        return visible()

    async def in_channel(self, channel_id: int, count: int = 1) -> list[Sent]:
        def found() -> list[Sent]:
            return [s for s in self.sent if s.channel_id == channel_id and s.via == "channel"]

        await self.wait_for(lambda: len(found()) >= count)
        return found()

    async def _changed_now(self) -> None:
        async with self._changed:
            self._changed.notify_all()

    # -- gateway

    async def dispatch(self, event: str, data: dict[str, Any]) -> None:
        payload = {"op": 0, "t": event, "s": next(self._sequence), "d": data}
        for ws in list(self._sockets):
            if not ws.closed:
                await ws.send_str(json.dumps(payload))

    async def _gateway(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        await ws.send_str(json.dumps({"op": 10, "d": {"heartbeat_interval": 41250}}))
        async for message in ws:
            if message.type is not aiohttp.WSMsgType.TEXT:
                continue
            frame = json.loads(message.data)
            op = frame.get("op")
            if op == 1:
                await ws.send_str(json.dumps({"op": 11}))
            elif op == 2:
                await self._identify(ws, frame["d"])
            elif op == 6:
                self._sockets.append(ws)
                resumed = {"op": 0, "t": "RESUMED", "s": next(self._sequence), "d": {}}
                await ws.send_str(json.dumps(resumed))
        if ws in self._sockets:
            self._sockets.remove(ws)
        return ws

    async def _identify(self, ws: web.WebSocketResponse, data: dict[str, Any]) -> None:
        if data.get("token") != self.token:
            await ws.close(code=4004, message=b"Authentication failed.")
            return
        self.identified.append(data)
        ready = {
            "v": 10,
            "user": self.bot,
            "guilds": [{"id": str(g), "unavailable": True} for g in self.guilds],
            "session_id": f"session{len(self.identified)}",
            "resume_gateway_url": self.gateway,
            "application": {"id": str(self.application_id), "flags": 0},
            "private_channels": [],
        }
        await ws.send_str(
            json.dumps({"op": 0, "t": "READY", "s": next(self._sequence), "d": ready})
        )
        for guild in self.guilds.values():
            event = {"op": 0, "t": "GUILD_CREATE", "s": next(self._sequence), "d": guild}
            await ws.send_str(json.dumps(event))
        self._sockets.append(ws)
        await self._changed_now()

    # -- REST

    async def _api(self, request: web.Request) -> web.Response:
        path = "/" + request.match_info["path"]
        route = f"{request.method} {path}"
        try:
            payload, files = await _read_body(request)
            self.calls.append((request.method, path, payload))
            await self._changed_now()
            if request.headers.get("Authorization") != f"Bot {self.token}" and not (
                path.startswith(("/interactions/", "/webhooks/"))
            ):
                raise _Refused(401, {"message": "401: Unauthorized", "code": 0})
            result = await self._route(request.method, path, payload, files, request)
        except _Refused as exc:
            self.refused.append((exc.status, exc.body))
            await self._changed_now()
            return _json(exc.body, exc.status, exc.headers)
        except (KeyError, ValueError) as exc:
            body = {"message": f"emulator cannot serve {route}: {exc}", "code": 0}
            return _json(body, 400)
        await self._changed_now()
        if result is None:
            return web.Response(status=204)
        return _json(result)

    async def _route(
        self,
        method: str,
        path: str,
        payload: Any,
        files: list[str],
        request: web.Request,
    ) -> Any:
        parts = path.strip("/").split("/")
        app = str(self.application_id)
        if method == "GET" and path == "/users/@me":
            return self.bot
        if method == "GET" and path == "/oauth2/applications/@me":
            return self._application()
        if method == "GET" and path in ("/gateway", "/gateway/bot"):
            limit = {"total": 1000, "remaining": 999, "reset_after": 0, "max_concurrency": 1}
            return {"url": self.gateway, "shards": 1, "session_start_limit": limit}
        if method == "PUT" and parts[:2] == ["applications", app] and parts[-1] == "commands":
            guild = int(parts[3]) if len(parts) == 5 else None
            return self._sync(guild, payload)
        if parts[0] == "channels" and len(parts) >= 3 and parts[2] == "messages":
            channel_id = int(parts[1])
            if channel_id not in self.channels:
                raise _Refused(404, {"message": "Unknown Channel", "code": 10003})
            if method == "POST":
                return await self._post_message("channel", channel_id, payload, files)
            if method == "PATCH":
                return self._edit(channel_id, int(parts[3]), payload, None)
        if parts[0] == "interactions" and parts[-1] == "callback":
            return await self._callback(int(parts[1]), parts[2], payload, files)
        if parts[0] == "webhooks" and parts[1] == app:
            return await self._webhook(method, parts[2], parts[3:], payload, files)
        raise KeyError(path)

    def _application(self) -> dict[str, Any]:
        return {
            "id": str(self.application_id),
            "name": "Tally",
            "description": "",
            "icon": None,
            "bot_public": True,
            "bot_require_code_grant": False,
            "owner": self.user(1, "Owner"),
            "verify_key": "0" * 64,
            "flags": 0,
            "team": None,
            "summary": "",
        }

    def _sync(self, guild: int | None, commands: list[dict[str, Any]]) -> list[dict[str, Any]]:
        if len(commands) > 100:
            raise _invalid("at most 100 commands")
        names = [c["name"] for c in commands]
        if len(set(names)) != len(names):
            raise _invalid("command names must be unique")
        stored = []
        for command in commands:
            _check_command(command)
            stored.append(
                {
                    **command,
                    "id": str(self.new_id()),
                    "application_id": str(self.application_id),
                    "version": "1",
                    "type": command.get("type", 1),
                    "default_member_permissions": command.get("default_member_permissions"),
                    **({"guild_id": str(guild)} if guild else {}),
                }
            )
        self.commands[guild] = stored
        return stored

    def _fail_if_told(self, where: str, channel_id: int) -> None:
        for failure in self.failures:
            if failure.times <= 0 or failure.where not in (where, "any"):
                continue
            if failure.channel_id is not None and failure.channel_id != channel_id:
                continue
            failure.times -= 1
            headers: dict[str, str] = {}
            if failure.status == 429:
                wait = float(failure.body.get("retry_after", 1))
                headers = {
                    "Retry-After": str(math.ceil(wait)),
                    "X-RateLimit-Limit": "5",
                    "X-RateLimit-Remaining": "0",
                    "X-RateLimit-Reset-After": str(wait),
                    "X-RateLimit-Bucket": "emulated",
                    "X-RateLimit-Scope": "user",
                    "Via": "1.1 google",
                }
            raise _Refused(failure.status, dict(failure.body), headers)

    async def _post_message(
        self,
        via: str,
        channel_id: int,
        payload: dict[str, Any],
        files: list[str],
        interaction: Interaction | None = None,
    ) -> dict[str, Any]:
        self._fail_if_told(via, channel_id)
        if self.delay:
            await asyncio.sleep(self.delay)
        _check_message(payload, files)
        flags = int(payload.get("flags") or 0)
        sent = Sent(
            via=via,
            channel_id=channel_id,
            message_id=self.new_id(),
            content=payload.get("content") or "",
            embeds=payload.get("embeds") or [],
            components=payload.get("components") or [],
            files=files,
            ephemeral=bool(flags & EPHEMERAL),
            interaction_id=interaction.id if interaction else None,
            allowed_mentions=payload.get("allowed_mentions"),
        )
        self.sent.append(sent)
        return self._message(channel_id, sent.message_id, sent)

    def _message(self, channel_id: int, message_id: int, sent: Sent | None) -> dict[str, Any]:
        message: dict[str, Any] = {
            "id": str(message_id),
            "channel_id": str(channel_id),
            "author": self.bot,
            "content": sent.content if sent else "",
            "embeds": sent.embeds if sent else [],
            "components": sent.components if sent else [],
            "attachments": [
                {
                    "id": str(self.new_id()),
                    "filename": name,
                    "size": 1,
                    "url": f"{self.root}/attachments/{name}",
                    "proxy_url": f"{self.root}/attachments/{name}",
                }
                for name in (sent.files if sent else [])
            ],
            "timestamp": _now(),
            "edited_timestamp": None,
            "tts": False,
            "mention_everyone": False,
            "mentions": [],
            "mention_roles": [],
            "pinned": False,
            "type": 0 if sent is None or sent.interaction_id is None else 20,
            "flags": EPHEMERAL if sent and sent.ephemeral else 0,
        }
        guild = self.channels.get(channel_id, {}).get("guild_id")
        if guild:
            message["guild_id"] = guild
        return message

    def _edit(
        self,
        channel_id: int,
        message_id: int,
        payload: dict[str, Any],
        interaction: Interaction | None,
    ) -> dict[str, Any]:
        _check_message(payload, [], edit=True)
        previous = next((s for s in self.sent if s.message_id == message_id), None)
        sent = Sent(
            via="edit",
            channel_id=channel_id,
            message_id=message_id,
            content=payload.get("content", previous.content if previous else "") or "",
            embeds=payload.get("embeds", previous.embeds if previous else []) or [],
            components=payload.get("components", previous.components if previous else []) or [],
            ephemeral=previous.ephemeral if previous else False,
            interaction_id=interaction.id if interaction else None,
            allowed_mentions=payload.get("allowed_mentions"),
        )
        self.sent.append(sent)
        return self._message(channel_id, message_id, sent)

    async def _callback(
        self, interaction_id: int, token: str, payload: dict[str, Any], files: list[str]
    ) -> dict[str, Any]:
        interaction = self.interactions.get(interaction_id)
        if interaction is None or interaction.token != token:
            raise _Refused(404, {"message": "Unknown interaction", "code": 10062})
        if time.monotonic() - interaction.created > INTERACTION_WINDOW:
            raise _Refused(404, {"message": "Unknown interaction", "code": 10062})
        if interaction.acknowledged is not None:
            raise _Refused(
                400, {"message": "Interaction has already been acknowledged.", "code": 40060}
            )
        kind = int(payload["type"])
        data = payload.get("data") or {}
        self._fail_if_told("callback", interaction.channel_id)
        response: dict[str, Any] = {
            "id": str(interaction.id),
            "type": interaction.payload["type"],
            "response_message_loading": kind == 5,
            "response_message_ephemeral": bool(int(data.get("flags") or 0) & EPHEMERAL),
        }
        resource: dict[str, Any] = {"type": kind}
        if kind == 8:
            interaction.choices = data.get("choices", [])
            if len(interaction.choices) > 25:
                raise _invalid("at most 25 autocomplete choices")
        elif kind == 4:
            message = await self._post_message(
                "callback", interaction.channel_id, data, files, interaction
            )
            interaction.original = int(message["id"])
            response["response_message_id"] = message["id"]
            resource["message"] = message
        elif kind == 5:
            interaction.original = self.new_id()
            response["response_message_id"] = str(interaction.original)
        elif kind == 9:
            if interaction.payload["type"] not in (2, 3):
                raise _invalid("a modal answers a command or a component only")
            _check_modal(data)
            interaction.modal = data
        interaction.acknowledged = kind
        interaction.acknowledged_at = time.monotonic()
        return {"interaction": response, "resource": resource}

    async def _webhook(
        self, method: str, token: str, rest: list[str], payload: Any, files: list[str]
    ) -> Any:
        interaction = next((i for i in self.interactions.values() if i.token == token), None)
        if interaction is None or interaction.acknowledged is None:
            raise _Refused(404, {"message": "Unknown Webhook", "code": 10015})
        if method == "POST" and not rest:
            return await self._post_message(
                "followup", interaction.channel_id, payload, files, interaction
            )
        if len(rest) == 2 and rest[0] == "messages":
            target = interaction.original if rest[1] == "@original" else int(rest[1])
            if target is None:
                raise _Refused(404, {"message": "Unknown Message", "code": 10008})
            if method == "PATCH":
                return self._edit(interaction.channel_id, target, payload, interaction)
            if method == "DELETE":
                interaction.deleted = True
                return None
            if method == "GET":
                return self._message(interaction.channel_id, target, None)
        raise KeyError("/".join(rest))

    # -- control, for a benchmark in another process

    async def _control_slash(self, request: web.Request) -> web.Response:
        body = await request.json()
        ids = []
        for _ in range(int(body.get("count", 1))):
            ids.append(
                await self.slash(
                    int(body["channel_id"]), int(body["user_id"]), body["name"], **body["options"]
                )
            )
        return _json({"ids": ids})

    async def _control_stats(self, request: web.Request) -> web.Response:
        """Per interaction: when it was sent, acknowledged and first answered (monotonic s)."""
        answered: dict[int, float] = {}
        for sent in self.sent:
            if sent.interaction_id is not None and sent.embeds:
                answered.setdefault(sent.interaction_id, sent.at)
        rows = {
            str(i.id): {
                "created": i.created,
                "acknowledged": i.acknowledged_at,
                "answered": answered.get(i.id),
                "deferred": i.acknowledged == 5,
            }
            for i in self.interactions.values()
        }
        late = sum(1 for _, body in self.refused if body.get("code") == 10062)
        return _json({"interactions": rows, "late": late})


def _check_command(command: dict[str, Any]) -> None:
    name = command.get("name", "")
    if not (1 <= len(name) <= 32) or name != name.lower():
        raise _invalid(f"command name {name!r}")
    if not (1 <= len(command.get("description", "")) <= 100):
        raise _invalid(f"description of /{name}")
    options = command.get("options", [])
    if len(options) > 25:
        raise _invalid(f"/{name} has more than 25 options")
    seen_optional = False
    for option in options:
        if not (1 <= len(option.get("description", "")) <= 100):
            raise _invalid(f"description of /{name} {option.get('name')}")
        if option.get("required"):
            if seen_optional:
                raise _invalid(f"/{name}: required options must come first")
        else:
            seen_optional = True
        if len(option.get("choices", [])) > 25:
            raise _invalid(f"/{name} {option['name']} has more than 25 choices")
        if option.get("choices") and option.get("autocomplete"):
            raise _invalid(f"/{name} {option['name']}: choices and autocomplete together")


def _modal_inputs(modal: dict[str, Any]) -> list[dict[str, Any]]:
    found = []
    for row in modal.get("components", []):
        if row.get("type") == 1:
            found += row.get("components", [])
        elif row.get("type") == 18:  # a label around one component
            found.append(row.get("component", {}))
    return found


def _check_modal(data: dict[str, Any]) -> None:
    """Discord's limits for a modal: a title of 1-45, a custom_id of 1-100, 1-5 rows of one
    text input each, labels of 1-45, values of at most 4,000."""
    if not 1 <= len(data.get("title", "")) <= 45:
        raise _invalid("a modal's title is 1-45 characters")
    if not 1 <= len(data.get("custom_id", "")) <= 100:
        raise _invalid("a modal's custom_id is 1-100 characters")
    rows = data.get("components", [])
    if not 1 <= len(rows) <= 5:
        raise _invalid("a modal has 1-5 components")
    for row in rows:
        if row.get("type") == 1 and len(row.get("components", [])) != 1:
            raise _invalid("a modal's action row holds one text input")
    for item in _modal_inputs(data):
        if item.get("type") != 4:
            raise _invalid("a modal holds text inputs")
        label = item.get("label") or ""
        if row_label := [r.get("label", "") for r in rows if r.get("component") is item]:
            label = row_label[0]
        if not 1 <= len(label) <= 45:
            raise _invalid("a text input's label is 1-45 characters")
        if not 1 <= len(item.get("custom_id", "")) <= 100:
            raise _invalid("a text input's custom_id is 1-100 characters")
        if len(item.get("value") or "") > 4000:
            raise _invalid("a text input's value is at most 4,000 characters")
        if item.get("style") not in (1, 2):
            raise _invalid("a text input's style is 1 or 2")


def _check_message(payload: dict[str, Any], files: list[str], *, edit: bool = False) -> None:
    content = payload.get("content") or ""
    embeds = payload.get("embeds") or []
    components = payload.get("components") or []
    if not edit and not (content or embeds or files or components):
        raise _Refused(400, {"message": "Cannot send an empty message", "code": 50006})
    if len(content) > LIMITS["content"]:
        raise _invalid("content: Must be 2000 or fewer in length.")
    if len(embeds) > LIMITS["embeds"]:
        raise _invalid("embeds: Must be 10 or fewer in length.")
    total = 0
    for embed in embeds:
        for key, limit in _EMBED_LIMITS.items():
            text = embed.get(key) or ""
            if isinstance(text, dict):
                text = text.get("text") or text.get("name") or ""
            if len(text) > limit:
                raise _invalid(f"embeds.{key}: Must be {limit} or fewer in length.")
            total += len(text)
        fields = embed.get("fields", [])
        if len(fields) > LIMITS["fields"]:
            raise _invalid("embeds.fields: Must be 25 or fewer in length.")
        for f in fields:
            if not f.get("name") or not f.get("value"):
                raise _invalid("embeds.fields: name and value are required")
            if len(f["name"]) > 256 or len(f["value"]) > 1024:
                raise _invalid("embeds.fields: name 256, value 1024 or fewer in length.")
            total += len(f["name"]) + len(f["value"])
    if total > LIMITS["embed_total"]:
        raise _invalid("embeds: Embed size exceeds maximum size of 6000")
    if len(components) > 5:
        raise _invalid("components: Must be 5 or fewer in length.")
    for row in components:
        if len(row.get("components", [])) > 5:
            raise _invalid("components.components: Must be 5 or fewer in length.")
        for button in row.get("components", []):
            if len(button.get("custom_id", "")) > 100 or len(button.get("label", "")) > 80:
                raise _invalid("components: custom_id 100, label 80 or fewer in length.")


async def _read_body(request: web.Request) -> tuple[Any, list[str]]:
    if request.method in ("GET", "DELETE") or not request.can_read_body:
        return {}, []
    if request.content_type == "application/json":
        return await request.json(), []
    if request.content_type.startswith("multipart/"):
        payload: Any = {}
        files: list[str] = []
        reader = await request.multipart()
        async for part in reader:
            if not isinstance(part, aiohttp.BodyPartReader):
                continue
            if part.name == "payload_json":
                payload = json.loads(await part.text())
            else:
                await part.read()
                files.append(part.filename or "file")
        return payload, files
    raise ValueError(f"unexpected content type {request.content_type}")


async def _serve(port: int) -> None:
    api = DiscordEmulator()
    api.user(5001, "Bench")
    api.guild(7000, "Bench server")
    api.text_channel(7000, 7001)
    api.member(7000, 5001)
    await api.start(port)
    print(f"discord emulator on {api.root}", flush=True)
    await asyncio.Event().wait()


def main() -> None:
    parser = argparse.ArgumentParser(description="Discord emulator")
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    asyncio.run(_serve(args.port))


if __name__ == "__main__":
    main()
