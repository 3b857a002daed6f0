"""A smoke run of bench/submit.py: a real `pra serve`, a moment per row."""

from __future__ import annotations

import pytest

from tests.bench import run_bench

pytestmark = pytest.mark.e2e


def test_the_submit_benchmark_prints_a_row_per_client_count() -> None:
    output = run_bench("submit", "--seconds", "0.5", "--clients", "1,2")
    rows = [line.split() for line in output.splitlines()[2:]]
    assert [row[0] for row in rows] == ["1", "2"]
    assert all(row[-1].endswith("%") and float(row[1]) > 0 for row in rows)
