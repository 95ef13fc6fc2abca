"""How long ``tally`` takes to answer at a shell prompt, against Python starting and doing nothing.

Each command runs as a new process, several times, timed by the wall clock from start to exit:
``python -c pass`` (the floor, measured in the same run), ``tally --help``, ``tally ask
"/estimates killed"`` on a seeded SQLite file, and ``tally extract`` on one article of the dev
corpus (a sentence of its own when the corpus is not beside the project). One run of each comes
first, unmeasured: it seeds the database and warms the file cache.

    python -m bench.startup             # 7 runs of each
    python -m bench.startup --runs 15
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared"
CORPUS = SHARED / "corpus" / "dev.jsonl"
FALLBACK = "Ukraine said on Monday that more than 50,000 Russian soldiers had been killed.\n"

TARGETS = {"tally --help": 0.25, 'tally ask "/estimates killed"': 0.6, "tally extract FILE": 0.5}
"""The most each command should take on a 2-core machine, in seconds."""


def _tally() -> list[str]:
    """The installed ``tally`` script beside this Python, or ``python -m bot``."""
    script = Path(sys.executable).with_name("tally")
    return [str(script)] if script.exists() else [sys.executable, "-m", "bot"]


def _article(folder: Path) -> Path:
    text = FALLBACK
    if CORPUS.exists():
        first = next(line for line in CORPUS.read_text("utf-8").splitlines() if line.strip())
        text = json.loads(first)["text"]
    path = folder / "article.txt"
    path.write_text(text, "utf-8")
    return path


def _time(command: list[str], folder: Path, env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, cwd=folder, env=env, stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="timed runs of each command (7)")
    args = parser.parse_args()
    runs = max(args.runs, 1)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE", "LOG"))}
        env.update({"DATABASE_URL": f"sqlite:///{folder / 'tally.db'}", "LOG_LEVEL": "WARNING"})
        tally = _tally()
        commands = {
            "python -c pass": [sys.executable, "-c", "pass"],
            "tally --help": [*tally, "--help"],
            'tally ask "/estimates killed"': [*tally, "ask", "/estimates killed"],
            "tally extract FILE": [*tally, "extract", str(_article(folder))],
        }
        times: dict[str, list[float]] = {}
        for name, command in commands.items():
            _time(command, folder, env)
            times[name] = [_time(command, folder, env) for _ in range(runs)]
    floor = statistics.median(times["python -c pass"])
    print(f"Start-up, wall clock, {runs} runs each ({os.cpu_count()} cores)")
    print("| command | median (s) | best (s) | over python -c pass (s) | target (s) |")
    print("|---|---:|---:|---:|---:|")
    for name, taken in times.items():
        median = statistics.median(taken)
        target = f"{TARGETS[name]:.2f}" if name in TARGETS else ""
        print(f"| {name} | {median:.3f} | {min(taken):.3f} | {median - floor:.3f} | {target} |")


if __name__ == "__main__":
    main()
