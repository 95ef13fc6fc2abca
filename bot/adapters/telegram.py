"""Tally on Telegram (python-telegram-bot 22), in private chats, groups with topics and channels.

The ``Application`` runs inside our event loop: initialised, started and polled (or served a
webhook) by ``run`` and stopped when it is cancelled. Every update becomes an ``Incoming``;
every ``Reply`` becomes HTML messages (bot.render.telegram). Nothing from the SDK crosses.
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any

from telegram import (
    BotCommand,
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    LinkPreviewOptions,
    Message,
    Update,
)
from telegram import error as tg
from telegram.constants import ChatMemberStatus, ParseMode
from telegram.ext import Application, ApplicationBuilder, ContextTypes, TypeHandler

from bot.adapters.answering import send_answer
from bot.adapters.base import Capabilities, Dispatch
from bot.adapters.buttons import ButtonCommands, button_rows
from bot.adapters.telegram_errors import delivery_error
from bot.config import Settings
from bot.render.telegram import MAX_MESSAGE, TelegramMessage, render_telegram
from claims.errors import PermanentFailure
from handlers.parse import parse_command
from handlers.router import Command
from handlers.types import Button, ChatKind, ChatRef, Incoming, Reply, UserRef

__all__ = ["TelegramAdapter"]

log = logging.getLogger(__name__)

PLATFORM = "telegram"
ADMIN_TTL = 60.0
"""Seconds a chat's administrator list is trusted before it is asked for again."""
_KINDS = {"private": ChatKind.PRIVATE, "channel": ChatKind.CHANNEL}
_CALLBACK_LIMIT = 64  # bytes of callback_data Telegram accepts
_ADMINS = {ChatMemberStatus.OWNER, ChatMemberStatus.ADMINISTRATOR}
_NO_PREVIEW = LinkPreviewOptions(is_disabled=True)
_UPDATES = ["message", "channel_post", "callback_query"]  # what Tally answers; nothing else


class TelegramAdapter:
    name = PLATFORM
    capabilities = Capabilities(max_length=MAX_MESSAGE, images=True, buttons=True)

    def __init__(self, settings: Settings, commands: tuple[Command, ...] = ()) -> None:
        if settings.telegram_bot_token is None:
            raise ValueError("TELEGRAM_BOT_TOKEN is not set")
        self._settings = settings
        self._commands = commands
        self._dispatch: Dispatch | None = None
        self._admins: dict[str, tuple[float, frozenset[str]]] = {}
        self._admins_pending: dict[str, asyncio.Future[frozenset[str]]] = {}
        self._buttons = ButtonCommands(_CALLBACK_LIMIT)
        root = settings.telegram_api_base_url.rstrip("/")
        self.application: Application[Any, Any, Any, Any, Any, Any] = (
            ApplicationBuilder()
            .token(settings.telegram_bot_token.get_secret_value())
            .base_url(f"{root}/bot")
            .base_file_url(f"{root}/file/bot")
            .concurrent_updates(64)
            .connection_pool_size(settings.telegram_connections)
            .build()
        )
        self.application.add_handler(TypeHandler(Update, self._on_update))
        self.application.add_error_handler(self._on_error)

    async def run(self, dispatch: Dispatch) -> None:
        self._dispatch = dispatch
        app = self.application
        async with app:
            await app.bot.set_my_commands(
                [BotCommand(c.name, c.summary[:256] or c.name) for c in self._commands]
            )
            await app.start()
            assert app.updater is not None
            await self._receive(app)
            log.info("telegram: receiving as @%s", app.bot.username)
            try:
                await asyncio.Event().wait()
            finally:
                if app.updater.running:
                    await app.updater.stop()
                await app.stop()

    async def hold(self) -> None:
        async with self.application as app:
            log.info("telegram: sending as @%s", app.bot.username)
            await asyncio.Event().wait()

    async def _receive(self, app: Application[Any, Any, Any, Any, Any, Any]) -> None:
        s = self._settings
        assert app.updater is not None
        if s.telegram_mode == "webhook":
            assert s.telegram_webhook_secret is not None
            await app.updater.start_webhook(
                listen=s.telegram_webhook_listen,
                port=s.telegram_webhook_port,
                url_path=s.telegram_webhook_path,
                webhook_url=s.telegram_webhook_url,
                secret_token=s.telegram_webhook_secret.get_secret_value(),
                allowed_updates=_UPDATES,
            )
        else:
            await app.updater.start_polling(
                timeout=s.telegram_poll_timeout,
                allowed_updates=_UPDATES,
            )

    async def send(self, target: ChatRef, reply: Reply) -> None:
        """Deliver a reply; raises RetryLater, ChatMoved or PermanentFailure."""
        for message in render_telegram(reply):
            await self._send_one(target, message)

    # -- receiving

    async def _on_update(self, update: object, _: ContextTypes.DEFAULT_TYPE) -> None:
        if not isinstance(update, Update):
            return
        if update.callback_query is not None:
            await self._on_button(update.callback_query)
            return
        message = update.effective_message
        if message is None or not (message.text or message.caption):
            return
        incoming = await self._incoming(message, (message.text or message.caption or ""))
        if incoming is not None:
            await self._answer(incoming)

    async def _incoming(self, message: Message, text: str) -> Incoming | None:
        chat = _chat_ref(message)
        parsed = parse_command(text, self.application.bot.username or "")
        if parsed is None:
            if chat.kind is not ChatKind.PRIVATE:
                return None  # a group's conversation is not addressed to the bot
            return Incoming(chat, await self._user(message, chat), "", tuple(text.split()))
        name, args = parsed
        return Incoming(chat, await self._user(message, chat), name, args)

    async def _on_button(self, query: CallbackQuery) -> None:
        command = self._buttons.command(query.data or "")
        message = query.message
        if command is None or not isinstance(message, Message):
            await query.answer("This button has expired; send the command again.")
            return
        await query.answer()
        parsed = parse_command(command)
        if parsed is None:
            return
        chat = _chat_ref(message)
        user = await self._user_by_id(str(query.from_user.id), query.from_user.full_name, chat)
        await self._answer(Incoming(chat, user, parsed[0], parsed[1]))

    async def _answer(self, incoming: Incoming) -> None:
        assert self._dispatch is not None
        reply = await self._dispatch(incoming)

        async def post(message: TelegramMessage) -> None:
            await self._send_one(incoming.chat, message)

        await send_answer(post, render_telegram(reply), str(incoming.chat))

    async def _on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        log.error("telegram: update failed", exc_info=context.error)

    # -- who is asking

    async def _user(self, message: Message, chat: ChatRef) -> UserRef:
        sender = message.from_user
        if sender is None:
            # a channel post, or an anonymous group admin posting as the group
            return UserRef(f"chat{message.chat.id}", message.chat.title or "", is_chat_admin=True)
        return await self._user_by_id(str(sender.id), sender.full_name, chat)

    async def _user_by_id(self, user_id: str, name: str, chat: ChatRef) -> UserRef:
        if chat.kind is not ChatKind.GROUP:  # one's own private chat; a channel's posters
            return UserRef(user_id, name, is_chat_admin=True)
        return UserRef(user_id, name, is_chat_admin=user_id in await self._chat_admins(chat))

    async def _chat_admins(self, chat: ChatRef) -> frozenset[str]:
        cached = self._admins.get(chat.chat_id)
        if cached is not None and time.monotonic() - cached[0] < ADMIN_TTL:
            return cached[1]
        # messages arriving together share one request
        pending = self._admins_pending.get(chat.chat_id)
        if pending is None:
            pending = asyncio.ensure_future(self._fetch_admins(chat))
            self._admins_pending[chat.chat_id] = pending
            pending.add_done_callback(lambda _: self._admins_pending.pop(chat.chat_id, None))
        return await asyncio.shield(pending)

    async def _fetch_admins(self, chat: ChatRef) -> frozenset[str]:
        try:
            members = await self.application.bot.get_chat_administrators(int(chat.chat_id))
        except tg.TelegramError as exc:
            log.warning("telegram: cannot list the administrators of %s: %s", chat, exc)
            return frozenset()
        admins = frozenset(str(m.user.id) for m in members if m.status in _ADMINS)
        self._admins[chat.chat_id] = (time.monotonic(), admins)
        return admins

    # -- sending

    async def _send_one(self, target: ChatRef, message: TelegramMessage) -> None:
        bot = self.application.bot
        thread = int(target.thread_id) if target.thread_id else None
        markup = self._keyboard(message.buttons)
        try:
            if message.image is not None:
                await bot.send_photo(
                    int(target.chat_id),
                    message.image.data,
                    caption=message.image.caption[:1024] or None,
                    filename=message.image.filename,
                    message_thread_id=thread,
                    reply_markup=markup,
                )
            else:
                await bot.send_message(
                    int(target.chat_id),
                    message.text,
                    parse_mode=ParseMode.HTML,
                    message_thread_id=thread,
                    reply_markup=markup,
                    link_preview_options=_NO_PREVIEW,
                )
        except tg.TelegramError as exc:
            raise delivery_error(exc, target) from exc
        except ValueError as exc:  # a chat id that is not a number: no such Telegram chat
            raise PermanentFailure(f"not a Telegram chat id: {target.chat_id}") from exc

    def _keyboard(self, buttons: tuple[Button, ...]) -> InlineKeyboardMarkup | None:
        if not buttons:
            return None
        return InlineKeyboardMarkup(
            [
                [
                    InlineKeyboardButton(b.label, callback_data=self._buttons.payload(b.command))
                    for b in row
                ]
                for row in button_rows(buttons)
            ]
        )


def _chat_ref(message: Message) -> ChatRef:
    chat = message.chat
    kind = _KINDS.get(chat.type, ChatKind.GROUP)
    thread = message.message_thread_id if message.is_topic_message else None
    return ChatRef(PLATFORM, str(chat.id), kind, str(thread) if thread else None)
