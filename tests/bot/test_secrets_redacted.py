"""No secret in any output: log lines, tracebacks the interpreter prints, what the asyncio loop
reports, what is logged before logging is set up, and a token the platform refuses."""

from __future__ import annotations

import logging
import subprocess
import sys
import textwrap
from pathlib import Path

from bot.logs import RedactingFormatter, password_in
from tests.fakes.discord_api import DiscordEmulator
from tests.fakes.telegram_api import TelegramEmulator
from tests.processes import run_to_end, tally_env

SECRET = "123456:SECRET-part-of-the-token"


def _python(code: str) -> subprocess.CompletedProcess[str]:
    """A real interpreter that runs ``code`` after installing Tally's hooks with SECRET known."""
    prelude = (
        "from bot.logs import REDACTOR, install_hooks\n"
        f"install_hooks()\nREDACTOR.add([{SECRET!r}])\n"
    )
    return subprocess.run(
        [sys.executable, "-c", prelude + textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def _secret_free(*outputs: str) -> None:
    for output in outputs:
        assert "SECRET-part" not in output


def test_an_uncaught_exception_is_printed_redacted() -> None:
    run = _python(f"raise RuntimeError('POST https://api.example/bot{SECRET}/getMe failed')")
    assert run.returncode == 1
    assert "Traceback (most recent call last)" in run.stderr
    assert "/bot[redacted]/getMe failed" in run.stderr
    _secret_free(run.stdout, run.stderr)


def test_an_uncaught_exception_in_a_thread_is_printed_redacted() -> None:
    run = _python(
        f"""
        import threading
        def fail():
            raise RuntimeError('token {SECRET}')
        worker = threading.Thread(target=fail, name='fetcher')
        worker.start()
        worker.join()
        """
    )
    assert "Exception in fetcher" in run.stderr
    assert "RuntimeError: token [redacted]" in run.stderr
    _secret_free(run.stdout, run.stderr)


def test_a_record_logged_before_logging_is_set_up_is_redacted() -> None:
    run = _python(f"import logging\nlogging.getLogger('early').warning('token %s', {SECRET!r})")
    assert run.stderr.strip() == "token [redacted]"


def test_what_the_asyncio_loop_reports_is_logged_redacted() -> None:
    run = _python(
        f"""
        import asyncio
        from bot.logs import report_loop_exception, setup_logging
        setup_logging("INFO")
        async def main():
            loop = asyncio.get_running_loop()
            loop.set_exception_handler(report_loop_exception)
            loop.call_exception_handler(
                {{"message": "Task exception was never retrieved",
                  "exception": RuntimeError("token {SECRET}")}}
            )
        asyncio.run(main())
        """
    )
    assert "ERROR bot.logs: Task exception was never retrieved" in run.stderr
    assert "RuntimeError: token [redacted]" in run.stderr
    _secret_free(run.stdout, run.stderr)


def test_a_database_password_is_redacted_alone_and_in_any_url() -> None:
    url = "postgresql://tally:hunter2-db-pass@db.internal:5432/tally"
    formatter = RedactingFormatter(password_in(url))
    record = logging.LogRecord(
        "t", logging.ERROR, __file__, 1, "%s; password %s; mirror %s", None, None
    )
    record.args = (url, "hunter2-db-pass", "postgres://copy:other-pass@replica/tally")
    line = formatter.format(record)
    assert "hunter2" not in line
    assert "other-pass" not in line
    assert "postgresql://tally:[redacted]@db.internal:5432/tally" in line
    assert "postgres://copy:[redacted]@replica/tally" in line


async def test_a_refused_telegram_token_ends_tally_run_in_one_line(tmp_path: Path) -> None:
    async with TelegramEmulator() as api:  # it knows another token, so it answers 401
        env = tally_env(
            DATABASE_URL=f"sqlite:///{tmp_path / 'tally.db'}",
            TELEGRAM_BOT_TOKEN=SECRET,
            TELEGRAM_API_BASE_URL=api.root,
        )
        code, stdout, stderr = await run_to_end(tmp_path, env, "run")
    assert code == 2, stderr
    _secret_free(stdout, stderr)
    assert "Traceback" not in stderr
    assert stderr.splitlines()[-1] == (
        "tally: Telegram refused TELEGRAM_BOT_TOKEN (401 Unauthorized): "
        "check the token @BotFather gave"
    )


async def test_a_refused_discord_token_ends_tally_run_in_one_line(tmp_path: Path) -> None:
    async with DiscordEmulator() as api:  # it knows another token, so it answers 401
        env = tally_env(
            DATABASE_URL=f"sqlite:///{tmp_path / 'tally.db'}",
            DISCORD_BOT_TOKEN="MTIz.SECRET-part-of-the-token",
            DISCORD_API_BASE_URL=api.root,
            DISCORD_GATEWAY_URL=api.gateway,
        )
        code, stdout, stderr = await run_to_end(tmp_path, env, "run")
    assert code == 2, stderr
    _secret_free(stdout, stderr)
    assert "Traceback" not in stderr
    assert stderr.splitlines()[-1].startswith(
        "tally: Discord refused DISCORD_BOT_TOKEN (401 Unauthorized)"
    )
