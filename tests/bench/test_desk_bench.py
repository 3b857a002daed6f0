"""A smoke run of bench/desk.py with tiny sizes: it runs and prints every figure."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[2]


def test_the_desk_benchmark_prints_its_figures_and_ratios() -> None:
    run = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "desk.py"),
            "--small",
            "20",
            "--large",
            "80",
            "--runs",
            "1",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert run.returncode == 0, run.stderr
    for figure in ("log", "next page", "status", "number", "words", "csv first", "csv"):
        assert f"  {figure} " in run.stdout
    assert "memory of one log page" in run.stdout
