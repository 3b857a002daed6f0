"""The daily sweep: retry emails, remind the coordinator, escalate to the Director."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, timedelta

from pra.domain.request import HistoryEvent, PraRequest
from pra.services import Services
from pra.services.notices import deadline_email
from pra.services.outbox import deliver

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SweepReport:
    emails_sent: int
    emails_pending: int
    reminders: int
    escalations: int


def run_sweep(services: Services) -> SweepReport:
    now = services.clock.now()
    today = now.astimezone(services.receipt_rules.zone).date()
    retried, still_pending = deliver(services, services.store.pending_emails())
    horizon = _business_days_ahead(services, today, services.settings.reminder_days_before)
    reminders = escalations = 0
    # The index holds open requests only, so this reads what is due, not every request.
    for request in services.store.open_due_by(horizon):
        kind = "deadline_escalation" if _overdue(request, today) else "deadline_reminder"
        if _already_sent(services, request, kind):
            continue
        email = deadline_email(kind, request, services.settings, now)
        services.store.queue_email(email)
        note = str(request.next_due)
        services.store.append_event(
            request.tracking_number, HistoryEvent(now, "system", kind, note)
        )
        sent, pending = deliver(services, [email])
        retried, still_pending = retried + sent, still_pending + pending
        reminders += kind == "deadline_reminder"
        escalations += kind == "deadline_escalation"
    log.info("sweep: %d reminders, %d escalations", reminders, escalations)
    return SweepReport(retried, still_pending, reminders, escalations)


def _overdue(request: PraRequest, today: date) -> bool:
    return request.next_due is not None and request.next_due < today


def _already_sent(services: Services, request: PraRequest, kind: str) -> bool:
    """One reminder and one escalation per due date, however often the sweep runs."""
    history = services.store.history(request.tracking_number)
    return any(e.action == kind and e.note == str(request.next_due) for e in history)


def _business_days_ahead(services: Services, today: date, count: int) -> date:
    day = today
    for _ in range(count):
        day = services.calendar.on_or_next_business_day(day + timedelta(days=1))
    return day
