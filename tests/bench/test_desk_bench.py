"""A smoke run of bench/desk.py with tiny sizes: it runs and prints every figure."""

from __future__ import annotations

from tests.bench import run_bench


def test_the_desk_benchmark_prints_its_figures_and_ratios() -> None:
    output = run_bench("desk", "--small", "20", "--large", "80", "--runs", "1")
    figures = ("log", "next page", "status", "mine", "unassigned", "number", "words", "csv")
    for figure in (*figures, "csv first"):
        assert f"  {figure} " in output
    assert "memory of one log page" in output
