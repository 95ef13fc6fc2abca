from __future__ import annotations

import logging
import sys
from datetime import date

import pytest
from pydantic import SecretStr, ValidationError

from bot.config import Settings, describe_error
from bot.logs import RedactingFormatter
from claims.vocab import Party


def test_defaults_track_the_russo_ukrainian_war(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CONFLICT_PARTIES", raising=False)
    monkeypatch.delenv("CONFLICT_START", raising=False)
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    assert settings.conflict.parties == (Party.RUSSIA, Party.UKRAINE)
    assert settings.conflict.start == date(2022, 2, 24)


def test_parties_are_read_as_a_comma_separated_list(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONFLICT_PARTIES", " Israel , palestine ")
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    assert settings.conflict_parties == (Party.ISRAEL, Party.PALESTINE)


def test_a_bad_value_is_described_by_its_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LOG_LEVEL", "chatty")
    with pytest.raises(ValidationError) as caught:
        Settings(_env_file=None)  # type: ignore[call-arg]
    assert describe_error(caught.value).splitlines()[1].strip().startswith("LOG_LEVEL:")


def test_secrets_never_reach_a_log_line_even_in_a_traceback() -> None:
    token = "123456:SECRET-token-value"
    formatter = RedactingFormatter([token, ""])
    try:
        raise RuntimeError(f"POST https://api.example/bot{token}/getMe failed")
    except RuntimeError:
        record = logging.LogRecord(
            "t", logging.ERROR, __file__, 1, "token is %s", (token,), exc_info=sys.exc_info()
        )
    line = formatter.format(record)
    assert token not in line
    assert line.count("[redacted]") == 2


def test_secret_settings_are_collected_for_redaction() -> None:
    class WithToken(Settings):
        some_token: SecretStr = SecretStr("abc123")

    assert WithToken(_env_file=None).secrets() == ["abc123"]  # type: ignore[call-arg]


@pytest.mark.parametrize(
    ("missing", "named"),
    [("telegram_webhook_url", "TELEGRAM_WEBHOOK_URL"), ("telegram_webhook_secret", "SECRET")],
)
def test_webhook_mode_needs_a_public_address_and_a_secret(missing: str, named: str) -> None:
    values = {
        "telegram_bot_token": "1:abc",
        "telegram_mode": "webhook",
        "telegram_webhook_url": "https://bot.example.org/telegram",
        "telegram_webhook_secret": "s3cret",
    }
    del values[missing]
    with pytest.raises(ValidationError, match=named):
        Settings(_env_file=None, **values)  # type: ignore[call-arg, arg-type]


def test_a_webhook_secret_with_characters_telegram_refuses_is_named() -> None:
    with pytest.raises(ValidationError) as caught:
        Settings(_env_file=None, telegram_webhook_secret="has spaces")  # type: ignore[call-arg, arg-type]
    assert "TELEGRAM_WEBHOOK_SECRET" in describe_error(caught.value)


def test_conflict_parties_take_any_registered_name(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONFLICT_PARTIES", "Israel, Hezbollah, north korea")
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    assert settings.conflict.parties == (Party.ISRAEL, Party.LEBANON, Party.NORTH_KOREA)


def test_an_unknown_conflict_party_is_named_with_a_suggestion(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("CONFLICT_PARTIES", "russia,ukrane")
    with pytest.raises(ValidationError) as caught:
        Settings(_env_file=None)  # type: ignore[call-arg]
    described = describe_error(caught.value)
    assert "CONFLICT_PARTIES" in described
    assert "unknown party 'ukrane' (did you mean ukraine?)" in described
