"""`pra requests add`: a request that came by email, post, phone or in person."""

from __future__ import annotations

import argparse
import getpass
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from pra.bootstrap import services_for
from pra.cli.errors import CliError
from pra.config import Settings
from pra.domain.request import (
    Channel,
    Delivery,
    InvalidSubmission,
    Language,
    RecordFormat,
    parse_submission,
)
from pra.services.intake import STAFF_CHANNELS, Intake, IntakeRefused, enter_request


def add_parser(requests_commands: Any) -> None:
    add = requests_commands.add_parser(
        "add", help="enter a request received by email, mail, phone or in person"
    )
    add.add_argument(
        "--received",
        required=True,
        metavar="YYYY-MM-DDTHH:MM",
        help="when it reached the library (the agency's time); the deadlines count from it",
    )
    add.add_argument("--channel", required=True, choices=[c.value for c in STAFF_CHANNELS])
    add.add_argument("--description", required=True, help="the records asked for, as received")
    add.add_argument("--name")
    add.add_argument("--email")
    add.add_argument("--phone")
    add.add_argument("--mailing-address")
    add.add_argument("--delivery", choices=[d.value for d in Delivery])
    add.add_argument("--format", choices=[f.value for f in RecordFormat])
    add.add_argument("--language", choices=[lang.value for lang in Language], default="en")
    add.add_argument("--data-dir", type=Path)
    add.set_defaults(run=_add)


def _add(args: argparse.Namespace, settings: Settings) -> int:
    received = _received(args.received, settings.timezone)
    fields = {
        "description": args.description,
        "name": args.name,
        "email": args.email,
        "phone": args.phone,
        "mailing_address": args.mailing_address,
        # What the requester did not say: by email when they gave an address, else by post
        # when they gave one, else picked up; paper unless it goes by email.
        "format": args.format or ("electronic" if args.email else "paper"),
        "delivery": args.delivery or _usual_delivery(args),
        "language": args.language,
    }
    try:
        submission = parse_submission(fields)
    except InvalidSubmission as invalid:
        problems = "; ".join(
            f"--{e.field.replace('_', '-')} {PROBLEMS.get(e.code, 'is not valid')}"
            for e in invalid.errors
        )
        raise CliError(f"the request was not entered: {problems}") from None
    intake = Intake(Channel(args.channel), received, submission)
    try:
        entered = enter_request(services_for(settings), intake, f"staff:{getpass.getuser()}")
    except IntakeRefused as refused:
        raise CliError(f"--received: {refused}") from None
    receipt = entered.receipt
    print(f"tracking number: {receipt.tracking_number}")
    print(f"access code: {receipt.access_code}  (shown once: give it to the requester)")
    print(f"initial response due: {receipt.deadlines.initial_response_due.isoformat()}")
    if entered.printable is None:
        print("acknowledgement: emailed to the requester")
    else:
        print("acknowledgement (no email given: print it or read it to the requester):")
        print(entered.printable.rstrip())
    return 0


PROBLEMS = {
    "required": "is required",
    "too_short": "is too short: describe the records in a few words or more",
    "too_long": "is too long",
    "required_for_delivery": "is needed for that delivery",
    "choose_one": "is not one of the choices",
    "inspect_not_mailed": "cannot be mail for records inspected in person: use pickup",
}


def _usual_delivery(args: argparse.Namespace) -> str:
    if args.email:
        return "email"
    return "mail" if args.mailing_address else "pickup"


def _received(raw: str, timezone: str) -> datetime:
    try:
        moment = datetime.fromisoformat(raw)
    except ValueError:
        raise CliError(
            f"--received: not a date and time: {raw!r} (e.g. 2026-12-01T10:15)"
        ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=ZoneInfo(timezone))
    return moment
