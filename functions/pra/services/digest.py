"""The coordinator's daily digest: open requests due within the week, and overdue ones.

It goes to a mailbox, so it names requests by tracking number only: never a requester's name,
email or words. The staff log (behind sign-in) has the rest, one link away.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Any

from pra.config import Settings
from pra.domain.request import DueKind, PraRequest
from pra.emails import email_bytes
from pra.emails.words import long_date
from pra.ports import QueuedEmail
from pra.services.notices import days_left_label, staff_url

KIND = "deadline_digest"
DIGEST_DAYS = 7  # "due this week": next due date no later than a week from today
OWED = {
    DueKind.DETERMINATION: "response",
    DueKind.APPEAL_DECISION: "appeal decision",
    DueKind.RELEASE: "records",
}


def digest_id(today: date) -> str:
    """One digest a day: the store queues this id once, however often the sweep runs."""
    return f"digest:{today.isoformat()}"


def due_this_week(requests: Sequence[PraRequest], today: date) -> list[PraRequest]:
    """Those due by a week from today (overdue ones included), soonest first."""
    until = today + timedelta(days=DIGEST_DAYS)
    listed = [r for r in requests if r.next_due is not None and r.next_due <= until]
    return sorted(listed, key=lambda r: (r.next_due, r.tracking_number))


def digest_email(
    requests: Sequence[PraRequest], settings: Settings, now: datetime, today: date
) -> QueuedEmail:
    rows = [_row(request, settings, today) for request in requests]
    overdue = sum(1 for row in rows if row["overdue"])
    context = {
        "now": now,
        "language": "en",
        "title": settings.agency_name,
        "agency_name": settings.agency_name,
        "subject": _subject(len(rows), overdue),
        "today": long_date(today, "en"),
        "until": long_date(today + timedelta(days=DIGEST_DAYS), "en"),
        "overdue": overdue,
        "rows": rows,
    }
    sender = (settings.agency_name, settings.from_address)
    message = email_bytes(KIND, "en", context, sender=sender, to=settings.coordinator_email)
    # About no one request: the tracking number stays empty, as for other staff-wide notices.
    return QueuedEmail(id=digest_id(today), tracking_number="", kind=KIND, message=message)


def _row(request: PraRequest, settings: Settings, today: date) -> dict[str, Any]:
    due = request.next_due
    assert due is not None  # due_this_week keeps only requests with a due date
    return {
        "tracking_number": request.tracking_number,
        "status": request.status.value.replace("_", " "),
        "owed": OWED[request.next_due_kind or DueKind.DETERMINATION],
        "due": long_date(due, "en"),
        "days_left": days_left_label((due - today).days),
        "overdue": due < today,
        "staff_url": staff_url(settings, request.tracking_number),
    }


def _subject(count: int, overdue: int) -> str:
    plural = "request" if count == 1 else "requests"
    late = f", {overdue} overdue" if overdue else ""
    return f"Due this week: {count} public records {plural}{late}"
