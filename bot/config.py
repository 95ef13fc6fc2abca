"""The one typed settings object, read once from the environment and ``.env``.

Every key is listed with a comment in ``.env.example``. A bad value is reported with the key's
name by ``describe_error``.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    Field,
    PlainValidator,
    SecretStr,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from bot.moderators import Moderators
from bot.pacing import PlatformRates, Rate
from claims.conflict import Conflict
from claims.registry import party_named, party_suggestions
from claims.schedule import zone_named
from claims.vocab import Party
from handlers.types import ChatKind

__all__ = ["Settings", "describe_error"]

_SECRET_TOKEN = re.compile(r"[A-Za-z0-9_-]{1,256}")


def _registered(value: Any) -> Party:
    """A party setting: any registered party by any of its names ("north korea", "hamas")."""
    party = party_named(str(value))
    if party is None:
        close = ", ".join(p.value for p in party_suggestions(str(value)))
        hint = f" (did you mean {close}?)" if close else ""
        raise ValueError(f"unknown party {str(value)!r}{hint}")
    return party


RegisteredParty = Annotated[Party, PlainValidator(_registered)]


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", frozen=True
    )

    database_url: str = "sqlite:///tally.db"
    role: str = "all"  # what `tally run` does here: web, gateway, worker, scheduler, all
    seed_on_empty: bool = True
    conflict_name: str = "Russo-Ukrainian war"
    conflict_parties: Annotated[tuple[RegisteredParty, ...], NoDecode] = (
        Party.RUSSIA,
        Party.UKRAINE,
    )
    conflict_start: date = date(2022, 2, 24)
    page_size: int = Field(default=8, ge=1, le=50)
    log_level: str = "INFO"
    console_history: Path = Path("~/.tally_history")

    telegram_bot_token: SecretStr | None = None
    telegram_api_base_url: str = "https://api.telegram.org"
    telegram_mode: Literal["polling", "webhook"] = "polling"
    telegram_poll_timeout: int = Field(default=30, ge=0, le=50)
    telegram_webhook_listen: str = "127.0.0.1"
    telegram_webhook_port: int = Field(default=8443, ge=1, le=65535)
    telegram_webhook_path: str = "telegram"
    telegram_webhook_url: str = ""
    telegram_webhook_secret: SecretStr | None = None
    telegram_rate_overall: str = "30/1s"
    # connections kept to the Bot API: Telegram's cap (30/s) needs few, and every extra one
    # costs the HTTP client time on each request
    telegram_connections: int = Field(default=8, ge=1, le=256)
    telegram_rate_private: str = "1/1s"
    telegram_rate_group: str = "20/60s"
    discord_bot_token: SecretStr | None = None
    discord_dev_guild_id: int | None = None
    discord_api_base_url: str = "https://discord.com"
    discord_gateway_url: str = "wss://gateway.discord.gg/"
    discord_defer_after: float = Field(default=1.0, ge=0, le=2.5)
    discord_send_timeout: float = Field(default=30.0, gt=0)
    discord_rate_overall: str = "50/1s"
    discord_rate_channel: str = "5/5s"

    moderators: str = "console:*"
    auto_publish: bool = False
    fetch_allow_private: bool = False
    fetch_allow_hosts: str = ""  # comma-separated hosts allowed although internal
    fetch_timeout: float = Field(default=20.0, gt=0, le=300)
    fetch_max_bytes: int = Field(default=5_000_000, ge=10_000)
    feed_poll_minutes: float = Field(default=30.0, gt=0)
    feed_max_failures: int = Field(default=5, ge=1)

    default_timezone: str = "UTC"
    subscriptions_per_chat: int = Field(default=20, ge=1, le=1000)
    alert_window: float = Field(default=10.0, ge=0, le=3600)
    delivery_poll: float = Field(default=15.0, gt=0, le=3600)
    digest_misfire_grace: int = Field(default=3600, ge=1)
    outbox_lease: float = Field(default=60.0, gt=0)
    outbox_concurrency: int = Field(default=32, ge=1, le=1024)
    outbox_backoff_base: float = Field(default=5.0, gt=0)
    outbox_backoff_cap: float = Field(default=300.0, gt=0)
    outbox_give_up_hours: float = Field(default=48.0, gt=0)
    outbox_keep_days: float = Field(default=7.0, ge=0)

    @field_validator("conflict_parties", mode="before")
    @classmethod
    def _split_parties(cls, value: Any) -> Any:
        if isinstance(value, str):
            return tuple(part.strip().lower() for part in value.split(",") if part.strip())
        return value

    @field_validator("moderators")
    @classmethod
    def _moderators(cls, value: str) -> str:
        Moderators.parse(value)
        return value

    @field_validator("log_level")
    @classmethod
    def _level(cls, value: str) -> str:
        level = value.upper()
        if level not in ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"):
            raise ValueError("must be DEBUG, INFO, WARNING, ERROR or CRITICAL")
        return level

    @field_validator(
        "telegram_rate_overall",
        "telegram_rate_private",
        "telegram_rate_group",
        "discord_rate_overall",
        "discord_rate_channel",
    )
    @classmethod
    def _rate(cls, value: str) -> str:
        return str(Rate.parse(value))

    @field_validator("default_timezone")
    @classmethod
    def _zone(cls, value: str) -> str:
        zone = zone_named(value)
        if zone is None:
            raise ValueError("must be a tz database name such as Europe/Kyiv or UTC")
        return zone

    @field_validator("telegram_webhook_secret")
    @classmethod
    def _secret_token(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not _SECRET_TOKEN.fullmatch(value.get_secret_value()):
            raise ValueError("must be 1 to 256 characters: letters, digits, _ and -")
        return value

    @model_validator(mode="after")
    def _webhook_needs(self) -> Settings:
        if self.telegram_mode == "webhook" and self.telegram_bot_token:
            if not self.telegram_webhook_url:
                raise ValueError("TELEGRAM_WEBHOOK_URL (the public https address) is required")
            if self.telegram_webhook_secret is None:
                raise ValueError("TELEGRAM_WEBHOOK_SECRET is required in webhook mode")
        return self

    @property
    def moderator_list(self) -> Moderators:
        return Moderators.parse(self.moderators)

    @property
    def conflict(self) -> Conflict:
        return Conflict(self.conflict_parties, self.conflict_start, self.conflict_name)

    def rates(self) -> dict[str, PlatformRates]:
        """The outbox worker's limits per platform (the console has none)."""
        group = Rate.parse(self.telegram_rate_group)
        channel = Rate.parse(self.discord_rate_channel)
        return {
            "telegram": PlatformRates(
                Rate.parse(self.telegram_rate_overall),
                {
                    ChatKind.PRIVATE: Rate.parse(self.telegram_rate_private),
                    ChatKind.GROUP: group,
                    ChatKind.CHANNEL: group,
                },
            ),
            "discord": PlatformRates(
                Rate.parse(self.discord_rate_overall),
                dict.fromkeys(ChatKind, channel),
            ),
        }

    def secrets(self) -> list[str]:
        """Every configured secret, so logging can redact them."""
        return [
            v.get_secret_value()
            for v in self.__dict__.values()
            if isinstance(v, SecretStr) and v.get_secret_value()
        ]


def describe_error(error: ValidationError) -> str:
    """``CONFLICT_START: Input should be a valid date ...`` one problem a line, no values echoed."""
    lines = []
    for problem in error.errors():
        key = "_".join(str(part) for part in problem["loc"][:1]).upper()
        lines.append(f"{key}: {problem['msg']}")
    return "configuration error in the environment or .env:\n  " + "\n  ".join(lines)
