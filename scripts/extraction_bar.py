"""Run the shared extraction scorer on the dev corpus and fail under the quality bar.

Precision, recall and claimant-side accuracy must each be at least 0.90. The scorer lives
beside the project (../shared/tools); without it there is nothing to measure and the check
says so.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

BAR = 0.90
ROOT = Path(__file__).resolve().parent.parent
SCORER = ROOT.parent / "shared" / "tools" / "score_extraction.py"
CORPUS = ROOT.parent / "shared" / "corpus" / "dev.jsonl"


def main() -> int:
    if not SCORER.exists() or not CORPUS.exists():
        print(f"extraction bar: skipped, no scorer at {SCORER}")
        return 0
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    run = subprocess.run(  # noqa: S603 - our own interpreter running the shared scorer
        [sys.executable, str(SCORER), str(CORPUS)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    print(run.stdout, end="")
    print(run.stderr, end="", file=sys.stderr)
    scores = re.search(r"precision ([\d.]+) recall ([\d.]+)", run.stdout)
    side = re.search(r"claimant_side ([\d.]+)", run.stdout)
    if run.returncode or not scores or not side:
        print("extraction bar: the scorer did not finish", file=sys.stderr)
        return 1
    measured = {
        "precision": float(scores.group(1)),
        "recall": float(scores.group(2)),
        "claimant side": float(side.group(1)),
    }
    low = {name: value for name, value in measured.items() if value < BAR}
    if low:
        print(f"extraction bar: under {BAR}: {low}", file=sys.stderr)
        return 1
    print(f"extraction bar: met ({', '.join(f'{k} {v:.3f}' for k, v in measured.items())})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
