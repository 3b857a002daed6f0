"""The coordinator's desk as the store grows: 1,000 requests against 100,000, on SQLite.

Seeds two fresh data folders with `pra seed-demo`'s fictional requests (200 open each) and
measures, through the app in this process, as a signed-in coordinator:
  log           the log's first page (all statuses)
  next page     the page after it (the cursor the first page links to)
  status        the log filtered to one status (received)
  mine          the log filtered to the coordinator's requests (1 in 20 of them)
  unassigned    the log filtered to requests assigned to no one (1 in 20), status received
  number        a search for one whole tracking number
  words         a search for words of the description (reads every request: not yet bounded)
  csv first     the CSV export's first page (it streams a page of 500 at a time)
  csv           the whole CSV export
Each figure is the median of --runs requests, with the ratio large/small; the target is
≤ 1.2× for log, next page, status, mine, unassigned and number. Memory: the peak Python
allocation of one log page (tracemalloc), small and large.

Usage:  .venv/bin/python bench/desk.py [--small 1000] [--large 100000] [--runs 15]
"""

from __future__ import annotations

import argparse
import re
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any

from timing import first_chunk_seconds, median_seconds, print_ratios

from pra.bootstrap import bootstrap
from pra.config import Settings
from pra.ports import StaffAccount
from pra.services.demo import seed_demo
from pra.staff.passwords import hash_password
from pra.web import create_app

PASSWORD = "a long benchmark passphrase"
EMAIL = "bench.coordinator@library.example"
# One request in 20 is the bench coordinator's, one in 20 no one's, the rest a colleague's:
# the filters must read their matches only, not pass over the others.
ASSIGNEES = [EMAIL, None] + ["bench.colleague@library.example"] * 18


def signed_in_client(data_dir: Path, requests: int) -> tuple[Any, str]:
    """A Flask client signed in as a coordinator on a store seeded with `requests`; and one
    tracking number to search for."""
    services = bootstrap(Settings(data_dir=data_dir, site_dir=None, secret_key="bench"))
    seed_demo(services, requests, min(200, requests), assignees=ASSIGNEES)
    account = StaffAccount(
        EMAIL, "Bench Coordinator", "PRA Coordinator", "coordinator", hash_password(PASSWORD)
    )
    services.staff.add_staff(account)
    client = create_app(services=services).test_client()
    page = client.get("/staff/sign-in").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert token is not None
    client.post(
        "/staff/sign-in", data={"email": EMAIL, "password": PASSWORD, "csrf_token": token.group(1)}
    )
    number = services.store.log_page(None, None, 1).requests[0].tracking_number
    return client, number


def figures(client: Any, number: str, runs: int) -> dict[str, float]:
    first = client.get("/staff/").get_data(as_text=True)
    found = re.search(r'href="([^"]+)" rel="next"', first)
    next_url = found.group(1).replace("&amp;", "&") if found else "/staff/"
    return {
        "log": median_seconds(lambda: client.get("/staff/"), runs),
        "next page": median_seconds(lambda: client.get(next_url), runs),
        "status": median_seconds(lambda: client.get("/staff/?status=received"), runs),
        "mine": median_seconds(lambda: client.get("/staff/?assigned=mine"), runs),
        "unassigned": median_seconds(
            lambda: client.get("/staff/?assigned=unassigned&status=received"), runs
        ),
        "number": median_seconds(lambda: client.get(f"/staff/?q={number}"), runs),
        "words": median_seconds(
            lambda: client.get("/staff/?q=bookmobile+budget"), max(1, runs // 5)
        ),
        "csv first": first_chunk_seconds(client, "/staff/requests.csv", runs),
        "csv": median_seconds(lambda: client.get("/staff/requests.csv"), max(1, runs // 5)),
    }


def peak_bytes(client: Any) -> int:
    tracemalloc.start()
    client.get("/staff/").get_data()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak


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
            client, number = signed_in_client(Path(folder) / str(size), size)
            seeded = time.perf_counter() - started
            measured[size] = (figures(client, number, args.runs), peak_bytes(client), seeded)
    small, large = measured[args.small], measured[args.large]
    print(f"desk: {args.small:,} vs {args.large:,} requests, median of {args.runs}")
    print(f"  seeding took {small[2]:.1f} s and {large[2]:.1f} s")
    print_ratios(small[0], large[0])
    print(
        f"  memory of one log page: {small[1] / 1e6:.1f} MB and {large[1] / 1e6:.1f} MB "
        f"({large[1] / small[1]:.2f}×)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
