"""The console's first screen and its log file, for each kind of deployment."""

from __future__ import annotations

from pathlib import Path

from bot.cli_console import first_screen, log_file
from bot.config import Settings


def test_with_a_token_the_screen_names_the_other_chats_and_never_a_password() -> None:
    url = "postgresql://tally:s3cret@db.example/tally"
    settings = Settings(_env_file=None, database_url=url)  # type: ignore[call-arg]
    screen = "\n".join(first_screen(settings, ["Telegram", "Discord"], None))
    assert "Database: PostgreSQL db.example/tally" in screen
    assert "Also answering on Telegram and Discord." in screen
    assert "No bot token" not in screen
    assert "s3cret" not in screen
    assert "Log:" not in screen  # no log file: the console is not at a terminal


def test_the_log_lies_beside_a_sqlite_file_or_in_the_working_folder(tmp_path: Path) -> None:
    assert log_file(f"sqlite:///{tmp_path / 'data' / 'tally.db'}") == tmp_path / "data/tally.log"
    assert log_file("postgresql://db.example/tally") == Path.cwd() / "tally.log"
