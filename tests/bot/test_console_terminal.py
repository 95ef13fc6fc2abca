"""The ``tally console`` process at a real terminal (a pseudo-terminal): its first screen, Tab,
and the log kept out of the conversation in a file beside the database."""

from __future__ import annotations

import os
import pty
import re
import select
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

_ESCAPE = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b[@-_]|\r")


class Terminal:
    """A process on a pseudo-terminal: type keys, wait for text on its screen."""

    def __init__(self, args: list[str], cwd: Path, env: dict[str, str]) -> None:
        self._fd, child = pty.openpty()
        self.process = subprocess.Popen(
            args, stdin=child, stdout=child, stderr=child, cwd=cwd, env=env, close_fds=True
        )
        os.close(child)
        self.screen = ""

    def type(self, keys: str) -> None:
        os.write(self._fd, keys.encode())

    def wait_for(self, text: str, timeout: float = 30) -> str:
        """Everything shown so far, once ``text`` is among it (escape sequences removed; spaces
        are not compared, since the line editor may move the cursor instead of writing them)."""
        deadline = time.monotonic() + timeout
        while "".join(text.split()) not in "".join(self.screen.split()):
            assert time.monotonic() < deadline, f"{text!r} never shown; screen:\n{self.screen}"
            if select.select([self._fd], [], [], 0.1)[0]:
                try:
                    shown = os.read(self._fd, 65536).decode(errors="replace")
                    self.screen += _ESCAPE.sub("", shown)
                    continue
                except OSError:  # the process has gone and its terminal with it
                    pass
            assert self.process.poll() is None, f"exited before showing {text!r}:\n{self.screen}"
        return self.screen

    def close(self) -> int:
        """The exit status, once the process has ended (the terminal is closed once)."""
        status = self.process.wait(timeout=30)
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1
        return status


@pytest.fixture
def console(tmp_path: Path) -> Iterator[Terminal]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DATABASE", "LOG", "TELEGRAM", "DISCORD", "CONSOLE"))
    }
    env.update(
        {
            "DATABASE_URL": f"sqlite:///{tmp_path / 'tally.db'}",
            "LOG_LEVEL": "INFO",  # the seed's loading and the start are logged
            "CONSOLE_HISTORY": str(tmp_path / "history"),
            "TERM": "xterm",
            "PROMPT_TOOLKIT_NO_CPR": "1",
        }
    )
    terminal = Terminal([sys.executable, "-m", "bot", "console"], tmp_path, env)
    try:
        yield terminal
    finally:
        if terminal.process.poll() is None:
            terminal.process.kill()
        terminal.close()


def test_the_first_screen_says_where_the_database_and_the_log_are(
    console: Terminal, tmp_path: Path
) -> None:
    screen = console.wait_for("tally>")
    assert f"Database: {tmp_path / 'tally.db'}" in screen
    assert f"Log: {tmp_path / 'tally.log'}" in screen
    assert "No bot token is set, so this console is the only chat" in screen
    console.type("/quit\r")
    assert console.close() == 0


def test_log_lines_go_to_the_file_not_into_the_conversation(
    console: Terminal, tmp_path: Path
) -> None:
    console.wait_for("tally>")
    console.type("/estimates killed\r")
    console.wait_for("Killed: latest figure of each claimant")
    console.type("/quit\r")
    assert console.close() == 0
    log = (tmp_path / "tally.log").read_text()
    assert "loaded 17 seed claims into an empty database" in log
    assert "console adapter finished; stopping" in log
    assert " INFO " not in console.screen
    assert "seed claims" not in console.screen


def test_tab_completes_each_word_of_a_command(console: Terminal) -> None:
    console.wait_for("tally>")
    console.type("/estim\t")
    console.wait_for("/estimates")
    console.type(" wou\t")
    console.wait_for("/estimates wounded")
    console.type(" dpr\t")
    console.wait_for("/estimates wounded north_korea")
    console.type("\r")
    console.wait_for("Wounded: latest figure of each claimant · North Korea")
    console.type("/quit\r")
    assert console.close() == 0
