"""Timing helpers the benchmarks share: medians of whole answers and of their first rows."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import Any


def median_seconds(call: Callable[[], Any], runs: int) -> float:
    """The median time of `runs` calls, each answer read whole and expected to be 200."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        response = call()
        response.get_data()
        times.append(time.perf_counter() - started)
        assert response.status_code == 200, response.status_code
    return statistics.median(times)


def first_chunk_seconds(client: Any, url: str, runs: int) -> float:
    """The median time until a streamed answer's head and its first chunk of rows are out."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get(url)
        chunks = iter(response.response)
        next(chunks)  # the header line, or the JSON's head
        next(chunks)  # the first rows
        times.append(time.perf_counter() - started)
        response.close()
    return statistics.median(times)


def print_ratios(small: dict[str, float], large: dict[str, float]) -> None:
    """Each figure in milliseconds at both sizes, and the ratio large/small."""
    print(f"  {'figure':<10} {'small':>10} {'large':>10} {'ratio':>7}")
    for name in small:
        a, b = small[name], large[name]
        print(f"  {name:<10} {a * 1000:>8.1f}ms {b * 1000:>8.1f}ms {b / a:>6.2f}×")
