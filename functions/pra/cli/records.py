"""`pra records publish|list|unpublish`: the released-records library from the terminal."""

from __future__ import annotations

import argparse
import getpass
from pathlib import Path
from typing import Any

from pra.bootstrap import services_for
from pra.cli.errors import CliError
from pra.cli.files import opened_uploads
from pra.config import Settings
from pra.domain.tracking import is_tracking_number, normalize_tracking_number
from pra.services.files import FileRefused
from pra.services.library import PublishRefused, publish_uploads, unpublish
from pra.services.records_kept import library


def add_parser(commands: Any) -> None:
    """The `records` subcommand of `pra` (commands: the parser's subparsers)."""
    records = commands.add_parser("records", help="the released-records library")
    records_commands = records.add_subparsers(dest="records_command", required=True)
    publish = records_commands.add_parser("publish", help="publish files as one record")
    publish.add_argument("files", nargs="+", type=Path, metavar="FILE")
    publish.add_argument("--title", required=True)
    publish.add_argument("--description", default="")
    publish.add_argument("--request", metavar="TRACKING_NUMBER", help="the request they answer")
    publish.add_argument(
        "--confirm-findings",
        action="store_true",
        help="publish although the personal-data check found something (after looking)",
    )
    publish.add_argument("--data-dir", type=Path)
    publish.set_defaults(run=_publish)
    listing = records_commands.add_parser("list", help="every record, unpublished ones too")
    listing.add_argument("--data-dir", type=Path)
    listing.set_defaults(run=_list)
    withdraw = records_commands.add_parser("unpublish", help="take a record off the library")
    withdraw.add_argument("id")
    withdraw.add_argument("--reason", required=True)
    withdraw.add_argument("--data-dir", type=Path)
    withdraw.set_defaults(run=_unpublish)


def _publish(args: argparse.Namespace, settings: Settings) -> int:
    number = None
    if args.request:
        number = normalize_tracking_number(args.request)
        if not is_tracking_number(number):
            raise CliError(f"not a tracking number: {args.request!r}")
    services = services_for(settings)
    with opened_uploads(args.files) as uploads:
        try:
            record = publish_uploads(
                services,
                uploads,
                title=args.title,
                description=args.description,
                actor=f"staff:{getpass.getuser()}",
                number=number,
                confirmed=args.confirm_findings,
            )
        except (FileRefused, PublishRefused) as refused:
            raise CliError(str(refused)) from None
        except KeyError:
            raise CliError(f"no request {number}") from None
    print(record.id)
    return 0


def _list(args: argparse.Namespace, settings: Settings) -> int:
    records = library(services_for(settings))
    if not records:
        print("no records")
        return 0
    print(f"{'ID':<12}  {'RELEASED':<10}  {'REQUEST':<14}  TITLE")
    for record in records:
        state = f"  (unpublished: {record.withdrawn.reason})" if record.withdrawn else ""
        request = record.request or "-"
        print(f"{record.id:<12}  {record.released_on}  {request:<14}  {record.title}{state}")
    return 0


def _unpublish(args: argparse.Namespace, settings: Settings) -> int:
    try:
        unpublish(services_for(settings), args.id, args.reason, f"staff:{getpass.getuser()}")
    except KeyError:
        raise CliError(f"no record {args.id}") from None
    except PublishRefused as refused:
        raise CliError(str(refused)) from None
    print(f"unpublished {args.id}")
    return 0
