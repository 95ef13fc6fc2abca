"""Tally on Discord (discord.py 2): slash commands in servers, threads and DMs.

The client runs inside our event loop (``async with client: await client.start(token)``).
Slash commands are generated from the router's registry (bot.adapters.discord_slash) and
synced when the client logs in; each interaction becomes an ``Incoming`` and each ``Reply``
messages of embeds (bot.render.discord). An answer that takes longer than
``DISCORD_DEFER_AFTER`` is deferred first, so Discord's 3-second window is never missed.
Errors are answered ephemerally. A reply carrying a form opens it as a modal
(bot.adapters.discord_modals). A DM, or a server message that mentions the bot, is read as
a typed command too. Every send disallows mentions. Nothing from the SDK crosses the adapter.
"""

from __future__ import annotations

import asyncio
import io
import logging
import re
from typing import Any

import aiohttp
import discord
import yarl
from discord.gateway import DiscordWebSocket
from discord.http import Route

from bot.adapters.answering import send_answer
from bot.adapters.base import Capabilities, Complete, Dispatch
from bot.adapters.buttons import ButtonCommands, button_rows
from bot.adapters.discord_errors import delivery_error
from bot.adapters.discord_modals import FormModal
from bot.adapters.discord_slash import build_commands
from bot.config import Settings
from bot.render.discord import MAX_CONTENT, DiscordMessage, render_discord
from claims.errors import RetryLater
from handlers.parse import parse_command
from handlers.router import Command
from handlers.types import ChatKind, ChatRef, Incoming, Reply, UserRef

__all__ = ["DiscordAdapter", "TallyClient"]

log = logging.getLogger(__name__)

PLATFORM = "discord"
NOT_CONNECTED_DELAY = 5.0
NO_MENTIONS = discord.AllowedMentions.none()
_CUSTOM_ID = 100  # characters Discord allows in a button's custom_id
_PREFIX = "tally:"
_MENTION = re.compile(r"<@!?(\d+)>")
_OPENS_MODAL = (discord.InteractionType.application_command, discord.InteractionType.component)


class CommandButton(discord.ui.DynamicItem[discord.ui.Button[Any]], template=r"tally:(?P<key>.+)"):
    """A button that runs a command. Its custom_id carries the command, so it still works after
    a restart (a long one carries a key kept while the bot runs)."""

    def __init__(self, key: str, label: str = "…", row: int | None = None) -> None:
        super().__init__(
            discord.ui.Button(
                label=label, custom_id=_PREFIX + key, style=discord.ButtonStyle.secondary
            ),
            row=row,
        )
        self.key = key

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction[Any],
        item: discord.ui.Item[Any],
        match: re.Match[str],
    ) -> CommandButton:
        label = item.label if isinstance(item, discord.ui.Button) else None
        return cls(match["key"], label or "…")

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        client = interaction.client
        if isinstance(client, TallyClient):
            await client.adapter.on_button(interaction, self.key)


class TallyClient(discord.Client):
    def __init__(self, adapter: DiscordAdapter, *, ready_timeout: float) -> None:
        intents = discord.Intents.none()
        intents.guilds = True
        intents.guild_messages = True  # messages that mention the bot (no content intent)
        intents.dm_messages = True
        super().__init__(
            intents=intents,
            allowed_mentions=NO_MENTIONS,
            max_ratelimit_timeout=30.0,  # longer waits come back to the outbox as RetryLater
            guild_ready_timeout=ready_timeout,
        )
        self.adapter = adapter
        self.tree: discord.app_commands.CommandTree[TallyClient] = discord.app_commands.CommandTree(
            self
        )

    async def setup_hook(self) -> None:
        await self.adapter.setup(self)

    async def on_ready(self) -> None:
        log.info("discord: connected as %s", self.user)
        self.adapter.connected.set()

    async def on_message(self, message: discord.Message) -> None:
        await self.adapter.on_message(message)


class DiscordAdapter:
    name = PLATFORM
    capabilities = Capabilities(max_length=MAX_CONTENT, images=True, buttons=True)

    def __init__(
        self,
        settings: Settings,
        commands: tuple[Command, ...] = (),
        complete: Complete | None = None,
        *,
        ready_timeout: float = 2.0,
    ) -> None:
        if settings.discord_bot_token is None:
            raise ValueError("DISCORD_BOT_TOKEN is not set")
        self._settings = settings
        self._commands = commands
        self._complete = complete
        self._dispatch: Dispatch | None = None
        self._logged_in = asyncio.Event()
        self.connected = asyncio.Event()
        """Set once the gateway session is ready (servers known, events arriving)."""
        self._buttons = ButtonCommands(_CUSTOM_ID - len(_PREFIX))
        # discord.py reads its REST root and gateway from class attributes; tests point them
        # at the emulator
        Route.BASE = f"{settings.discord_api_base_url.rstrip('/')}/api/v10"
        DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(settings.discord_gateway_url)
        self.client = TallyClient(self, ready_timeout=ready_timeout)

    async def run(self, dispatch: Dispatch) -> None:
        self._dispatch = dispatch
        assert self._settings.discord_bot_token is not None
        async with self.client:
            await self.client.start(self._settings.discord_bot_token.get_secret_value())

    async def hold(self) -> None:
        """Log in over REST only (no gateway session): enough to send."""
        assert self._settings.discord_bot_token is not None
        async with self.client:
            await self.client.login(self._settings.discord_bot_token.get_secret_value())
            log.info("discord: sending (no gateway session in this process)")
            await asyncio.Event().wait()

    async def setup(self, client: TallyClient) -> None:
        """Register the slash commands and the buttons, then sync the commands; a process that
        only sends (``hold``) leaves the commands to the one that answers them."""
        if self._dispatch is None:
            self._logged_in.set()
            return
        for slash in build_commands(self._commands, self._on_slash, self._suggest):
            client.tree.add_command(slash)
        client.add_dynamic_items(CommandButton)
        guild_id = self._settings.discord_dev_guild_id
        if guild_id is not None:
            guild = discord.Object(guild_id)
            client.tree.copy_global_to(guild=guild)
            synced = await client.tree.sync(guild=guild)
        else:
            synced = await client.tree.sync()
        where = f"server {guild_id}" if guild_id is not None else "globally"
        log.info("discord: %d slash commands synced %s", len(synced), where)
        self._logged_in.set()

    async def send(self, target: ChatRef, reply: Reply) -> None:
        """Deliver a reply; raises RetryLater or PermanentFailure."""
        if not self._logged_in.is_set():
            raise RetryLater(NOT_CONNECTED_DELAY, "not logged in to Discord yet")
        channel = self.client.get_partial_messageable(int(target.chat_id))
        for message in render_discord(reply):
            await self._post(channel, message)

    # -- receiving

    async def _on_slash(
        self, interaction: discord.Interaction[Any], command: Command, options: dict[str, Any]
    ) -> None:
        words = command.words(options)
        incoming = Incoming(_chat(interaction), _user(interaction), command.name, words)
        await self._respond(interaction, incoming)

    async def _suggest(self, command: str, param: str, typed: str) -> list[str]:
        if self._complete is None:
            return []
        return await self._complete(command, param, typed)

    async def on_button(self, interaction: discord.Interaction[Any], key: str) -> None:
        command = self._buttons.command(key)
        parsed = parse_command(command) if command else None
        if parsed is None:
            await interaction.response.send_message(
                "This button has expired; run the command again.",
                ephemeral=True,
                allowed_mentions=NO_MENTIONS,
            )
            return
        incoming = Incoming(_chat(interaction), _user(interaction), parsed[0], parsed[1])
        await self._respond(interaction, incoming)

    async def _submitted(self, interaction: discord.Interaction[Any], command: str) -> None:
        """A modal's values, as the command its form builds."""
        parsed = parse_command(command)
        assert parsed is not None
        incoming = Incoming(_chat(interaction), _user(interaction), parsed[0], parsed[1])
        await self._respond(interaction, incoming)

    async def on_message(self, message: discord.Message) -> None:
        me = self.client.user
        if message.author.bot or me is None:
            return
        text = message.content
        if message.guild is not None:
            if me not in message.mentions:
                return  # a server's conversation is not addressed to the bot
            text = _MENTION.sub(lambda m: "" if int(m[1]) == me.id else m[0], text)
        text = text.strip()
        parsed = parse_command(text if text.startswith("/") else f"/{text}")
        chat = _message_chat(message)
        user = _message_user(message)
        incoming = (
            Incoming(chat, user, parsed[0], parsed[1])
            if parsed is not None
            else Incoming(chat, user, "", tuple(text.split()))
        )
        assert self._dispatch is not None
        reply = await self._dispatch(incoming)
        channel = message.channel

        async def post(part: DiscordMessage) -> None:
            await self._post(channel, part)

        await send_answer(post, render_discord(reply), str(chat))

    # -- answering an interaction

    async def _respond(self, interaction: discord.Interaction[Any], incoming: Incoming) -> None:
        assert self._dispatch is not None
        answer = asyncio.ensure_future(self._dispatch(incoming))
        # the window runs from when Discord created the interaction, not from when a busy
        # gateway got round to it
        waited = (discord.utils.utcnow() - interaction.created_at).total_seconds()
        budget = max(0.0, self._settings.discord_defer_after - max(0.0, waited))
        done, _ = await asyncio.wait({answer}, timeout=budget)
        deferred = not done
        try:
            if deferred:
                await interaction.response.defer(thinking=True)
            reply = await answer
            # a modal answers a command or a button, never a deferral or another modal
            if reply.form is not None and not deferred and interaction.type in _OPENS_MODAL:
                await interaction.response.send_modal(FormModal(reply.form, self._submitted))
                return
            messages = render_discord(reply)
            if deferred:
                await self._after_defer(interaction, messages, ephemeral=reply.error)
            else:
                first, *rest = messages
                await interaction.response.send_message(
                    **self._message_kwargs(first), ephemeral=reply.error
                )
                for message in rest:
                    await self._followup(interaction, message, ephemeral=reply.error)
        except discord.HTTPException as exc:
            log.warning("discord: cannot answer /%s: %s", incoming.command, exc)
        finally:
            if not answer.done():
                answer.cancel()

    async def _after_defer(
        self,
        interaction: discord.Interaction[Any],
        messages: list[DiscordMessage],
        *,
        ephemeral: bool,
    ) -> None:
        first, *rest = messages
        if ephemeral:
            # the "thinking" message is public; an error goes to the asker alone
            await interaction.delete_original_response()
            rest = messages
        else:
            kwargs = self._message_kwargs(first)
            file = kwargs.pop("file", None)
            await interaction.edit_original_response(
                **kwargs, attachments=[file] if file is not None else []
            )
        for message in rest:
            await self._followup(interaction, message, ephemeral=ephemeral)

    async def _followup(
        self, interaction: discord.Interaction[Any], message: DiscordMessage, *, ephemeral: bool
    ) -> None:
        await interaction.followup.send(**self._message_kwargs(message), ephemeral=ephemeral)

    # -- sending

    async def _post(self, channel: discord.abc.Messageable, message: DiscordMessage) -> None:
        try:
            async with asyncio.timeout(self._settings.discord_send_timeout):
                await channel.send(**self._message_kwargs(message))
        except (
            discord.HTTPException,
            discord.RateLimited,
            aiohttp.ClientError,
            TimeoutError,
            OSError,
        ) as exc:
            raise delivery_error(exc) from exc

    def _message_kwargs(self, message: DiscordMessage) -> dict[str, Any]:
        kwargs: dict[str, Any] = {
            "embeds": list(message.embeds),
            "allowed_mentions": NO_MENTIONS,
        }
        if message.content:
            kwargs["content"] = message.content
        if message.buttons:
            view = discord.ui.View(timeout=None)
            for number, row in enumerate(button_rows(message.buttons, max_rows=5)):
                for button in row:
                    key = self._buttons.payload(button.command)
                    view.add_item(CommandButton(key, button.label, number))
            kwargs["view"] = view
        if message.image is not None:
            data = message.image.data
            kwargs["file"] = discord.File(io.BytesIO(data), filename=message.image.filename)
        return kwargs


def _chat(interaction: discord.Interaction[Any]) -> ChatRef:
    channel_id = interaction.channel_id or (interaction.user.id if interaction.user else 0)
    kind = ChatKind.PRIVATE if interaction.guild_id is None else ChatKind.GROUP
    return ChatRef(PLATFORM, str(channel_id), kind)


def _user(interaction: discord.Interaction[Any]) -> UserRef:
    who = interaction.user
    if interaction.guild_id is None:
        return UserRef(str(who.id), who.display_name, is_chat_admin=True)
    perms = interaction.permissions
    admin = perms.administrator or perms.manage_channels
    return UserRef(str(who.id), who.display_name, is_chat_admin=admin)


def _message_chat(message: discord.Message) -> ChatRef:
    kind = ChatKind.PRIVATE if message.guild is None else ChatKind.GROUP
    return ChatRef(PLATFORM, str(message.channel.id), kind)


def _message_user(message: discord.Message) -> UserRef:
    author = message.author
    if message.guild is None:
        return UserRef(str(author.id), author.display_name, is_chat_admin=True)
    admin = False
    channel = message.channel
    if isinstance(author, discord.Member) and isinstance(
        channel, discord.abc.GuildChannel | discord.Thread
    ):
        perms = channel.permissions_for(author)
        admin = perms.administrator or perms.manage_channels
    return UserRef(str(author.id), author.display_name, is_chat_admin=admin)
