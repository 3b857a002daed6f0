"""`pra due YYYY-MM-DD`: the due dates of a request received that day."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from pra.cli.errors import CliError
from pra.config import Settings
from pra.domain.calendar import BusinessCalendar
from pra.domain.deadlines import deadlines_for


def add_parser(commands: Any) -> None:
    """The `due` subcommand of `pra` (commands: the parser's subparsers)."""
    due = commands.add_parser("due", help="due dates for a request received on a day")
    due.add_argument("received", metavar="YYYY-MM-DD")
    due.set_defaults(run=_due)


def _due(args: argparse.Namespace, settings: Settings) -> int:
    try:
        received = date.fromisoformat(args.received)
    except ValueError:
        raise CliError(f"not a date: {args.received!r} (expected YYYY-MM-DD)") from None
    deadlines = deadlines_for(received, BusinessCalendar(settings.closure_days))
    print(f"initial_response_due: {deadlines.initial_response_due.isoformat()}")
    print(f"extended_due: {deadlines.extended_due.isoformat()}")
    return 0
