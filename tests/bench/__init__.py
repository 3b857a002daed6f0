"""Smoke runs of the benchmarks in bench/, with tiny sizes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[2]


def run_bench(name: str, *arguments: str, timeout: float = 120) -> str:
    """What `bench/<name>.py` printed, run as its users run it; it must exit 0."""
    run = subprocess.run(
        [sys.executable, str(ROOT / "bench" / f"{name}.py"), *arguments],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=ROOT,
    )
    assert run.returncode == 0, run.stderr
    return run.stdout
