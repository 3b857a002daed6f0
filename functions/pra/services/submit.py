"""Submit a request: store it with its deadlines and first event, then send its emails."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from pra.domain.deadlines import Deadlines, deadlines_at
from pra.domain.request import Channel, HistoryEvent, PraRequest, Submission
from pra.domain.tracking import ACCESS_CODE_BYTES, access_code, access_code_digest, tracking_number
from pra.services import Services
from pra.services.notices import status_url, submission_emails
from pra.services.outbox import deliver

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Receipt:
    """What the requester keeps: shown once, emailed once, never stored in the clear."""

    tracking_number: str
    access_code: str
    received_at: datetime
    deadlines: Deadlines
    status_url: str
    language: str
    stored: bool = True


def submit_request(services: Services, submission: Submission) -> Receipt:
    """A request from the online form, received now."""
    now = services.clock.now()
    if submission.is_robot:
        # Answer exactly as if accepted, so the robot learns nothing; store and send nothing.
        # Its number is the next one, taken, so it looks like the others and never names a
        # stored request (the log shows the gap as a discarded submission).
        deadlines = deadlines_at(now, services.calendar, services.receipt_rules)
        code = access_code(services.random_bytes(ACCESS_CODE_BYTES))
        sequence = services.store.allocate_tracking_sequence(deadlines.received_date.year)
        number = tracking_number(deadlines.received_date.year, sequence)
        log.info("submission discarded by the honeypot (number %s not used)", number)
        return _receipt(services, number, code, now, deadlines, submission, stored=False)
    event = HistoryEvent(
        at=now, actor="requester", action="received", note="online form", public=True
    )
    return store_new_request(services, submission, now, Channel.ONLINE, event)[1]


def store_new_request(
    services: Services,
    submission: Submission,
    received_at: datetime,
    channel: Channel,
    event: HistoryEvent,
) -> tuple[PraRequest, Receipt]:
    """Number the request, keep it with its deadlines from `received_at`, send its emails."""
    deadlines = deadlines_at(received_at, services.calendar, services.receipt_rules)
    code = access_code(services.random_bytes(ACCESS_CODE_BYTES))
    sequence = services.store.allocate_tracking_sequence(deadlines.received_date.year)
    number = tracking_number(deadlines.received_date.year, sequence)
    request = PraRequest(
        number, access_code_digest(code), received_at, deadlines, submission, channel=channel
    )
    emails = submission_emails(request, code, services.settings, services.clock.now())
    services.store.add(request, event, emails)
    log.info("request %s received, initial response due %s", number, deadlines.initial_response_due)
    deliver(services, emails)
    return request, _receipt(services, number, code, received_at, deadlines, submission)


def _receipt(
    services: Services,
    number: str,
    code: str,
    now: datetime,
    deadlines: Deadlines,
    submission: Submission,
    *,
    stored: bool = True,
) -> Receipt:
    language = submission.language.value
    url = status_url(services.settings, number, code, language)
    return Receipt(number, code, now, deadlines, url, language, stored)
