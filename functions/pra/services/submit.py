"""Submit a request: store it with its deadlines and first event, then send its emails."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from pra.domain.deadlines import Deadlines, deadlines_at
from pra.domain.request import Channel, HistoryEvent, PraRequest, Submission
from pra.domain.tracking import ACCESS_CODE_BYTES, access_code, access_code_digest, tracking_number
from pra.ports import DuplicateSubmission
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
    # A repeat of a submission already stored (the same idempotency key): its receipt
    # without the access code, which was shown once and is never stored in the clear.
    repeated: bool = False


def submit_request(
    services: Services, submission: Submission, idempotency_key: str | None = None
) -> Receipt:
    """A request from the online form, received now; a repeat of one already stored under
    `idempotency_key` (a retry, a double click) stores nothing and answers its receipt."""
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
    if idempotency_key is not None and (first := services.store.submitted_with(idempotency_key)):
        return _repeated(services, first)
    event = HistoryEvent(
        at=now, actor="requester", action="received", note="online form", public=True
    )
    try:
        _, receipt = store_new_request(
            services, submission, now, Channel.ONLINE, event, idempotency_key
        )
    except DuplicateSubmission as duplicate:  # the same key at the same instant
        return _repeated(services, duplicate.tracking_number)
    return receipt


def _repeated(services: Services, number: str) -> Receipt:
    request = services.store.get(number)
    if request is None:
        raise LookupError(number)  # the key's request always exists: written together
    language = request.submission.language.value
    url = status_url(services.settings, number, "", language)
    log.info("submission repeated for %s: nothing stored", number)
    return Receipt(number, "", request.received_at, request.deadlines, url, language, repeated=True)


def store_new_request(
    services: Services,
    submission: Submission,
    received_at: datetime,
    channel: Channel,
    event: HistoryEvent,
    idempotency_key: str | None = None,
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
    services.store.add(request, event, emails, idempotency_key)
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
