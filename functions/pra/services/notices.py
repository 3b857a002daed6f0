"""The emails a request produces, rendered once and queued in the store."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from pra.config import Settings
from pra.domain.lifecycle import TRANSITIONS, Action
from pra.domain.request import Appeal, DueKind, PraRequest
from pra.emails import email_bytes
from pra.emails.words import long_date, status_label
from pra.ports import QueuedEmail

_CHOICES = {
    "en": {
        "electronic": "electronic copy",
        "paper": "paper copies",
        "inspect": "inspection in person",
        "email": "by email",
        "mail": "by mail",
        "pickup": "pick up at the library",
        "en": "English",
        "es": "Spanish",
    },
    "es": {
        "electronic": "copia electrónica",
        "paper": "copias en papel",
        "inspect": "consulta en persona",
        "email": "por correo electrónico",
        "mail": "por correo postal",
        "pickup": "recoger en la biblioteca",
        "en": "inglés",
        "es": "español",
    },
}


def status_url(settings: Settings, tracking_number: str, access_code: str, language: str) -> str:
    """The code rides in the fragment: browsers never send it, so no log keeps it."""
    page = "/es/status/" if language == "es" else "/status/"
    return f"{settings.public_url}{page}#{tracking_number}:{access_code}"


def submission_emails(
    request: PraRequest, access_code: str, settings: Settings, now: datetime
) -> list[QueuedEmail]:
    emails = []
    if request.submission.email:
        ack = acknowledgement_context(request, access_code, settings, now)
        emails.append(_queue(request, "acknowledgement", ack, settings, request.submission.email))
    notice = _context(request, settings, now, "en")
    notice["acknowledged"] = bool(request.submission.email)
    emails.append(
        _queue(request, "coordinator_notice", notice, settings, settings.coordinator_email)
    )
    return emails


def acknowledgement_context(
    request: PraRequest, access_code: str, settings: Settings, now: datetime
) -> dict[str, Any]:
    """What the acknowledgement says, in the requester's language, with the code shown once."""
    language = request.submission.language.value
    ack = _context(request, settings, now, language)
    url = status_url(settings, request.tracking_number, access_code, language)
    ack.update(access_code=access_code, status_url=url, printed=False)
    return ack


def appeal_confirmation(
    request: PraRequest, appeal: Appeal, settings: Settings, now: datetime
) -> list[QueuedEmail]:
    """The requester's confirmation of an appeal and of when it will be decided, when they
    gave an email address (a posted appeal is confirmed by the Director's decision letter)."""
    if not request.submission.email:
        return []
    language = request.submission.language.value
    context = _context(request, settings, now, language)
    context.update(
        received=long_date(appeal.received_at.date(), language),
        decision_due=long_date(appeal.decision_due, language),
        window_closed=long_date(appeal.window_closed, language),
        late=appeal.late,
    )
    return [_queue(request, "appeal_received", context, settings, request.submission.email)]


def withdrawal_confirmation(
    request: PraRequest, settings: Settings, now: datetime
) -> list[QueuedEmail]:
    """The requester's confirmation that the request they withdrew is closed."""
    if not request.submission.email:
        return []
    language = request.submission.language.value
    context = _context(request, settings, now, language)
    context["withdrawn_on"] = long_date(now.date(), language)
    return [_queue(request, "withdrawal_confirmed", context, settings, request.submission.email)]


def staff_notice(
    settings: Settings,
    request: PraRequest,
    now: datetime,
    *,
    to: str,
    subject: str,
    message: str,
    facts: list[tuple[str, str]],
) -> QueuedEmail:
    """A short note to staff about a request, with a link to it on the desk."""
    context = {
        "now": now,
        "language": "en",
        "title": settings.agency_name,
        "agency_name": settings.agency_name,
        "subject": subject,
        "message": message,
        "tracking_number": request.tracking_number,
        "facts": facts,
        "staff_url": staff_url(settings, request.tracking_number),
    }
    return _queue(request, "staff_notice", context, settings, to)


def staff_url(settings: Settings, tracking_number: str) -> str:
    return f"{settings.public_url}/staff/requests/{tracking_number}"


def days_left_label(days: int) -> str:
    if days == 0:
        return "due today"
    count = f"{abs(days)} day{'' if abs(days) == 1 else 's'}"
    return f"{count} left" if days > 0 else f"{count} overdue"


# What a reminder or escalation says is owed, by the kind of the due date.
OWED = {
    DueKind.DETERMINATION: "the written response to",
    DueKind.APPEAL_DECISION: "the decision on the appeal of",
    DueKind.RELEASE: "the records promised for",
}


def deadline_email(
    kind: str,
    request: PraRequest,
    settings: Settings,
    now: datetime,
    *,
    today: date,
    due: date,
    email_id: str,
    to: str | None = None,
) -> QueuedEmail:
    """A deadline_reminder or deadline_escalation about `due`, the request's next_due; to
    `to` (the person assigned the request) instead of the coordinator or the Director."""
    context = _context(request, settings, now, "en")
    owed = request.next_due_kind or DueKind.DETERMINATION
    appeal, release = owed is DueKind.APPEAL_DECISION, owed is DueKind.RELEASE
    context.update(
        due=long_date(due, "en"),
        days_left=days_left_label((due - today).days),
        owed=OWED[owed],
        release=release,
        status_label=status_label(request.status.value, request.records_owed, "en"),
        can_extend=owed is DueKind.DETERMINATION and Action.EXTEND in TRANSITIONS[request.status],
        staff_url=staff_url(settings, request.tracking_number),
    )
    number, day, reminder = request.tracking_number, context["due"], kind == "deadline_reminder"
    if appeal:
        context["subject"] = f"Appeal decision on {number} {'is' if reminder else 'was'} due {day}"
    if release:
        context["subject"] = (
            f"Reminder: records for {number} due {day}"
            if reminder
            else f"Overdue: records for {number} were due {day}"
        )
    # The Director decides appeals, so an appeal's reminders go to the Director too.
    if to is None:
        to = settings.coordinator_email
        if appeal or kind == "deadline_escalation":
            to = settings.director_email
    return _queue(request, kind, context, settings, to, email_id=email_id)


def _context(request: PraRequest, settings: Settings, now: datetime, lang: str) -> dict[str, Any]:
    submission, dates = request.submission, request.deadlines
    local = request.received_at.astimezone(ZoneInfo(settings.timezone))
    return {
        "now": now,
        "language": lang,
        "title": settings.agency_name,
        "agency_name": settings.agency_name,
        "coordinator_email": settings.agency.email,
        "agency": settings.agency.public_values(),
        "tracking_number": request.tracking_number,
        "name": submission.name,
        "description": submission.description,
        "date_range": submission.date_range,
        "format_label": _CHOICES[lang][submission.format.value],
        "delivery_label": _CHOICES[lang][submission.delivery.value],
        "language_label": _CHOICES[lang][submission.language.value],
        "received_at": local.strftime("%Y-%m-%d %H:%M %Z"),
        "received_date": long_date(dates.received_date, lang),
        "initial_response_due": long_date(dates.initial_response_due, lang),
        "initial_response_target": long_date(dates.initial_response_target, lang),
        "extended_due": long_date(dates.extended_due, lang),
    }


def _queue(
    request: PraRequest,
    kind: str,
    context: dict[str, Any],
    settings: Settings,
    to: str,
    *,
    email_id: str | None = None,
) -> QueuedEmail:
    # What the requester receives says "reply to this email": replies go to the coordinator.
    to_requester = bool(request.submission.email) and to == request.submission.email
    message = email_bytes(
        kind,
        context["language"],
        context,
        sender=(settings.agency_name, settings.from_address),
        to=to,
        reply_to=settings.agency.email if to_requester else None,
    )
    return QueuedEmail(
        id=email_id or uuid.uuid4().hex,
        tracking_number=request.tracking_number,
        kind=kind,
        message=message,
    )
