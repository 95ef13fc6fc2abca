"""The one typed settings object, read once from the environment and ``.env``.

Every key is listed with a comment in ``.env.example``. A bad value is reported with the key's
name by ``describe_error``.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated, Any

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from claims.conflict import Conflict
from claims.vocab import Party

__all__ = ["Settings", "describe_error"]


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
