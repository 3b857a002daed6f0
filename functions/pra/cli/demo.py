"""`pra seed-demo`: fill an empty data folder (or table) with fictional requests to try."""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import Any

from pra.bootstrap import services_for
from pra.cli.errors import CliError
from pra.config import Settings
from pra.services.demo import SeedRefused, seed_demo


def add_parser(commands: Any) -> None:
    seed = commands.add_parser(
        "seed-demo", help="fill an empty store with fictional requests, to try the desk"
    )
    seed.add_argument("--requests", type=int, required=True, help="how many, e.g. 100000")
    seed.add_argument("--open", type=int, default=None, help="how many still open (default 200)")
    seed.add_argument("--data-dir", type=Path)
    seed.set_defaults(run=_seed)


def _seed(args: argparse.Namespace, settings: Settings) -> int:
    open_requests = min(args.requests, 200) if args.open is None else args.open
    started = time.perf_counter()
    try:
        seeded = seed_demo(services_for(settings), args.requests, open_requests)
    except SeedRefused as refused:
        raise CliError(str(refused)) from None
    took = time.perf_counter() - started
    print(f"seeded {seeded.requests} fictional requests ({seeded.open} open) in {took:.1f} s")
    return 0
