"""`pra statistics`: the public statistics brought up to date now (the daily sweep does it too);
`pra statistics rebuild`: every request read again (the first time, or after a correction)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from pra.config import Settings


def add_parser(commands: Any) -> None:
    """The `statistics` subcommand of `pra` (commands: the parser's subparsers)."""
    command = commands.add_parser(
        "statistics", help="bring the public statistics up to date (or rebuild them)"
    )
    command.add_argument(
        "action",
        nargs="?",
        choices=["update", "rebuild"],
        default="update",
        help="update: read what changed since the last run (default); rebuild: read every "
        "request again",
    )
    command.add_argument("--data-dir", type=Path)
    command.set_defaults(run=_statistics)


def _statistics(args: argparse.Namespace, settings: Settings) -> int:
    from pra.bootstrap import services_for
    from pra.services.statistics import rebuild_statistics, refresh_statistics

    services = services_for(settings)
    run = rebuild_statistics(services) if args.action == "rebuild" else refresh_statistics(services)
    how = "rebuilt" if run.rebuilt else "updated"
    print(
        f"statistics {how}: {run.requests_read} requests read, {run.months_written} months written"
    )
    return 0
