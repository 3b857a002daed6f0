"""The `pra` command: serve, sweep, look up requests, and answer "when is this due?"."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from pra.config import Settings, SettingsError
from pra.domain.calendar import BusinessCalendar
from pra.domain.deadlines import DeadlineError, deadlines_for
from pra.domain.lifecycle import Status


class CliError(Exception):
    """A problem the user can fix: printed as one line, exit status 2."""


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    try:
        settings = Settings.from_env().with_overrides(data_dir=getattr(args, "data_dir", None))
        return int(args.run(args, settings))
    except (CliError, SettingsError, DeadlineError) as error:
        print(f"pra: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="pra", description="Public Records Act requests.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    serve = commands.add_parser("serve", help="serve the site and the API on this machine")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--data-dir", type=Path, help="where the database, files and outbox live")
    serve.set_defaults(run=_serve)

    sweep = commands.add_parser("sweep", help="run the deadline sweep once")
    sweep.add_argument("--data-dir", type=Path)
    sweep.set_defaults(run=_sweep)

    requests = commands.add_parser("requests", help="the request log")
    requests_commands = requests.add_subparsers(dest="requests_command", required=True)
    listing = requests_commands.add_parser("list", help="list requests")
    listing.add_argument("--status", choices=[s.value for s in Status])
    listing.add_argument("--data-dir", type=Path)
    listing.set_defaults(run=_list)
    show = requests_commands.add_parser("show", help="show one request and its history")
    show.add_argument("tracking_number")
    show.add_argument("--data-dir", type=Path)
    show.set_defaults(run=_show)

    from pra.cli_staff import add_parser as add_staff_parser

    add_staff_parser(commands)

    due = commands.add_parser("due", help="due dates for a request received on a day")
    due.add_argument("received", metavar="YYYY-MM-DD")
    due.set_defaults(run=_due)
    return parser


def _due(args: argparse.Namespace, settings: Settings) -> int:
    try:
        received = date.fromisoformat(args.received)
    except ValueError:
        raise CliError(f"not a date: {args.received!r} (expected YYYY-MM-DD)") from None
    deadlines = deadlines_for(received, BusinessCalendar(settings.closure_days))
    print(f"initial_response_due: {deadlines.initial_response_due.isoformat()}")
    print(f"extended_due: {deadlines.extended_due.isoformat()}")
    return 0


def _serve(args: argparse.Namespace, settings: Settings) -> int:
    from pra.cli_serve import serve

    return serve(settings, args.host, args.port)


def _sweep(args: argparse.Namespace, settings: Settings) -> int:
    from pra.bootstrap import services_for
    from pra.services.sweep import run_sweep

    report = run_sweep(services_for(settings))
    print(
        f"emails sent: {report.emails_sent}; still pending: {report.emails_pending}; "
        f"reminders: {report.reminders}; escalations: {report.escalations}; "
        f"digests: {report.digests}"
    )
    return 0


def _list(args: argparse.Namespace, settings: Settings) -> int:
    from pra.cli_requests import list_requests

    return list_requests(settings, args.status)


def _show(args: argparse.Namespace, settings: Settings) -> int:
    from pra.cli_requests import show_request

    return show_request(settings, args.tracking_number)


if __name__ == "__main__":
    sys.exit(main())
