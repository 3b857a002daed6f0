"""A smoke run of bench/transparency.py with tiny sizes: it runs and prints every figure."""

from __future__ import annotations

from tests.bench import run_bench


def test_the_transparency_benchmark_prints_its_figures_and_ratios() -> None:
    output = run_bench("transparency", "--small", "20", "--large", "120", "--runs", "1")
    for figure in ("log page", "older page", "entry", "csv first", "json first", "csv"):
        assert f"  {figure} " in output
    assert "×" in output
