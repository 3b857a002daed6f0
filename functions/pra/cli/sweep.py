"""`pra sweep`: the daily deadline sweep, once."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from pra.config import Settings


def add_parser(commands: Any) -> None:
    """The `sweep` subcommand of `pra` (commands: the parser's subparsers)."""
    sweep = commands.add_parser("sweep", help="run the deadline sweep once")
    sweep.add_argument("--data-dir", type=Path)
    sweep.set_defaults(run=_sweep)


def _sweep(args: argparse.Namespace, settings: Settings) -> int:
    from pra.bootstrap import services_for
    from pra.services.sweep import run_sweep

    report = run_sweep(services_for(settings))
    print(
        f"emails sent: {report.emails_sent}; still pending: {report.emails_pending}; "
        f"reminders: {report.reminders}; escalations: {report.escalations}; "
        f"digests: {report.digests}; contacts erased: {report.contacts_erased}; "
        f"statistics: {report.statistics} requests read"
        + (f"; open data: {report.open_data} rows" if settings.open_data_files else "")
    )
    return 0
