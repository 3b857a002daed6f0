"""A smoke run of bench/sweep.py with tiny sizes: it runs and prints both stores' figures."""

from __future__ import annotations

from tests.bench import run_bench


def test_the_sweep_benchmark_prints_times_and_dynamodb_counts() -> None:
    arguments = ("--closed", "40", "--runs", "1", "--dynamo-closed", "10")
    output = run_bench("sweep", *arguments, timeout=300)
    assert "repeat (median)" in output and "first run" in output
    calls = output.rsplit("calls ", 1)[1].split(";")[0].split(" and ")
    assert calls[0] == calls[1]  # history adds no reads to a repeat sweep on DynamoDB
