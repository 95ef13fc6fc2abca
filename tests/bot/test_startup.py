"""``tally`` loads what a command uses and nothing else: the commands people run at a shell
prompt start without the platform SDKs, the HTML and feed readers, the scheduler or the
terminal toolkit. Checked by the modules loaded when the command finishes, in a real process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

# runs ``tally`` as ``python -m bot`` does, then writes every module loaded to the file named
_LOADED = """
import json, runpy, sys
out, sys.argv = sys.argv[1], ["tally", *sys.argv[2:]]
try:
    runpy.run_module("bot", run_name="__main__", alter_sys=True)
except SystemExit:
    pass
with open(out, "w") as f:
    json.dump(sorted(sys.modules), f)
"""

PLATFORMS = {"telegram", "discord"}
READERS = {"trafilatura", "lxml", "feedparser", "httpx"}
RUNTIME = {"apscheduler", "prompt_toolkit"}


def loaded(tmp_path: Path, *args: str) -> set[str]:
    """The top-level packages loaded by ``tally ARGS``, which must succeed."""
    out = tmp_path / "modules.json"
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE", "LOG"))}
    environ.update({"DATABASE_URL": f"sqlite:///{tmp_path / 'tally.db'}", "LOG_LEVEL": "WARNING"})
    result = subprocess.run(
        [sys.executable, "-c", _LOADED, str(out), *args],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=environ,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout, "the command printed nothing"
    return {name.split(".")[0] for name in json.loads(out.read_text())}


def test_help_loads_no_sdk_no_reader_no_settings_and_no_database(tmp_path: Path) -> None:
    modules = loaded(tmp_path, "--help")
    unused = PLATFORMS | READERS | RUNTIME | {"asyncpg", "aiosqlite", "pydantic", "asyncio"}
    assert modules & unused == set()


def test_ask_loads_the_database_and_settings_but_no_sdk_or_reader(tmp_path: Path) -> None:
    modules = loaded(tmp_path, "ask", "/help")
    assert {"aiosqlite", "pydantic_settings"} <= modules  # it did open the database
    assert modules & (PLATFORMS | READERS | RUNTIME | {"asyncpg"}) == set()


def test_extract_loads_the_extractor_alone(tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text("Ukraine said more than 50,000 Russian soldiers had been killed.\n")
    modules = loaded(tmp_path, "extract", str(article), "--published", "2022-06-01")
    assert "claims" in modules
    unused = PLATFORMS | READERS | RUNTIME | {"asyncpg", "aiosqlite", "pydantic"}
    assert modules & unused == set()


@pytest.mark.parametrize("command", [("seed",), ("outbox",)])
def test_database_commands_load_no_sdk_or_reader(tmp_path: Path, command: tuple[str]) -> None:
    assert loaded(tmp_path, *command) & (PLATFORMS | READERS | RUNTIME) == set()
