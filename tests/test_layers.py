"""Imports go one way, claims <- storage <- handlers <- bot, and platform SDKs stay in bot/."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LAYERS = ["claims", "storage", "handlers", "bot"]
PLATFORM = {"telegram", "discord", "apscheduler", "httpx", "aiohttp", "feedparser", "trafilatura"}
PLATFORM_FREE = {"claims", "storage", "handlers"}
IO_FREE = {"aiosqlite", "sqlite3", "asyncpg", "prompt_toolkit", "pydantic_settings", "os", "socket"}


def _imports(source: str) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


def problems_in(layer: str, where: str, source: str) -> list[str]:
    imported = _imports(source)
    problems = [
        f"{where} imports {above}, a layer above {layer}"
        for above in LAYERS[LAYERS.index(layer) + 1 :]
        if above in imported
    ]
    if layer in PLATFORM_FREE:
        problems += [f"{where} imports platform SDK {m}" for m in sorted(imported & PLATFORM)]
    if layer == "claims":
        problems += [f"{where} does I/O through {m}" for m in sorted(imported & IO_FREE)]
    return problems


def test_imports_follow_the_layer_order() -> None:
    problems = []
    for layer in LAYERS:
        for path in sorted((ROOT / layer).rglob("*.py")):
            where = str(path.relative_to(ROOT))
            problems += problems_in(layer, where, path.read_text(encoding="utf-8"))
    assert problems == []


def test_the_check_catches_wrong_way_and_platform_imports() -> None:
    source = "from handlers.types import Reply\nimport telegram.ext\nimport sqlite3\n"
    assert problems_in("claims", "claims/x.py", source) == [
        "claims/x.py imports handlers, a layer above claims",
        "claims/x.py imports platform SDK telegram",
        "claims/x.py does I/O through sqlite3",
    ]
    assert problems_in("bot", "bot/x.py", source) == []
