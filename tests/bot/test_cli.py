"""The ``tally`` command as a user runs it: a real process, a real database file."""

from __future__ import annotations

import asyncio
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.fakes.telegram_api import TelegramEmulator


def tally(
    tmp_path: Path, *args: str, stdin: str = "", env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    environ = {
        k: v for k, v in os.environ.items() if not k.startswith(("DATABASE", "CONFLICT", "LOG"))
    }
    environ.update({"DATABASE_URL": f"sqlite:///{tmp_path / 'tally.db'}", "LOG_LEVEL": "WARNING"})
    environ.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=environ,
        timeout=60,
        check=False,
    )


def test_ask_answers_one_command_on_a_fresh_seeded_database(tmp_path: Path) -> None:
    result = tally(tmp_path, "ask", "/estimates killed")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Killed: latest figure of each claimant")
    assert ">50,000" in result.stdout
    assert "replaced >5,300" in result.stdout
    assert (tmp_path / "tally.db").exists()


def test_ask_prints_what_the_console_shows(tmp_path: Path) -> None:
    asked = tally(tmp_path, "ask", "/estimates killed").stdout
    console = tally(tmp_path, "console", stdin="/estimates killed\n").stdout
    assert console.strip() == asked.strip()


def test_bad_input_exits_non_zero_with_the_explanation(tmp_path: Path) -> None:
    result = tally(tmp_path, "ask", "/estimates kiled")
    assert result.returncode == 1
    assert "did you mean killed?" in result.stdout


def test_seed_loads_once(tmp_path: Path) -> None:
    first = tally(tmp_path, "seed", env={"SEED_ON_EMPTY": "false"})
    assert first.stdout.strip() == "17 new seed claims; 17 claims in all."
    again = tally(tmp_path, "seed")
    assert again.stdout.strip() == "0 new seed claims; 17 claims in all."


def test_a_corrupt_database_is_a_clear_error_not_a_traceback(tmp_path: Path) -> None:
    (tmp_path / "tally.db").write_bytes(b"garbage" * 1000)
    result = tally(tmp_path, "ask", "/start")
    assert result.returncode == 2
    assert "cannot be read as a SQLite database" in result.stderr
    assert "Traceback" not in result.stderr
    assert (tmp_path / "tally.db").read_bytes() == b"garbage" * 1000


def test_a_newer_schema_is_refused(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "tally.db")
    conn.execute("CREATE TABLE claims (id TEXT)")
    conn.execute("PRAGMA user_version = 99")
    conn.commit()
    conn.close()
    result = tally(tmp_path, "ask", "/start")
    assert result.returncode == 2
    assert "schema version 99" in result.stderr


@pytest.mark.parametrize(
    ("key", "value"),
    [("CONFLICT_START", "last tuesday"), ("CONFLICT_PARTIES", "russia,narnia"), ("PAGE_SIZE", "0")],
)
def test_a_bad_setting_names_its_key(tmp_path: Path, key: str, value: str) -> None:
    result = tally(tmp_path, "ask", "/start", env={key: value})
    assert result.returncode == 2
    assert f"{key}:" in result.stderr
    assert "Traceback" not in result.stderr


def test_settings_are_read_from_dot_env(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("CONFLICT_PARTIES=ussr\nCONFLICT_START=1979-12-24\n")
    result = tally(tmp_path, "ask", "/start")
    assert "Tracking the war between USSR since 1979-12-24" in result.stdout


async def test_run_serves_telegram_when_its_token_is_set_and_stops_on_sigterm(
    tmp_path: Path,
) -> None:
    async with TelegramEmulator() as api:
        api.private_chat(7)
        environ = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE", "LOG"))}
        environ.update(
            {
                "DATABASE_URL": f"sqlite:///{tmp_path / 'tally.db'}",
                "TELEGRAM_BOT_TOKEN": api.token,
                "TELEGRAM_API_BASE_URL": api.root,
                "TELEGRAM_POLL_TIMEOUT": "1",
                "LOG_LEVEL": "INFO",
            }
        )
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "run",
            stdin=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE,
            cwd=tmp_path, env=environ,
        )  # fmt: skip
        try:
            await api.send_text(7, "/estimates killed", user_id=7)
            [answer, *_] = await api.wait_sent(1, chat_id=7, within=30)
            assert ">50,000" in answer.text
        finally:
            process.send_signal(signal.SIGTERM)
            async with asyncio.timeout(30):
                _, stderr = await process.communicate()
        assert process.returncode == 0, stderr.decode()
        assert api.token not in stderr.decode()


def test_outbox_shows_what_waits_what_failed_and_what_went(tmp_path: Path) -> None:
    async def fill() -> None:
        from storage import open_storage
        from storage.protocols import Outgoing

        storage = await open_storage(f"sqlite:///{tmp_path / 'tally.db'}")
        try:
            rows = [
                Outgoing(f"k{n}", f"telegram:private:{n}", "telegram", "digest", "{}")
                for n in (1, 2, 3)
            ]
            await storage.outbox.enqueue(rows, now=1.0)
            first, second, _ = await storage.outbox.due(["telegram"], 1.0, 10)
            await storage.outbox.sent([first.id], now=2.0)
            await storage.outbox.fail(second.id, "Forbidden: bot was blocked by the user")
        finally:
            await storage.close()

    asyncio.run(fill())
    result = tally(tmp_path, "outbox")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Outbox: 1 queued, 0 sending, 1 sent, 1 failed")
    assert "#3 digest -> telegram:private:3  tries 0, due now" in result.stdout
    assert "#2 digest -> telegram:private:2  (Forbidden: bot was blocked by the user)" in (
        result.stdout
    )
    assert "#1 digest -> telegram:private:1  sent 1970-01-01 00:00:02 UTC" in result.stdout
