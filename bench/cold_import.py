"""Cold import of the API handler module against a bare `import boto3`, in fresh interpreters.

Each case runs in a new interpreter, N times, alternating, and reports two medians:
  importtime  the sum of `python -X importtime` cumulative times the statement adds
              (its top-level imports, beyond what the interpreter imports at start-up)
  wall        time.perf_counter() around the statement inside the fresh interpreter

Usage:  .venv/bin/python bench/cold_import.py [--runs 21]
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys

CASES = {
    "import boto3": "import boto3",
    "import pra.aws.api": "import pra.aws.api",
    # What a cold container's first event costs before the app answers: Flask, the adapters,
    # three clients (no network: clients connect on their first call).
    "first event's build": "import pra.aws.api as m; m._container_handler()",
}
# Enough configuration for bootstrap_aws to build everything without an AWS account.
ENV = {
    "AWS_DEFAULT_REGION": "us-west-2",
    "AWS_ACCESS_KEY_ID": "bench",
    "AWS_SECRET_ACCESS_KEY": "bench",
    "PRA_TABLE_NAME": "bench",
    "PRA_PRIVATE_BUCKET": "bench-files",
    "PRA_PUBLIC_BUCKET": "bench-records",
    "PRA_SECRET_KEY": "bench-secret-key-bench-secret-key",
    "PRA_SITE_DIR": "",
}
_LINE = re.compile(r"import time:\s+(\d+) \|\s+(\d+) \| (\s*)(\S+)")


def run_once(statement: str) -> tuple[float, float]:
    """(importtime ms, wall ms) of one statement in one fresh interpreter."""
    timed = (
        "import time as _t; _s = _t.perf_counter()\n"
        f"{statement}\n"
        "print((_t.perf_counter() - _s) * 1000)"
    )
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", timed],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, **ENV},
    )
    return _top_level_ms(done.stderr) - _baseline_ms(), float(done.stdout.strip().splitlines()[-1])


def _top_level_ms(stderr: str) -> float:
    found = (_LINE.match(line) for line in stderr.splitlines())
    return sum(int(m.group(2)) for m in found if m and not m.group(3)) / 1000


_baseline: list[float] = []


def _baseline_ms() -> float:
    """What the interpreter imports before any statement runs (site, encodings, time)."""
    if not _baseline:
        runs = []
        for _ in range(5):
            done = subprocess.run(
                [sys.executable, "-X", "importtime", "-c", "import time"],
                capture_output=True,
                text=True,
                check=True,
            )
            runs.append(_top_level_ms(done.stderr))
        _baseline.append(statistics.median(runs))
    return _baseline[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    runs = parser.parse_args().runs
    results: dict[str, list[tuple[float, float]]] = {name: [] for name in CASES}
    for _ in range(runs):  # alternate, so drift in the machine hits every case alike
        for name, statement in CASES.items():
            results[name].append(run_once(statement))
    medians = {
        name: (statistics.median(r[0] for r in rs), statistics.median(r[1] for r in rs))
        for name, rs in results.items()
    }
    print(f"{runs} fresh interpreters each, {sys.executable} (Python {sys.version.split()[0]})")
    print(f"{'case':24} {'importtime ms':>14} {'wall ms':>9} {'wall / boto3':>13}")
    boto3_wall = medians["import boto3"][1]
    for name, (importtime, wall) in medians.items():
        print(f"{name:24} {importtime:14.1f} {wall:9.1f} {wall / boto3_wall:13.2f}")


if __name__ == "__main__":
    main()
