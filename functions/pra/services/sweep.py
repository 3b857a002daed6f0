"""The daily sweep: retry emails, remind before a due date, escalate after it, a digest, and
the retention schedule's erasure of closed requests' contacts (pra.services.retention).

What was sent is recorded by the email's id. Every email the sweep makes has an id built
from what it is about (`PRA-2026-00001:reminder:2026-11-30:3`, `…:escalation:2026-11-30`,
`digest:2026-11-24`), and the store queues an id at most once (`queue_email_once`, one atomic
write). So a second run the same day, or two runs at once, make the same ids and send nothing
twice. We chose this over checking the request's history first, as the sweep did before:
a read-then-write check lets two runs at once both pass, the digest belongs to no request's
history, and the id costs one conditional write instead of a history read per due request.
The history still gets its event (the log shows each reminder and escalation), written only
by the run whose id was new.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from email.utils import parsedate_to_datetime

from pra.domain.request import DueKind, HistoryEvent, PraRequest
from pra.emails.headers import header_block
from pra.ports import QueuedEmail
from pra.services import Services
from pra.services.digest import DIGEST_DAYS, digest_email, digest_id, due_this_week
from pra.services.digest import KIND as DIGEST
from pra.services.notices import deadline_email
from pra.services.open_data import publish_open_data
from pra.services.outbox import send_now
from pra.services.retention import erase_expired_contacts
from pra.services.statistics import refresh_statistics

log = logging.getLogger(__name__)

REMINDER, ESCALATION = "deadline_reminder", "deadline_escalation"


@dataclass(frozen=True)
class SweepReport:
    emails_sent: int
    emails_pending: int
    reminders: int
    escalations: int
    digests: int = 0
    contacts_erased: int = 0
    # How long the oldest email still unsent has waited, in minutes (0: none waits): on AWS
    # an alarm watches it (the sweep publishes it as a metric).
    oldest_pending_minutes: int = 0
    # Requests the statistics run read again (pra.services.statistics); -1 if it failed.
    statistics: int = 0
    # Rows of the open data published (PRA_OPEN_DATA_FILES); -1 if it failed, 0 when off.
    open_data: int = 0


def run_sweep(services: Services) -> SweepReport:
    now = services.clock.now()
    today = services.today()
    retried, still_pending = send_now(services, services.store.pending_emails())
    horizon = today + timedelta(days=max(DIGEST_DAYS, *services.settings.reminder_days))
    # The sparse index holds open requests only: this reads what is due, not every request.
    due = services.store.open_due_by(horizon)
    fresh = [email for request in due for email in _deadline(services, request, today, now)]
    fresh += _digest(services, due, today, now)
    sent, pending = send_now(services, fresh)
    erased = erase_expired_contacts(services)
    waiting = oldest_wait(services.store.pending_emails(), now) if still_pending + pending else 0
    statistics = _statistics(services)
    open_data = _open_data(services)
    kinds = Counter(email.kind for email in fresh)
    log.info(
        "sweep %s: %d reminders, %d escalations, %d digests",
        today,
        kinds[REMINDER],
        kinds[ESCALATION],
        kinds[DIGEST],
    )
    return SweepReport(
        retried + sent,
        still_pending + pending,
        kinds[REMINDER],
        kinds[ESCALATION],
        kinds[DIGEST],
        erased,
        waiting,
        statistics,
        open_data,
    )


def _statistics(services: Services) -> int:
    """The public statistics brought up to date; a failure is logged, never stops the sweep
    (its emails are already out)."""
    try:
        return refresh_statistics(services).requests_read
    except Exception:
        log.exception("the statistics were not brought up to date")
        return -1


def _open_data(services: Services) -> int:
    """The open data's published copies rewritten, where they are served from files."""
    settings = services.settings
    if not (settings.open_data_files and settings.public_log):
        return 0
    try:
        return publish_open_data(services)
    except Exception:
        log.exception("the open data was not published")
        return -1


def oldest_wait(pending: Sequence[QueuedEmail], now: datetime) -> int:
    """Minutes the oldest of `pending` has waited since it was written (its Date header)."""
    written = [when for email in pending if (when := _written(email)) is not None]
    if not written:
        return 0
    return max(0, int((now - min(written)).total_seconds() // 60))


def _written(email: QueuedEmail) -> datetime | None:
    found = header_block(email.message)["Date"]
    try:
        when = parsedate_to_datetime(str(found)) if found else None
    except (TypeError, ValueError):
        return None
    # "-0000" says the zone is unknown (RFC 5322): read as UTC, as it was written.
    return when.replace(tzinfo=UTC) if when and when.tzinfo is None else when


def reminder_offset(days_left: int, offsets: Sequence[int]) -> int | None:
    """The offset whose reminder is due `days_left` days before a due date, if any.

    An offset is due from (due date - offset) on. Of those due, only the nearest counts: after
    a weekend or an outage one reminder goes out, not every stale one at once.
    """
    reached = [offset for offset in offsets if offset >= days_left >= 0]
    return min(reached, default=None)


def _deadline(
    services: Services, request: PraRequest, today: date, now: datetime
) -> list[QueuedEmail]:
    """The reminder or escalation the request is owed today, queued (and a reminder's copy
    for the person assigned it); none that an earlier run queued."""
    due = request.next_due
    if due is None:
        return []
    number = request.tracking_number
    # The records' due date has ids of its own: it may fall on the day another date did.
    release = request.next_due_kind is DueKind.RELEASE
    about, what = (f"{number}:release", "records due") if release else (number, "due")
    if today > due:
        kind, email_id, note = ESCALATION, f"{about}:escalation:{due}", f"{what} {due}"
    else:
        offset = reminder_offset((due - today).days, services.settings.reminder_days)
        if offset is None:
            return []
        kind, email_id = REMINDER, f"{about}:reminder:{due}:{offset}"
        note = f"{what} {due}, {offset}-day reminder"
    recipients: list[str | None] = [None]  # None: whom deadline_email sends it to
    if kind == REMINDER and (assignee := _assignee_to_remind(services, request)):
        recipients.append(assignee)
    sent = []
    for to in recipients:
        # The assignee's copy has an id of its own: a person assigned after the coordinator's
        # reminder went still gets theirs, and no one gets the same reminder twice.
        one_id = f"{email_id}:to:{to}" if to else email_id
        if services.store.was_queued(one_id):
            continue  # sent (or queued) by an earlier run: not built again
        email = deadline_email(
            kind, request, services.settings, now, today=today, due=due, email_id=one_id, to=to
        )
        if not services.store.queue_email_once(email):
            continue  # sent (or queued) by an earlier run
        event_note = f"{note}, to {to}" if to else note
        services.store.append_event(number, HistoryEvent(now, "system", kind, event_note))
        sent.append(email)
    return sent


def _assignee_to_remind(services: Services, request: PraRequest) -> str | None:
    """The person assigned the request, unless the reminder is theirs already (the
    coordinator's; the Director's for an appeal) or their account is no longer active."""
    assignee, settings = request.assignee, services.settings
    if assignee is None:
        return None
    appeal = request.next_due_kind is DueKind.APPEAL_DECISION
    theirs = settings.director_email if appeal else settings.coordinator_email
    if assignee.lower() == theirs.lower():
        return None
    account = services.staff.staff(assignee)
    return assignee if account is not None and account.active else None


def _digest(
    services: Services, due: list[PraRequest], today: date, now: datetime
) -> list[QueuedEmail]:
    listed = due_this_week(due, today)
    if not listed:
        # Nothing open is due this week nor overdue: no digest at all, not an empty one.
        return []
    if services.store.was_queued(digest_id(today)):
        return []
    email = digest_email(listed, services.settings, now, today)
    return [email] if services.store.queue_email_once(email) else []
