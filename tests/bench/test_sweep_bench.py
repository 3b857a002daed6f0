"""A smoke run of bench/sweep.py with tiny sizes: it runs and prints both stores' figures."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[2]


def test_the_sweep_benchmark_prints_times_and_dynamodb_counts() -> None:
    run = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "sweep.py"),
            "--closed",
            "40",
            "--runs",
            "1",
            "--dynamo-closed",
            "10",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
    )
    assert run.returncode == 0, run.stderr
    assert "repeat (median)" in run.stdout and "first run" in run.stdout
    calls = run.stdout.rsplit("calls ", 1)[1].split(";")[0].split(" and ")
    assert calls[0] == calls[1]  # history adds no reads to a repeat sweep on DynamoDB
