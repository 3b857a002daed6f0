"""A cold Lambda container's first event, per route and for the sweep, against `import boto3`.

Each case runs in a new interpreter, N times, alternating, and reports two medians:
  importtime  the sum of `python -X importtime` cumulative times the case adds
              (its top-level imports, beyond what the interpreter imports at start-up)
  wall        time.perf_counter() around the case inside the fresh interpreter

A first event is the whole of it: importing the handler, building the app and its adapters,
making the clients the route calls and answering a recorded HTTP API event (tests/aws/events)
from moto's server, which this script starts with the template's table and buckets. The
emulator's round trips are in the figures, as the network's are in Lambda's. Our modules run
from compiled bytecode, as a package built with it would (a cache folder of this run's own,
filled by one discarded run of each case), so the figures do not count compiling our sources.
The target (issue 12): every first event ≤ 2.5× a bare `import boto3`.

Usage:  .venv/bin/python bench/cold_import.py [--runs 21]
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import re
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EVENTS = ROOT / "tests" / "aws" / "events"


def api_event(name: str, **changes: str) -> str:
    """A recorded HTTP API event, with its path (and method) changed for another route."""
    event = json.loads((EVENTS / f"http_api_v2_{name}.json").read_text())
    if "path" in changes:
        event["rawPath"] = event["requestContext"]["http"]["path"] = changes["path"]
    if "method" in changes:
        event["requestContext"]["http"]["method"] = changes["method"]
        event["body"], event["isBase64Encoded"] = "", False
    return json.dumps(event)


def first_event(event: str) -> str:
    return (
        "import json, pra.aws.api as m\n"
        f"answer = m.handler(json.loads({event!r}), None)\n"
        "assert answer['statusCode'] < 500, answer"
    )


CASES = {
    "import boto3": "import boto3",
    "import pra.aws.api": "import pra.aws.api",
    "GET /api/health": first_event(api_event("manifest", path="/api/health")),
    "GET /api/records/manifest": first_event(api_event("manifest")),
    "POST /api/requests (form)": first_event(api_event("submit_form")),
    "POST /api/status": first_event(api_event("status_unknown")),
    "GET /staff/sign-in": first_event(api_event("manifest", path="/staff/sign-in", method="GET")),
    "the sweep": "import pra.aws.sweep as m; m.handler({}, None)",
}
_LINE = re.compile(r"import time:\s+(\d+) \|\s+(\d+) \| (\s*)(\S+)")


def run_once(statement: str, env: dict[str, str]) -> tuple[float, float]:
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
        env=env,
    )
    if done.returncode != 0:
        raise SystemExit(f"cold_import: a case failed:\n{done.stderr[-2000:]}")
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


def emulated_account() -> tuple[object, dict[str, str]]:
    """moto's server with the template's resources, and the environment the functions get."""
    sys.path.insert(0, str(ROOT))
    from moto.server import ThreadedMotoServer
    from tests.aws.conftest import AWS_ENV
    from tests.aws.resources import FAKE_CREDENTIALS, RECORDS_BUCKET, clients, provision

    os.environ.update(FAKE_CREDENTIALS)
    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # moto's server logs each call
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    aws = clients(endpoint_url=endpoint)
    provision(aws)
    manifest = json.dumps({"records": [{"title": "Minutes", "file": "minutes.pdf"}]}).encode()
    aws.s3.put_object(Bucket=RECORDS_BUCKET, Key="public/manifest.json", Body=manifest)
    return server, {**os.environ, **AWS_ENV, "PRA_AWS_ENDPOINT_URL": endpoint}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    runs = parser.parse_args().runs
    server, env = emulated_account()
    results: dict[str, list[tuple[float, float]]] = {name: [] for name in CASES}
    bytecode = tempfile.TemporaryDirectory()
    env = {**env, "PYTHONPYCACHEPREFIX": bytecode.name}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    try:
        for statement in CASES.values():
            run_once(statement, env)  # writes the bytecode
        for _ in range(runs):  # alternate, so drift in the machine hits every case alike
            for name, statement in CASES.items():
                results[name].append(run_once(statement, env))
    finally:
        server.stop()  # type: ignore[attr-defined]
        bytecode.cleanup()
    medians = {
        name: (statistics.median(r[0] for r in rs), statistics.median(r[1] for r in rs))
        for name, rs in results.items()
    }
    print(f"{runs} fresh interpreters each, {sys.executable} (Python {sys.version.split()[0]})")
    print(f"{'case':28} {'importtime ms':>14} {'wall ms':>9} {'wall / boto3':>13}")
    boto3_wall = medians["import boto3"][1]
    for name, (importtime, wall) in medians.items():
        print(f"{name:28} {importtime:14.1f} {wall:9.1f} {wall / boto3_wall:13.2f}")


if __name__ == "__main__":
    main()
