"""Roles a process can take, and the leadership that lets only one process plan at a time."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from bot.leader import Leader
from bot.roles import Role, parse_roles
from storage import open_storage
from tests.bot.delivery_kit import eventually
from tests.bot.test_cli import tally


def test_roles_are_read_alone_together_or_all() -> None:
    assert parse_roles("worker") == {Role.WORKER}
    assert parse_roles(" web, worker ") == {Role.WEB, Role.WORKER}
    assert parse_roles("all") == set(Role)


def test_an_unknown_role_gets_a_suggestion() -> None:
    with pytest.raises(ValueError, match="did you mean worker"):
        parse_roles("wroker")


def test_a_role_without_its_platform_is_refused_with_the_reason(tmp_path: Path) -> None:
    result = tally(tmp_path, "run", "--role", "gateway")
    assert result.returncode == 2
    assert "set DISCORD_BOT_TOKEN" in result.stderr
    unknown = tally(tmp_path, "run", "--role", "planner")
    assert unknown.returncode == 2
    assert "unknown role 'planner'" in unknown.stderr


async def test_one_holder_at_a_time_and_the_next_takes_over(storage_url: str) -> None:
    first, second = await open_storage(storage_url), await open_storage(storage_url)
    a, b = first.leadership("scheduler"), second.leadership("scheduler")
    try:
        assert await a.acquire()
        assert not await b.acquire()
        assert await a.holding()
        await a.release()
        assert await b.acquire()
        assert not await a.acquire()
    finally:
        await a.release()
        await b.release()
        await first.close()
        await second.close()


async def test_the_leaders_work_runs_only_while_it_leads(storage_url: str) -> None:
    first, second = await open_storage(storage_url), await open_storage(storage_url)
    runs: list[str] = []

    def work(name: str) -> Leader:
        async def lead() -> None:
            runs.append(name)
            await asyncio.Event().wait()

        return Leader(
            (first if name == "a" else second).leadership("scheduler"), lead, poll=0.05, check=0.05
        )

    a, b = work("a"), work("b")
    task_a = asyncio.create_task(a.run())
    try:
        await eventually(a.leading.is_set)
        task_b = asyncio.create_task(b.run())
        await asyncio.sleep(0.3)
        assert runs == ["a"]
        assert not b.leading.is_set()
        task_a.cancel()  # the leader stops; its lock is released
        await asyncio.wait({task_a})
        await eventually(b.leading.is_set)
        assert runs == ["a", "b"]
        task_b.cancel()
        await asyncio.wait({task_b})
    finally:
        task_a.cancel()
        await first.close()
        await second.close()
