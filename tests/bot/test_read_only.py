"""A database Tally cannot write is refused at start-up, in one line naming the path and what
would work, with exit status 2: a read-only file, and a writable file in a read-only folder
(where SQLite cannot create its ``-wal`` and ``-shm`` files).

Root ignores file permissions, so as root the commands run as ``nobody`` (through setpriv),
for whom the permissions hold; as anyone else, the file or folder is made read-only for them.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import sqlite3
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from storage import open_storage
from tests.processes import tally_env

AS_ROOT = os.geteuid() == 0
ARTICLE = "Ukraine said on Monday that 5,300 Russian soldiers had been killed."
COMMANDS = {
    "run": ["run"],
    "ingest": ["ingest", "article.txt", "--outlet", "Wire"],
    "seed": ["seed"],
}


@pytest.fixture
def folder() -> Iterator[Path]:
    """A folder the unprivileged user can reach (pytest's own are private to root)."""
    path = Path(tempfile.mkdtemp(prefix="tally-ro-"))
    path.chmod(0o755)
    (path / "article.txt").write_text(ARTICLE)
    (path / "article.txt").chmod(0o644)
    try:
        yield path
    finally:
        path.chmod(0o755)
        shutil.rmtree(path)


async def _tally_database(db: Path) -> None:
    storage = await open_storage(f"sqlite:///{db}")
    await storage.close()


def _read_only_file(folder: Path, db: Path) -> None:
    if AS_ROOT:
        shutil.chown(folder, "nobody")  # the folder is theirs, the file is not
    else:
        db.chmod(0o444)


def _read_only_folder(folder: Path, db: Path) -> None:
    if AS_ROOT:
        shutil.chown(db, "nobody")  # the file is theirs, the folder is not
    else:
        folder.chmod(0o555)


def _as_nobody() -> list[str]:
    """How to run a command as ``nobody`` from root: setpriv, from util-linux."""
    if not AS_ROOT:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv to drop privileges")
    return [setpriv, "--reuid=nobody", "--regid=nogroup", "--clear-groups"]


async def _tally(folder: Path, *args: str) -> tuple[int, list[str]]:
    process = await asyncio.create_subprocess_exec(
        *_as_nobody(), sys.executable, "-m", "bot", *args,
        stdin=asyncio.subprocess.DEVNULL, stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE, cwd=folder,
        env=tally_env(DATABASE_URL=f"sqlite:///{folder / 'tally.db'}", HOME=str(folder)),
    )  # fmt: skip
    out, err = await process.communicate()
    assert process.returncode is not None
    return process.returncode, (out + err).decode().splitlines()


def _unchanged(db: Path) -> int:
    conn = sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True)
    try:
        return int(conn.execute("SELECT count(*) FROM documents").fetchone()[0])
    finally:
        conn.close()


@pytest.mark.parametrize("command", sorted(COMMANDS))
async def test_a_read_only_database_file_is_refused_in_one_line(folder: Path, command: str) -> None:
    db = folder / "tally.db"
    await _tally_database(db)
    _read_only_file(folder, db)

    code, lines = await _tally(folder, *COMMANDS[command])

    assert code == 2, lines
    assert lines == [
        f"tally: {db} is read-only for this user and Tally writes to its database; make the "
        "file writable by the user running Tally, or point DATABASE_URL at a writable copy."
    ]
    assert _unchanged(db) == 0


@pytest.mark.parametrize("command", sorted(COMMANDS))
async def test_a_database_in_a_read_only_folder_is_refused_in_one_line(
    folder: Path, command: str
) -> None:
    db = folder / "tally.db"
    await _tally_database(db)
    _read_only_folder(folder, db)

    code, lines = await _tally(folder, *COMMANDS[command])

    assert code == 2, lines
    [line] = lines
    assert line.startswith(f"tally: {folder} is read-only for this user, so SQLite cannot ")
    assert "make the folder writable" in line
    assert "cannot be read as a SQLite database" not in line  # it can, and is
