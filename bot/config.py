"""The one typed settings object, read once from the environment and ``.env``.

Every key is listed with a comment in ``.env.example``. A bad value is reported with the key's
name by ``describe_error``.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from claims.conflict import Conflict
from claims.vocab import Party

__all__ = ["Settings", "describe_error"]

_SECRET_TOKEN = re.compile(r"[A-Za-z0-9_-]{1,256}")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", frozen=True
    )

    database_url: str = "sqlite:///tally.db"
    seed_on_empty: bool = True
    conflict_name: str = "Russo-Ukrainian war"
    conflict_parties: Annotated[tuple[Party, ...], NoDecode] = (Party.RUSSIA, Party.UKRAINE)
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

    @field_validator("conflict_parties", mode="before")
    @classmethod
    def _split_parties(cls, value: Any) -> Any:
        if isinstance(value, str):
            return tuple(part.strip().lower() for part in value.split(",") if part.strip())
        return value

    @field_validator("log_level")
    @classmethod
    def _level(cls, value: str) -> str:
        level = value.upper()
        if level not in ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"):
            raise ValueError("must be DEBUG, INFO, WARNING, ERROR or CRITICAL")
        return level

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
    def conflict(self) -> Conflict:
        return Conflict(self.conflict_parties, self.conflict_start, self.conflict_name)

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
