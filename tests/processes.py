"""Real ``tally`` processes for tests: started with an environment of the test's choosing,
their log lines collected as they come, stopped with SIGTERM or killed with SIGKILL."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

__all__ = ["Tally", "run_to_end", "tally_env"]


def tally_env(**settings: str) -> dict[str, str]:
    """This environment without Tally's settings, plus ``settings``."""
    environ = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DATABASE", "LOG", "TELEGRAM", "DISCORD", "ROLE", "OUTBOX"))
    }
    environ.update({"SEED_ON_EMPTY": "false", "LOG_LEVEL": "INFO", **settings})
    return environ


async def run_to_end(
    cwd: Path, env: dict[str, str], *args: str, within: float = 60.0
) -> tuple[int, str, str]:
    """Run ``tally ARGS`` until it exits by itself: its exit code, stdout and stderr."""
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", *args,
        stdin=asyncio.subprocess.DEVNULL, stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE, cwd=cwd, env=env,
    )  # fmt: skip
    async with asyncio.timeout(within):
        out, err = await process.communicate()
    assert process.returncode is not None
    return process.returncode, out.decode(), err.decode()


class Tally:
    def __init__(self, process: asyncio.subprocess.Process) -> None:
        self.process = process
        self.lines: list[str] = []
        self._changed = asyncio.Event()
        self._reader = asyncio.create_task(self._read())

    @classmethod
    async def start(cls, cwd: Path, env: dict[str, str], *args: str) -> Tally:
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", *args,
            stdin=asyncio.subprocess.DEVNULL, stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.PIPE, cwd=cwd, env=env,
        )  # fmt: skip
        return cls(process)

    async def _read(self) -> None:
        assert self.process.stderr is not None
        async for raw in self.process.stderr:
            self.lines.append(raw.decode(errors="replace").rstrip())
            self._changed.set()

    async def wait_for_line(self, text: str, within: float = 20.0) -> str:
        """The first log line containing ``text``; fails after ``within`` seconds."""
        async with asyncio.timeout(within):
            while True:
                found = next((line for line in self.lines if text in line), None)
                if found is not None:
                    return found
                if self.process.returncode is not None:
                    raise AssertionError(f"exited before {text!r}:\n" + "\n".join(self.lines))
                self._changed.clear()
                await self._changed.wait()

    async def stop(self, how: signal.Signals = signal.SIGTERM) -> int:
        if self.process.returncode is None:
            self.process.send_signal(how)
        code = await self.process.wait()
        await self._reader
        return code

    def log(self) -> str:
        return "\n".join(self.lines)
