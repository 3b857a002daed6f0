"""Submissions over real HTTP to `pra serve` on the embedded default, against its health check.

Starts `pra serve` on a fresh data folder (no site: the API alone; emails to the outbox
folder), then for 1, 8 and 16 concurrent clients sends JSON submissions for --seconds and,
with the same clients, `GET /api/health` for as long; prints requests a second, the median
and the 99th percentile of each, and submissions as a share of the health rate (the target:
≥ 10% at 16 clients, p99 ≤ 100 ms). The clients are Python threads on the same machine, so
both figures carry the same client cost.

Usage:  .venv/bin/python bench/submit.py [--seconds 10] [--clients 1,8,16]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

import requests
from pra_server import pra_serve

SUBMISSION = {
    "description": "Minutes of the library commission, 2026",
    "name": "Bench Requester",
    "email": "bench.requester@example.org",
}


def run(clients: int, seconds: float, call: Callable[[requests.Session], int]) -> list[float]:
    """Latencies of every call made by `clients` threads for `seconds`."""
    stop, latencies, lock = time.monotonic() + seconds, [], threading.Lock()

    def client() -> None:
        session, mine = requests.Session(), []
        while time.monotonic() < stop:
            started = time.perf_counter()
            status = call(session)
            mine.append(time.perf_counter() - started)
            assert status in {200, 201}, status
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies


def describe(latencies: list[float], seconds: float) -> tuple[float, float, float]:
    ordered = sorted(latencies)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    return len(ordered) / seconds, statistics.median(ordered) * 1000, p99 * 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--clients", default="1,8,16")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder, pra_serve(Path(folder)) as url:
        print(f"submit: pra serve, JSON submissions vs GET /api/health, {args.seconds:g} s each")
        print(
            f"  {'clients':>7} {'submit/s':>9} {'p50 ms':>7} {'p99 ms':>7} "
            f"{'health/s':>9} {'p50 ms':>7} {'p99 ms':>7} {'share':>6}"
        )
        for clients in (int(n) for n in args.clients.split(",")):
            submit = describe(
                run(
                    clients,
                    args.seconds,
                    lambda s: (
                        s.post(f"{url}/api/requests", json=SUBMISSION, timeout=30).status_code
                    ),
                ),
                args.seconds,
            )
            health = describe(
                run(
                    clients,
                    args.seconds,
                    lambda s: s.get(f"{url}/api/health", timeout=30).status_code,
                ),
                args.seconds,
            )
            print(
                f"  {clients:>7} {submit[0]:>9.1f} {submit[1]:>7.1f} {submit[2]:>7.1f} "
                f"{health[0]:>9.1f} {health[1]:>7.1f} {health[2]:>7.1f} "
                f"{submit[0] / health[0]:>5.1%}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
