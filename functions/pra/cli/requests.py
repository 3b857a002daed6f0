"""`pra requests list|show|add|attach|mark`: the coordinator's log from the terminal."""

from __future__ import annotations

import argparse
import getpass
from pathlib import Path
from typing import Any

from pra.bootstrap import services_for
from pra.cli import intake, show
from pra.cli.errors import CliError, tracking_number_argument
from pra.cli.files import opened_uploads
from pra.config import Settings
from pra.domain.files import Visibility
from pra.domain.lifecycle import Status
from pra.services.files import FileRefused, upload_files
from pra.services.patron import mark_patron_records


def add_parser(commands: Any) -> None:
    """The `requests` subcommand of `pra` (commands: the parser's subparsers)."""
    requests = commands.add_parser("requests", help="the request log")
    requests_commands = requests.add_subparsers(dest="requests_command", required=True)
    listing = requests_commands.add_parser("list", help="list requests")
    listing.add_argument("--status", choices=[s.value for s in Status])
    listing.add_argument("--data-dir", type=Path)
    listing.set_defaults(run=_list)
    showing = requests_commands.add_parser("show", help="show one request and its history")
    showing.add_argument("tracking_number")
    showing.add_argument("--json", action="store_true", help="as JSON, for scripts")
    showing.add_argument("--data-dir", type=Path)
    showing.set_defaults(run=_show)
    intake.add_parser(requests_commands)
    show.add_letter_parser(requests_commands)
    attach = requests_commands.add_parser("attach", help="add files to a request")
    attach.add_argument("tracking_number")
    attach.add_argument("files", nargs="+", type=Path, metavar="FILE")
    attach.add_argument("--title", default="", help="the title, when one file is attached")
    attach.add_argument("--private", action="store_true", help="for the requester only")
    attach.add_argument("--data-dir", type=Path)
    attach.set_defaults(run=_attach)
    mark = requests_commands.add_parser("mark", help="mark a request")
    mark.add_argument("tracking_number")
    mark.add_argument(
        "--patron-records",
        action="store_true",
        required=True,
        help="the requester's own patron records (Policy 4005): never published",
    )
    mark.add_argument("--data-dir", type=Path)
    mark.set_defaults(run=_mark)
    reindex = requests_commands.add_parser(
        "reindex", help="give every request its place in the desk's log (once after upgrading)"
    )
    reindex.add_argument("--data-dir", type=Path)
    reindex.set_defaults(run=_reindex)


def _reindex(args: argparse.Namespace, settings: Settings) -> int:
    count = services_for(settings).store.rebuild_log()
    print(f"{count} requests in the log")
    return 0


def _list(args: argparse.Namespace, settings: Settings) -> int:
    return list_requests(settings, args.status)


def _show(args: argparse.Namespace, settings: Settings) -> int:
    return show.show_request(settings, args.tracking_number, as_json=args.json)


def _attach(args: argparse.Namespace, settings: Settings) -> int:
    number = tracking_number_argument(args.tracking_number)
    visibility = Visibility.PRIVATE if args.private else Visibility.PUBLIC
    services = services_for(settings)
    with opened_uploads(args.files, args.title, visibility) as uploads:
        try:
            added = upload_files(services, number, uploads, f"staff:{getpass.getuser()}")
        except FileRefused as refused:
            raise CliError(str(refused)) from None
        except KeyError:
            raise CliError(f"no request {number}") from None
    for file in added:
        print(f"{file.id}  {file.name}  {file.visibility.value}  scan: {file.scan.state.value}")
    return 0


def _mark(args: argparse.Namespace, settings: Settings) -> int:
    number = tracking_number_argument(args.tracking_number)
    try:
        mark_patron_records(services_for(settings), number, True, f"staff:{getpass.getuser()}")
    except KeyError:
        raise CliError(f"no request {number}") from None
    print(f"{number} marked as patron records: nothing of it will be published")
    return 0


def list_requests(settings: Settings, status: str | None) -> int:
    services = services_for(settings)
    requests = services.store.requests(Status(status) if status else None)
    if not requests:
        print("no requests")
        return 0
    print(f"{'TRACKING NUMBER':<16} {'STATUS':<22} {'RECEIVED':<10}  NEXT DUE")
    for request in requests:
        due = request.next_due.isoformat() if request.next_due else "-"
        received = request.deadlines.received_date.isoformat()
        print(f"{request.tracking_number:<16} {request.status.value:<22} {received:<10}  {due}")
    return 0
