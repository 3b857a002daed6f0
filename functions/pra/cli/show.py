"""`pra requests show`: one request, its decisions, letters and history, as text or JSON."""

from __future__ import annotations

import getpass
import json
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from pra.bootstrap import services_for
from pra.cli.errors import CliError, tracking_number_argument
from pra.config import Settings
from pra.domain.fees import FeeEstimate, dollars
from pra.domain.patron import MAY_HAVE
from pra.domain.request import HistoryEvent, PraRequest
from pra.services.letter_copies import letter_as_pdf


def show_request(settings: Settings, number: str, *, as_json: bool = False) -> int:
    number = tracking_number_argument(number)
    services = services_for(settings)
    request = services.store.get(number)
    if request is None:
        raise CliError(f"no request {number}")
    # Policy 4005: every staff view of requester data is recorded in the request's history.
    viewer = f"staff:{getpass.getuser()}"
    services.store.append_event(number, HistoryEvent(services.clock.now(), viewer, "viewed", "cli"))
    zone = ZoneInfo(settings.timezone)
    events = services.store.history(number)
    if as_json:
        print(json.dumps(request_json(request, events, zone), indent=2, ensure_ascii=False))
        return 0
    submission, dates = request.submission, request.deadlines
    fields = [
        ("tracking_number", request.tracking_number),
        ("status", request.status.value),
        ("channel", request.channel.value),
        ("received_at", request.received_at.astimezone(zone).isoformat(timespec="seconds")),
        ("initial_response_target", dates.initial_response_target.isoformat()),
        ("initial_response_due", dates.initial_response_due.isoformat()),
        ("extended_due", dates.extended_due.isoformat()),
        ("format", submission.format.value),
        ("delivery", submission.delivery.value),
        ("language", submission.language.value),
        ("name", submission.name or "-"),
        ("email", submission.email or "-"),
        ("phone", submission.phone or "-"),
        ("mailing_address", (submission.mailing_address or "-").replace("\n", ", ")),
        ("date_range", submission.date_range or "-"),
    ]
    for key, value in fields:
        print(f"{key}: {value}")
    print("description:")
    print("  " + submission.description.replace("\n", "\n  "))
    for line in _decisions(request, zone):
        print(line)
    print("history:")
    width = max(len(event.actor) for event in events)
    for event in events:
        when = event.at.astimezone(zone).isoformat(timespec="seconds")
        print(f"  {when}  {event.actor:<{width}}  {event.action:<26} {event.note}".rstrip())
    return 0


def _decisions(request: PraRequest, zone: ZoneInfo) -> list[str]:
    """The extension, the appeal and the letters: what the history's events refer to."""
    lines = []
    if request.extension:
        ext = request.extension
        lines.append(
            f"extension: {ext.reason}, sent {ext.sent_on.isoformat()}, "
            f"determination due {ext.new_due.isoformat()}"
        )
    if request.appeal:
        appeal = request.appeal
        late = f", late (window closed {appeal.window_closed.isoformat()})" if appeal.late else ""
        lines.append(
            f"appeal: received {appeal.received_at.astimezone(zone).date().isoformat()}{late}, "
            f"decision due {appeal.decision_due.isoformat()}, outcome {appeal.outcome or '-'}"
        )
    if request.release:
        release = request.release
        delivered = release.delivered_on.isoformat() if release.delivered_on else "not yet"
        lines.append(
            f"release: due {release.due_on.isoformat()} {release.due_at}, delivered {delivered}"
        )
    if request.patron_check:
        check = request.patron_check
        card = f", card ending {check.card_last_four}" if check.card_last_four else ""
        lines.append(
            f"patron check: {check.case.value}, identity {check.identity.value}{card}: "
            f"may have {MAY_HAVE[check.case]}"
        )
    if request.fees:
        paid = sum(payment.amount for payment in request.payments)
        lines.append(
            f"fees: {dollars(request.fees.total)} estimated {request.fees.estimated_on}, "
            f"{dollars(paid)} paid, {dollars(request.fee_owed)} owed"
        )
    if request.letters:
        lines.append("letters:")
        for letter in request.letters:
            sent = letter.sent_at.astimezone(zone).isoformat(timespec="minutes")
            lines.append(f"  {sent}  {letter.kind:<26} {letter.language}  {letter.signed_by}")
    return lines


def add_letter_parser(requests_commands: Any) -> None:
    letter = requests_commands.add_parser(
        "letter", help="write a letter sent as a PDF (for a window envelope)"
    )
    letter.add_argument("tracking_number")
    letter.add_argument("position", type=int, help="the letter's place in the list, from 1")
    letter.add_argument("--pdf", type=Path, required=True, metavar="FILE")
    letter.add_argument("--data-dir", type=Path)
    letter.set_defaults(run=_letter)


def _letter(args: Any, settings: Settings) -> int:
    number = tracking_number_argument(args.tracking_number)
    found = letter_as_pdf(
        services_for(settings), number, args.position, f"staff:{getpass.getuser()}"
    )
    if found is None:
        raise CliError(f"no letter {args.position} on request {number}")
    try:
        args.pdf.write_bytes(found[1])
    except OSError as error:
        raise CliError(f"cannot write {args.pdf}: {error.strerror}") from None
    print(f"{args.pdf}  {len(found[1]):,} bytes")
    return 0


def _fee_lines(fees: FeeEstimate) -> dict[str, Any]:
    """The estimate in cents, line by line, as the fee letter stated it."""
    return {
        "estimated_on": fees.estimated_on.isoformat(),
        "pages": fees.pages,
        "per_page": fees.per_page,
        "copies": fees.copies,
        "postage": fees.postage,
        "device": fees.device,
        "extraction": fees.extraction,
        "extraction_note": fees.extraction_note,
        "total": fees.total,
    }


def request_json(request: PraRequest, events: list[HistoryEvent], zone: ZoneInfo) -> dict[str, Any]:
    """The request for scripts: status, channel, every date owed with its kind, the letters
    with their dates and persons responsible, and the history."""

    def moment(value: Any) -> str:
        return str(value.astimezone(zone).isoformat(timespec="seconds"))

    submission, dates = request.submission, request.deadlines
    return {
        "tracking_number": request.tracking_number,
        "status": request.status.value,
        "channel": request.channel.value,
        "received_at": moment(request.received_at),
        "requester": {
            "name": submission.name,
            "email": submission.email,
            "phone": submission.phone,
            "mailing_address": submission.mailing_address,
        },
        "description": submission.description,
        "date_range": submission.date_range,
        "format": submission.format.value,
        "delivery": submission.delivery.value,
        "language": submission.language.value,
        "patron_records": request.patron_records,
        "deadlines": {
            "initial_response_target": dates.initial_response_target.isoformat(),
            "initial_response_due": dates.initial_response_due.isoformat(),
            "extended_due": dates.extended_due.isoformat(),
        },
        "due": [{"kind": kind.value, "on": day.isoformat()} for day, kind in request.dues()],
        "awaiting_answer": request.awaiting_answer,
        "extension": request.extension
        and {
            "reason": request.extension.reason,
            "sent_on": request.extension.sent_on.isoformat(),
            "determination_due": request.extension.new_due.isoformat(),
        },
        "release": request.release
        and {
            "due_on": request.release.due_on.isoformat(),
            "due_at": request.release.due_at,
            "delivered_on": request.release.delivered_on
            and request.release.delivered_on.isoformat(),
        },
        "appeal": request.appeal
        and {
            "received_at": moment(request.appeal.received_at),
            "late": request.appeal.late,
            "decision_due": request.appeal.decision_due.isoformat(),
            "outcome": request.appeal.outcome,
        },
        "patron_check": request.patron_check
        and {
            "case": request.patron_check.case.value,
            "identity_checked": request.patron_check.identity.value,
            "card_last_four": request.patron_check.card_last_four,
            "authorisation_seen": request.patron_check.authorisation_seen,
            "checked_at": moment(request.patron_check.checked_at),
        },
        "fees": request.fees and {**_fee_lines(request.fees), "owed": request.fee_owed},
        "payments": [
            {"received_on": p.received_on.isoformat(), "amount": p.amount, "note": p.note}
            for p in request.payments
        ],
        "letters": [
            {
                "kind": letter.kind,
                "sent_at": moment(letter.sent_at),
                "language": letter.language,
                "subject": letter.subject,
                "responsible": letter.signed_by,
            }
            for letter in request.letters
        ],
        "history": [
            {
                "at": moment(event.at),
                "actor": event.actor,
                "action": event.action,
                "note": event.note,
                "public": event.public,
            }
            for event in events
        ],
    }
