"""The public request log and its open data as the store grows: 1,000 requests against
100,000, on SQLite, through the app in this process (no sign-in: these are public).

  log page      GET /api/log.json, the newest page of 50
  older page    the page its `next` links to
  entry         GET /api/log/<number>, one request's entry
  csv first     the open-data CSV's first row of data (the header goes before any read)
  json first    the open-data JSON's first request
  csv           the whole CSV (it grows with the store, by design)
Each figure is the median of --runs requests, with the ratio large/small; the target is
≤ 1.2× for every figure but "csv": the first rows of a 100,000-row export leave as soon as
those of a 1,000-row one.

Usage:  .venv/bin/python bench/transparency.py [--small 1000] [--large 100000] [--runs 15]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path
from typing import Any

from timing import first_chunk_seconds, median_seconds, print_ratios

from pra.bootstrap import bootstrap
from pra.config import Settings
from pra.services.demo import seed_demo
from pra.web import create_app


def seeded_client(data_dir: Path, requests: int) -> Any:
    services = bootstrap(Settings(data_dir=data_dir, site_dir=None, secret_key="bench"))
    seed_demo(services, requests, min(200, requests))
    return create_app(services=services).test_client()


def figures(client: Any, runs: int) -> dict[str, float]:
    first = client.get("/api/log.json").get_json()
    older = first["next"] or "/api/log.json"
    number = first["entries"][0]["tracking_number"]
    return {
        "log page": median_seconds(lambda: client.get("/api/log.json"), runs),
        "older page": median_seconds(lambda: client.get(older), runs),
        "entry": median_seconds(lambda: client.get(f"/api/log/{number}"), runs),
        "csv first": first_chunk_seconds(client, "/api/open-data/requests.csv", runs),
        "json first": first_chunk_seconds(client, "/api/open-data/requests.json", runs),
        "csv": median_seconds(lambda: client.get("/api/open-data/requests.csv"), max(1, runs // 5)),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=1000)
    parser.add_argument("--large", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        measured = {}
        for size in (args.small, args.large):
            started = time.perf_counter()
            client = seeded_client(Path(folder) / str(size), size)
            seeded = time.perf_counter() - started
            measured[size] = (figures(client, args.runs), seeded)
    small, large = measured[args.small], measured[args.large]
    print(f"transparency: {args.small:,} vs {args.large:,} requests, median of {args.runs}")
    print(f"  seeding took {small[1]:.1f} s and {large[1]:.1f} s")
    print_ratios(small[0], large[0])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
