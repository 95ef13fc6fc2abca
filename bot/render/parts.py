"""A reply cut into the parts a platform sends as one message each (bot.render.*)."""

from __future__ import annotations

from handlers.types import Reply

__all__ = ["split_for"]


def split_for(platform: str, reply: Reply) -> list[Reply]:
    """Telegram's 4,096-character messages and photos, Discord's messages of embeds; the
    console prints any length at once."""
    # each platform's renderer loads its SDK: only the one sending pays for it
    if platform == "telegram":
        from bot.render.telegram import split_telegram

        return split_telegram(reply)
    if platform == "discord":
        from bot.render.discord import split_discord

        return split_discord(reply)
    return [reply]
