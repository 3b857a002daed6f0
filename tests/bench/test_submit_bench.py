"""A smoke run of bench/submit.py: a real `pra serve`, a moment per row."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
pytestmark = pytest.mark.e2e


def test_the_submit_benchmark_prints_a_row_per_client_count() -> None:
    run = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "submit.py"), "--seconds", "0.5", "--clients", "1,2"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert run.returncode == 0, run.stderr
    rows = [line.split() for line in run.stdout.splitlines()[2:]]
    assert [row[0] for row in rows] == ["1", "2"]
    assert all(row[-1].endswith("%") and float(row[1]) > 0 for row in rows)
