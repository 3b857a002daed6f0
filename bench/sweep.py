"""The daily sweep as history piles up: 200 open requests, alone and beside 100,000 closed.

SQLite: seeds two fresh data folders with `pra seed-demo`'s requests (200 open in both), runs
the sweep once (it reminds, and queues the digest), then times --runs more runs the same day,
which find everything already sent. Prints both medians and their ratio (target ≤ 1.2×).
DynamoDB (moto, which cannot time it at scale): counts the calls and items a sweep reads with
200 open alone and beside --dynamo-closed closed ones; the same counts mean its work follows
open requests and pending emails, not history.

Usage:  .venv/bin/python bench/sweep.py [--closed 100000] [--runs 7] [--dynamo-closed 2000]
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from pra.bootstrap import bootstrap
from pra.config import Settings
from pra.services import Services
from pra.services.demo import seed_demo
from pra.services.sweep import run_sweep

OPEN = 200


def seeded(folder: Path, closed: int) -> Services:
    services = bootstrap(Settings(data_dir=folder, site_dir=None, secret_key="bench"))
    seed_demo(services, closed + OPEN, OPEN)
    return services


def timed_sweeps(services: Services, runs: int) -> tuple[float, float]:
    started = time.perf_counter()
    run_sweep(services)
    first = time.perf_counter() - started
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        report = run_sweep(services)
        times.append(time.perf_counter() - started)
        assert report.reminders == report.escalations == report.digests == 0
    return first, statistics.median(times)


class Counting:
    """A DynamoDB client that counts the calls it serves and the items they return."""

    def __init__(self, client: Any) -> None:
        self._client, self.calls, self.items = client, 0, 0

    def __getattr__(self, name: str) -> Any:
        method = getattr(self._client, name)
        if name == "get_paginator":
            return lambda operation: _CountingPaginator(self, method(operation))

        def counted(**arguments: Any) -> Any:
            answer = method(**arguments)
            self.calls += 1
            self.items += len(answer.get("Items", [])) + ("Item" in answer)
            self.items += sum(len(v) for v in answer.get("Responses", {}).values())
            return answer

        return counted


class _CountingPaginator:
    def __init__(self, counter: Counting, paginator: Any) -> None:
        self._counter, self._paginator = counter, paginator

    def paginate(self, **arguments: Any) -> Any:
        for page in self._paginator.paginate(**arguments):
            self._counter.calls += 1
            self._counter.items += len(page.get("Items", []))
            yield page


def dynamo_counts(closed: int) -> tuple[int, int]:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from tests.aws.resources import TABLE, mocked_aws

    from pra.adapters.dynamodb_store import DynamoRequestStore

    with tempfile.TemporaryDirectory() as folder, mocked_aws() as aws:
        local = bootstrap(Settings(data_dir=Path(folder), site_dir=None, secret_key="bench"))
        services = dataclasses.replace(local, store=DynamoRequestStore(aws.dynamodb, TABLE))
        seed_demo(services, closed + OPEN, OPEN)
        run_sweep(services)
        counter = Counting(aws.dynamodb)
        run_sweep(dataclasses.replace(services, store=DynamoRequestStore(counter, TABLE)))
        return counter.calls, counter.items


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--closed", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--dynamo-closed", type=int, default=2000)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        alone = timed_sweeps(seeded(Path(folder) / "alone", 0), args.runs)
        beside = timed_sweeps(seeded(Path(folder) / "beside", args.closed), args.runs)
    print(f"sweep (SQLite): {OPEN} open, alone and beside {args.closed:,} closed")
    print(
        f"  first run       {alone[0] * 1000:8.1f} ms {beside[0] * 1000:8.1f} ms "
        f"{beside[0] / alone[0]:6.2f}×"
    )
    print(
        f"  repeat (median) {alone[1] * 1000:8.1f} ms {beside[1] * 1000:8.1f} ms "
        f"{beside[1] / alone[1]:6.2f}×"
    )
    small, large = dynamo_counts(0), dynamo_counts(args.dynamo_closed)
    print(
        f"sweep (DynamoDB, moto): calls and items read by a repeat run, {OPEN} open, "
        f"alone and beside {args.dynamo_closed:,} closed"
    )
    print(f"  calls {small[0]} and {large[0]}; items {small[1]} and {large[1]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
