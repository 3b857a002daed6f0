"""Requests that reached the library by email, post, phone or in person, entered by staff.

Policy 1002 §IV.A takes oral or written requests made to any staff member. The deadlines
count from when the request reached the library, which may be earlier than its entry, never
later. The requester gets the acknowledgement by email when they gave an address; otherwise
the desk prints it, with the access code shown this once.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from pra.domain.request import Channel, HistoryEvent, PraRequest, Submission
from pra.emails import render_email
from pra.services import Services
from pra.services.notices import acknowledgement_context
from pra.services.submit import Receipt, store_new_request

log = logging.getLogger(__name__)

# Far enough back for a letter found in a pile; a received date older than this is a typo.
OLDEST = timedelta(days=365)
CHANNEL_WORDS = {
    Channel.ONLINE: "online form",
    Channel.EMAIL: "by email",
    Channel.MAIL: "by mail",
    Channel.PHONE: "by phone",
    Channel.IN_PERSON: "in person",
}
STAFF_CHANNELS = tuple(c for c in Channel if c is not Channel.ONLINE)


class IntakeRefused(ValueError):
    """`field` is the form field at fault; the message says what to do."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class Intake:
    channel: Channel
    received_at: datetime  # aware: when the request reached the library
    submission: Submission


@dataclass(frozen=True)
class EnteredRequest:
    receipt: Receipt
    # The acknowledgement to print or read out, when there is no email to send it to.
    printable: str | None


def enter_request(services: Services, intake: Intake, actor: str) -> EnteredRequest:
    now = services.clock.now()
    if intake.channel is Channel.ONLINE:
        raise IntakeRefused("channel", "choose how the request reached the library")
    if intake.received_at.tzinfo is None:
        raise ValueError("the received time must carry its time zone")
    if intake.received_at > now:
        raise IntakeRefused(
            "received", "the received time is in the future: give when the request reached us"
        )
    if intake.received_at < now - OLDEST:
        raise IntakeRefused("received", "the received date is more than a year ago: check it")
    zone = ZoneInfo(services.settings.timezone)
    local = intake.received_at.astimezone(zone).strftime("%Y-%m-%d %H:%M")
    note = f"{CHANNEL_WORDS[intake.channel]}, received {local}; entered by staff"
    event = HistoryEvent(at=now, actor=actor, action="received", note=note, public=True)
    request, receipt = store_new_request(
        services, intake.submission, intake.received_at, intake.channel, event
    )
    log.info("request %s entered by staff (%s)", receipt.tracking_number, intake.channel.value)
    printable = None if intake.submission.email else _printable(services, request, receipt)
    return EnteredRequest(receipt, printable)


def _printable(services: Services, request: PraRequest, receipt: Receipt) -> str:
    """The acknowledgement the email would have carried, as text to print or read out."""
    settings = services.settings
    context = acknowledgement_context(request, receipt.access_code, settings, services.clock.now())
    context["printed"] = True  # not "reply to this email"
    message = render_email(
        "acknowledgement",
        receipt.language,
        context,
        sender=(settings.agency_name, settings.from_address),
        to=settings.coordinator_email,
    )
    body = message.get_body(preferencelist=("plain",))
    assert body is not None
    return str(body.get_content())
