"""Email that was not delivered, or that its recipient reported: recorded, and told to staff.

An acknowledgement that bounced must never be lost in silence: the request's history says so,
and the coordinator hears of it (the Director, when it is the coordinator's mailbox that
bounced). Addresses are used to tell who the recipient was, and never logged or stored.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass, field
from email.utils import getaddresses

from pra.config import Settings
from pra.domain.request import HistoryEvent
from pra.emails import email_bytes
from pra.emails.headers import header_block
from pra.ports import MailerError, QueuedEmail
from pra.services import Services
from pra.services.notices import staff_url
from pra.services.outbox import deliver

log = logging.getLogger(__name__)

NOTICE_KIND = "undeliverable_notice"
# Emails only staff receive: one of them that bounces was not meant for the requester.
STAFF_KINDS = frozenset(
    {
        "coordinator_notice",
        "deadline_reminder",
        "deadline_escalation",
        "deadline_digest",
        "staff_notice",  # e.g. to the person a request was assigned to
        "password_reset",
        NOTICE_KIND,
    }
)
# event → (history action, words for staff)
EVENTS = {
    "bounce": ("email_bounced", "bounced"),
    "complaint": ("email_complaint", "reported as unwanted by its recipient"),
    "reject": ("email_rejected", "refused by the email service before sending"),
    "refused": ("email_refused", "refused by the receiving mail server"),
    "gave_up": ("email_not_sent", "not sent: every try failed"),
}


@dataclass(frozen=True)
class Feedback:
    """One bounce, complaint or rejection, as the email service reported it."""

    event: str  # a key of EVENTS
    report_id: str  # the service's id of the message, to notice a report delivered twice
    tracking_number: str | None
    email_kind: str
    detail: str  # e.g. Permanent/General: a category, never the server's text
    recipients: frozenset[str] = field(default=frozenset(), repr=False)  # lower-cased


def record_feedback(services: Services, feedback: Feedback) -> bool:
    """Record it on its request and tell staff; False if this report was recorded before."""
    number = feedback.tracking_number
    known = services.store.get(number) is not None if number else False
    marker = f"[report {feedback.report_id}]"
    if known and _already_recorded(services, str(number), marker):
        return False
    action, _ = EVENTS[feedback.event]
    who = _recipient(services.settings, feedback.recipients, feedback.email_kind)
    if known:
        note = f"{feedback.email_kind} email to {who}: {feedback.detail} {marker}"
        event = HistoryEvent(services.clock.now(), "system", action, note)
        services.store.append_event(str(number), event)
    log.warning(
        "%s: %s email for %s to %s (%s)",
        action,
        feedback.email_kind,
        number if known else "no stored request",
        who,
        feedback.detail,
    )
    _tell_staff(services, feedback, who, known)
    return True


def record_refusal(services: Services, email: QueuedEmail, error: MailerError, tries: int) -> bool:
    """An email we stopped trying: refused for good, or failing after every try we allow."""
    head = header_block(email.message)
    recipients = getaddresses([str(value) for value in head.get_all("To", [])])
    event = "refused" if error.permanent else "gave_up"
    feedback = Feedback(
        event=event,
        report_id=email.id,
        tracking_number=email.tracking_number or None,
        email_kind=email.kind,
        detail=f"{error.kind} after {tries} {'try' if tries == 1 else 'tries'}",
        recipients=frozenset(address.lower() for _, address in recipients),
    )
    return record_feedback(services, feedback)


def _already_recorded(services: Services, number: str, marker: str) -> bool:
    return any(marker in event.note for event in services.store.history(number))


def _recipient(settings: Settings, recipients: frozenset[str], kind: str) -> str:
    if settings.coordinator_email.lower() in recipients:
        return "the coordinator"
    if settings.director_email.lower() in recipients:
        return "the Director"
    return "a staff member" if kind in STAFF_KINDS else "the requester"


def _tell_staff(services: Services, feedback: Feedback, who: str, known: bool) -> None:
    settings = services.settings
    if feedback.email_kind == NOTICE_KIND:
        # A notice about a bounce that bounced: telling someone again could loop for ever.
        log.error("a notice of undeliverable email was itself not delivered")
        return
    to = settings.director_email if who == "the coordinator" else settings.coordinator_email
    email = _notice(services, feedback, who, known, to)
    services.store.queue_email(email)  # queued first: the sweep retries it if sending fails
    deliver(services, [email])


def _notice(services: Services, feedback: Feedback, who: str, known: bool, to: str) -> QueuedEmail:
    settings, number = services.settings, feedback.tracking_number or ""
    words = EVENTS[feedback.event][1]
    context = {
        "now": services.clock.now(),
        "language": "en",
        "title": settings.agency_name,
        "agency_name": settings.agency_name,
        "subject": f"Email not delivered: {number}" if known else "Email not delivered",
        "known": known,
        "tracking_number": number,
        "email_label": feedback.email_kind.replace("_", " "),
        "recipient_label": who,
        "to_requester": who == "the requester",
        "event_label": words,
        "detail": feedback.detail,
        "staff_url": staff_url(settings, number),
    }
    message = email_bytes(
        NOTICE_KIND, "en", context, sender=(settings.agency_name, settings.from_address), to=to
    )
    return QueuedEmail(
        id=uuid.uuid4().hex, tracking_number=number, kind=NOTICE_KIND, message=message
    )
