"""A Telegram Bot API emulator on 127.0.0.1, for the real python-telegram-bot to talk to.

It speaks the wire format: ``POST {root}/bot{token}/{method}`` with form-encoded fields (values
that are not strings JSON-encoded) or multipart uploads, answered with ``{"ok": ..., "result":
...}`` envelopes. It keeps chats, queues updates for ``getUpdates`` (long poll with offset) or
pushes them to a webhook with its secret token, records every call, checks HTML and the
4,096-character limit as Telegram does, and can be told to fail: 429 with ``retry_after``, 403
blocked or kicked, 400 chat not found, no right to post photos, a group migrated to a
supergroup, a 502. With ``limits`` set it keeps Telegram's flood limits and answers 429.

Run alone (``python -m tests.fakes.telegram_api --port N``) it also serves a small control API
under ``/_emulator/`` so a benchmark in another process can push updates and read replies.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import html
import itertools
import json
import math
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

import aiohttp
from aiohttp import web

from tests.fakes.serving import listen

__all__ = ["Failure", "Limits", "Sent", "TelegramEmulator"]

TOKEN_RE = re.compile(r"^/bot(?P<token>[^/]+)/(?P<method>[A-Za-z]+)$")
MAX_TEXT = 4096
_ALLOWED_TAGS = {
    "b",
    "strong",
    "i",
    "em",
    "u",
    "ins",
    "s",
    "strike",
    "del",
    "span",
    "tg-spoiler",
    "a",
    "code",
    "pre",
    "blockquote",
    "tg-emoji",
}
_ENTITY = re.compile(r"&(?!(?:lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+);)")


class _HtmlCheck(HTMLParser):
    """Telegram's HTML rules: known tags only, properly nested; returns the visible text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.open: list[str] = []
        self.text: list[str] = []
        self.problem = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _ALLOWED_TAGS and not self.problem:
            self.problem = f'Unsupported start tag "{tag}"'
        self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if (not self.open or self.open[-1] != tag) and not self.problem:
            self.problem = f'Unmatched end tag "{tag}"'
        elif self.open:
            self.open.pop()

    def handle_data(self, data: str) -> None:
        if "<" in data and not self.problem:
            self.problem = "Unexpected '<': it must be escaped as &lt;"
        self.text.append(data)

    def handle_entityref(self, name: str) -> None:
        self.text.append(html.unescape(f"&{name};"))

    def handle_charref(self, name: str) -> None:
        self.text.append(html.unescape(f"&#{name};"))


def parse_html(text: str) -> str:
    """The text a user would see, or ValueError with Telegram's complaint."""
    if _ENTITY.search(text):
        raise ValueError("can't parse entities: Character '&' is reserved")
    check = _HtmlCheck()
    check.feed(text)
    check.close()
    if check.problem:
        raise ValueError(f"can't parse entities: {check.problem}")
    if check.open:
        raise ValueError(
            f"can't parse entities: Can't find end tag corresponding to {check.open[-1]}"
        )
    return "".join(check.text)


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


@dataclass
class Failure:
    """An error the emulator answers with, ``times`` times, for one method (and chat)."""

    method: str
    code: int
    description: str
    parameters: dict[str, Any] | None = None
    chat_id: int | None = None
    times: int = 1


@dataclass
class Sent:
    method: str
    chat_id: int
    text: str
    html: str = ""
    thread_id: int | None = None
    buttons: list[list[dict[str, Any]]] = field(default_factory=list)
    photo: bytes = b""
    at: float = field(default_factory=time.monotonic)


@dataclass
class Limits:
    """Telegram's flood limits, enforced when set: messages per second overall and per private
    chat, per minute per group or channel. Over a limit, a send is refused with 429."""

    overall: int = 30
    private: int = 1
    group: int = 20

    def windows(self, kind: str) -> tuple[int, float]:
        return (self.private, 1.0) if kind == "private" else (self.group, 60.0)


class _Refused(Exception):
    def __init__(self, code: int, description: str, parameters: dict[str, Any] | None = None):
        super().__init__(description)
        self.code, self.description, self.parameters = code, description, parameters


class TelegramEmulator:
    def __init__(self, token: str = "123456:TEST-token", username: str = "TallyTestBot") -> None:
        self.token = token
        self.bot = {
            "id": int(token.split(":")[0]),
            "is_bot": True,
            "first_name": "Tally",
            "username": username,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }
        self.chats: dict[int, dict[str, Any]] = {}
        self.admins: dict[int, set[int]] = {}
        self.blocked: set[int] = set()
        self.migrated: dict[int, int] = {}
        self.no_photos: set[int] = set()  # chats where the bot may not post photos
        self.limits: Limits | None = None
        self.too_many = 0  # 429s answered for the limits
        self._overall: collections.deque[float] = collections.deque()
        self._per_chat: dict[int, collections.deque[float]] = {}
        self.failures: list[Failure] = []
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.sent: list[Sent] = []
        self.answered: list[dict[str, Any]] = []
        self.commands: list[dict[str, Any]] = []
        self.webhook: dict[str, Any] = {}
        self.arrived: dict[int, float] = {}
        self._updates: list[dict[str, Any]] = []
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(1000)
        self._new_update = asyncio.Condition()
        self._new_sent = asyncio.Condition()
        self._runner: web.AppRunner | None = None
        self._session: aiohttp.ClientSession | None = None
        self.port = 0

    # -- lifecycle

    @property
    def root(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def start(self, port: int = 0) -> TelegramEmulator:
        app = web.Application(client_max_size=20 * 1024 * 1024)
        app.router.add_post("/bot{token}/{method}", self._api)
        app.router.add_post("/_emulator/update", self._control_update)
        app.router.add_get("/_emulator/sent", self._control_sent)
        self._runner, self.port = await listen(app, port)
        return self

    async def stop(self) -> None:
        if self._session is not None:
            await self._session.close()
        if self._runner is not None:
            await self._runner.cleanup()

    async def __aenter__(self) -> TelegramEmulator:
        return await self.start()

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    # -- the world

    def private_chat(self, user_id: int, name: str = "Alice") -> dict[str, Any]:
        chat = {"id": user_id, "type": "private", "first_name": name}
        self.chats[user_id] = chat
        return chat

    def group(
        self,
        chat_id: int,
        title: str = "Group",
        *,
        kind: str = "supergroup",
        admins: tuple[int, ...] = (),
        forum: bool = False,
    ) -> dict[str, Any]:
        chat = {"id": chat_id, "type": kind, "title": title}
        if forum:
            chat["is_forum"] = True
        self.chats[chat_id] = chat
        self.admins[chat_id] = set(admins)
        return chat

    def channel(self, chat_id: int, title: str = "Channel") -> dict[str, Any]:
        chat = {"id": chat_id, "type": "channel", "title": title}
        self.chats[chat_id] = chat
        return chat

    def fail(
        self,
        method: str,
        code: int,
        description: str,
        *,
        chat_id: int | None = None,
        times: int = 1,
        **parameters: Any,
    ) -> None:
        self.failures.append(Failure(method, code, description, parameters or None, chat_id, times))

    def fail_with_retry_after(self, seconds: int, *, times: int = 1) -> None:
        self.fail(
            "sendMessage",
            429,
            f"Too Many Requests: retry after {seconds}",
            times=times,
            retry_after=seconds,
        )

    # -- updates

    def user(self, user_id: int, name: str = "Alice") -> dict[str, Any]:
        return {"id": user_id, "is_bot": False, "first_name": name}

    async def push(self, update: dict[str, Any]) -> int:
        """Queue an update (or deliver it to the webhook); returns its update_id."""
        update = {"update_id": next(self._update_ids), **update}
        self.arrived[update["update_id"]] = time.monotonic()
        if self.webhook.get("url"):
            await self._post_webhook(update)
        else:
            async with self._new_update:
                self._updates.append(update)
                self._new_update.notify_all()
        return int(update["update_id"])

    def message(
        self, chat_id: int, text: str, *, user_id: int | None = None, thread_id: int | None = None
    ) -> dict[str, Any]:
        chat = self.chats[chat_id]
        message: dict[str, Any] = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": chat,
            "text": text,
        }
        if user_id is not None:
            message["from"] = self.user(user_id)
        if text.startswith("/"):
            length = len(text.split()[0])
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": length}]
        if thread_id is not None:
            message["message_thread_id"] = thread_id
            message["is_topic_message"] = True
        return message

    async def send_text(
        self, chat_id: int, text: str, *, user_id: int | None = None, thread_id: int | None = None
    ) -> int:
        message = self.message(chat_id, text, user_id=user_id, thread_id=thread_id)
        key = "channel_post" if self.chats[chat_id]["type"] == "channel" else "message"
        return await self.push({key: message})

    async def press(self, sent: Sent, label: str, user_id: int) -> int:
        """Press an inline button of a message the bot sent."""
        [data] = [b["callback_data"] for row in sent.buttons for b in row if b["text"] == label]
        message = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": self.chats[sent.chat_id],
            "text": sent.text,
            "from": self.bot,
        }
        query = {
            "id": str(next(self._message_ids)),
            "from": self.user(user_id),
            "chat_instance": "1",
            "message": message,
            "data": data,
        }
        return await self.push({"callback_query": query})

    async def wait_sent(
        self, count: int, *, chat_id: int | None = None, within: float = 10.0
    ) -> list[Sent]:
        """Wait until at least ``count`` messages went to the chat; returns them all."""

        def matching() -> list[Sent]:
            return [s for s in self.sent if chat_id is None or s.chat_id == chat_id]

        async with asyncio.timeout(within), self._new_sent:
            await self._new_sent.wait_for(lambda: len(matching()) >= count)
        return matching()

    async def wait_for(self, predicate: Callable[[], bool], within: float = 10.0) -> None:
        async with asyncio.timeout(within), self._new_sent:
            await self._new_sent.wait_for(predicate)

    # -- the API

    async def _api(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return _error(401, "Unauthorized")
        method = request.match_info["method"]
        params, files = await _read_params(request)
        self.calls.append((method, params))
        try:
            self._inject(method, params)
            handler = getattr(self, f"_m_{method}", None)
            if handler is None:
                raise _Refused(404, "Not Found: method not found")
            result = await handler(params, files)
        except _Refused as refused:
            return _error(refused.code, refused.description, refused.parameters)
        async with self._new_sent:
            self._new_sent.notify_all()
        return web.json_response({"ok": True, "result": result})

    def _inject(self, method: str, params: dict[str, Any]) -> None:
        chat_id = _int(params.get("chat_id"))
        for failure in self.failures:
            wanted = failure.chat_id is None or failure.chat_id == chat_id
            if failure.method == method and failure.times > 0 and wanted:
                failure.times -= 1
                raise _Refused(failure.code, failure.description, failure.parameters)
        if method.startswith("send") or method in ("getChatAdministrators", "getChat"):
            if chat_id is None or (chat_id not in self.chats and chat_id not in self.migrated):
                raise _Refused(400, "Bad Request: chat not found")
            if chat_id in self.migrated:
                raise _Refused(
                    400,
                    "Bad Request: group chat was upgraded to a supergroup chat",
                    {"migrate_to_chat_id": self.migrated[chat_id]},
                )
            if chat_id in self.blocked:
                what = "user" if self.chats[chat_id]["type"] == "private" else "group chat"
                verb = "blocked by the user" if what == "user" else "kicked from the group chat"
                raise _Refused(403, f"Forbidden: bot was {verb}")
            if method == "sendPhoto" and chat_id in self.no_photos:
                raise _Refused(400, "Bad Request: not enough rights to send photos to the chat")
            if method.startswith("send") and self.limits is not None:
                self._flood_check(chat_id)

    def _flood_check(self, chat_id: int) -> None:
        assert self.limits is not None
        now = time.monotonic()
        kind = self.chats[chat_id]["type"]
        chat_limit, period = self.limits.windows(kind)
        chat = self._per_chat.setdefault(chat_id, collections.deque())
        for times, limit, span in (
            (self._overall, self.limits.overall, 1.0),
            (chat, chat_limit, period),
        ):
            while times and times[0] <= now - span:
                times.popleft()
            if len(times) >= limit:
                self.too_many += 1
                wait = max(1, math.ceil(times[0] + span - now))
                raise _Refused(429, f"Too Many Requests: retry after {wait}", {"retry_after": wait})
        self._overall.append(now)
        chat.append(now)

    async def _m_getMe(self, params: dict[str, Any], files: dict[str, bytes]) -> Any:
        return self.bot

    async def _m_getUpdates(self, params: dict[str, Any], files: dict[str, bytes]) -> Any:
        offset = _int(params.get("offset")) or 0
        timeout = float(params.get("timeout") or 0)
        limit = _int(params.get("limit")) or 100
        async with self._new_update:
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
            if not self._updates and timeout > 0:
                try:
                    async with asyncio.timeout(timeout):
                        await self._new_update.wait_for(lambda: bool(self._updates))
                except TimeoutError:
                    pass
            return self._updates[:limit]

    async def _m_deleteWebhook(self, params: dict[str, Any], files: dict[str, bytes]) -> Any:
        self.webhook = {}
        if params.get("drop_pending_updates") in ("true", True):
            self._updates.clear()
        return True

    async def _m_setWebhook(self, params: dict[str, Any], files: dict[str, bytes]) -> Any:
        if not str(params.get("url", "")).startswith(("https://", "http://127.0.0.1")):
            raise _Refused(400, "Bad Request: bad webhook: HTTPS url must be provided for webhook")
        self.webhook = {"url": params["url"], "secret_token": params.get("secret_token", "")}
        return True

    async def _m_setMyCommands(self, params: dict[str, Any], files: dict[str, bytes]) -> Any:
        commands = json.loads(params["commands"])
        for c in commands:
            if (
                not re.fullmatch(r"[a-z0-9_]{1,32}", c["command"])
                or not 1 <= len(c["description"]) <= 256
            ):
                raise _Refused(400, "Bad Request: BOT_COMMAND_INVALID")
        self.commands = commands
        return True

    async def _m_sendMessage(self, params: dict[str, Any], files: dict[str, bytes]) -> Any:
        raw = str(params.get("text", ""))
        text = self._visible(raw, params.get("parse_mode"))
        if not text.strip():
            raise _Refused(400, "Bad Request: message text is empty")
        if _utf16_len(text) > MAX_TEXT:
            raise _Refused(400, "Bad Request: message is too long")
        return self._record("sendMessage", params, text, raw)

    async def _m_sendPhoto(self, params: dict[str, Any], files: dict[str, bytes]) -> Any:
        caption = self._visible(str(params.get("caption", "")), params.get("parse_mode"))
        if _utf16_len(caption) > 1024:
            raise _Refused(400, "Bad Request: message caption is too long")
        photo = files.get("photo", b"")
        if not photo:
            raise _Refused(400, "Bad Request: there is no photo in the request")
        return self._record("sendPhoto", params, caption, "", photo)

    async def _m_editMessageText(self, params: dict[str, Any], files: dict[str, bytes]) -> Any:
        raw = str(params.get("text", ""))
        text = self._visible(raw, params.get("parse_mode"))
        if _utf16_len(text) > MAX_TEXT:
            raise _Refused(400, "Bad Request: message is too long")
        return self._record("editMessageText", params, text, raw)

    async def _m_answerCallbackQuery(self, params: dict[str, Any], files: dict[str, bytes]) -> Any:
        self.answered.append(params)
        return True

    async def _m_getChat(self, params: dict[str, Any], files: dict[str, bytes]) -> Any:
        chat = dict(self.chats[int(params["chat_id"])])
        chat.setdefault("accent_color_id", 0)
        chat.setdefault("max_reaction_count", 11)
        return chat

    async def _m_getChatAdministrators(
        self, params: dict[str, Any], files: dict[str, bytes]
    ) -> Any:
        chat_id = int(params["chat_id"])
        return [
            self._admin(user_id, i == 0) for i, user_id in enumerate(self.admins.get(chat_id, ()))
        ]

    async def _m_getChatMember(self, params: dict[str, Any], files: dict[str, bytes]) -> Any:
        chat_id, user_id = int(params["chat_id"]), int(params["user_id"])
        if user_id in self.admins.get(chat_id, ()):
            return self._admin(user_id, False)
        return {"status": "member", "user": self.user(user_id)}

    def _admin(self, user_id: int, owner: bool) -> dict[str, Any]:
        if owner:
            return {"status": "creator", "user": self.user(user_id), "is_anonymous": False}
        rights = (
            "can_be_edited",
            "is_anonymous",
            "can_manage_chat",
            "can_delete_messages",
            "can_manage_video_chats",
            "can_restrict_members",
            "can_promote_members",
            "can_change_info",
            "can_invite_users",
            "can_post_stories",
            "can_edit_stories",
            "can_delete_stories",
        )
        return {
            "status": "administrator",
            "user": self.user(user_id),
            **dict.fromkeys(rights, False),
        }

    def _visible(self, raw: str, parse_mode: Any) -> str:
        if parse_mode != "HTML":
            return raw
        try:
            return parse_html(raw)
        except ValueError as exc:
            raise _Refused(400, f"Bad Request: {exc}") from exc

    def _record(
        self, method: str, params: dict[str, Any], text: str, raw: str, photo: bytes = b""
    ) -> dict[str, Any]:
        chat_id = int(params["chat_id"])
        markup = json.loads(params["reply_markup"]) if params.get("reply_markup") else {}
        thread = _int(params.get("message_thread_id"))
        self.sent.append(
            Sent(method, chat_id, text, raw, thread, markup.get("inline_keyboard", []), photo)
        )
        message: dict[str, Any] = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": self.chats[chat_id],
            "from": self.bot,
        }
        if photo:
            message["photo"] = [{"file_id": "p1", "file_unique_id": "p1", "width": 1, "height": 1}]
            message["caption"] = text
        else:
            message["text"] = text
        if thread is not None:
            message["message_thread_id"] = thread
        return message

    async def _post_webhook(self, update: dict[str, Any]) -> None:
        if self._session is None:
            self._session = aiohttp.ClientSession()
        headers = {"X-Telegram-Bot-Api-Secret-Token": self.webhook.get("secret_token", "")}
        async with self._session.post(self.webhook["url"], json=update, headers=headers) as resp:
            if resp.status != 200:
                raise RuntimeError(f"the webhook answered {resp.status}")

    # -- control API for another process

    async def _control_update(self, request: web.Request) -> web.Response:
        body = await request.json()
        chat_id = int(body["chat_id"])
        update_id = await self.send_text(chat_id, body["text"], user_id=body.get("user_id"))
        return web.json_response({"update_id": update_id, "at": self.arrived[update_id]})

    async def _control_sent(self, request: web.Request) -> web.Response:
        since = int(request.query.get("since", "0"))
        rows = [
            {"chat_id": s.chat_id, "at": s.at, "length": len(s.text)} for s in self.sent[since:]
        ]
        return web.json_response({"sent": rows, "total": len(self.sent), "too_many": self.too_many})


async def _read_params(request: web.Request) -> tuple[dict[str, Any], dict[str, bytes]]:
    """Form fields as Telegram reads them; uploads by field name."""
    params: dict[str, Any] = dict(request.query)
    files: dict[str, bytes] = {}
    kind = request.content_type
    if kind == "multipart/form-data":
        reader = await request.multipart()
        while (part := await reader.next()) is not None:
            if not isinstance(part, aiohttp.BodyPartReader) or part.name is None:
                continue
            if part.filename:
                files[part.name] = await part.read()
            else:
                params[part.name] = await part.text()
        # an attach://name reference points at an upload of that name
        for key, value in list(params.items()):
            if isinstance(value, str) and value.startswith("attach://"):
                files[key] = files.get(value.removeprefix("attach://"), b"")
    elif kind == "application/x-www-form-urlencoded":
        params.update((await request.post()).items())
    elif kind == "application/json":
        params.update(await request.json())
    return params, files


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _error(code: int, description: str, parameters: dict[str, Any] | None = None) -> web.Response:
    body: dict[str, Any] = {"ok": False, "error_code": code, "description": description}
    if parameters:
        body["parameters"] = parameters
    return web.json_response(body, status=code)


async def _serve(port: int, chats: int, limits: Limits | None) -> None:
    emulator = await TelegramEmulator().start(port)
    emulator.limits = limits
    for i in range(1, chats + 1):
        emulator.private_chat(i)
    print(f"telegram emulator on {emulator.root}", flush=True)
    try:
        await asyncio.Event().wait()
    finally:
        await emulator.stop()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="Telegram Bot API emulator")
    parser.add_argument("--port", type=int, default=8081)
    parser.add_argument("--chats", type=int, default=10_000, help="private chats 1..N")
    parser.add_argument("--overall", type=int, help="enforce this many messages/s overall")
    parser.add_argument("--private", type=int, default=1, help="messages/s per private chat")
    parser.add_argument("--group", type=int, default=20, help="messages/min per group")
    args = parser.parse_args()
    limits = Limits(args.overall, args.private, args.group) if args.overall else None
    asyncio.run(_serve(args.port, args.chats, limits))
