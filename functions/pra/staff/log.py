"""The request log: every request with its next due date, days left, and filters."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from pra.domain.lifecycle import Status
from pra.domain.request import DueKind, PraRequest
from pra.domain.tracking import is_tracking_number, normalize_tracking_number
from pra.services import Services

DUE_SOON_DAYS = 2

STATUS_LABELS = {
    Status.RECEIVED: "Received",
    Status.AWAITING_REQUESTER: "Awaiting the requester's clarification",
    Status.INITIAL_RESPONSE_SENT: "Initial response sent",
    Status.EXTENDED: "Extended",
    Status.RELEASED: "Closed: records released",
    Status.PARTLY_RELEASED: "Closed: released in part",
    Status.NO_RECORDS: "Closed: no responsive records",
    Status.DENIED: "Closed: denied",
    Status.WITHDRAWN: "Closed: withdrawn",
    Status.APPEALED: "Appealed",
    Status.APPEAL_DECIDED: "Appeal decided",
    Status.REOPENED: "Reopened by the appeal: release due",
}


# Promised records not yet delivered: not closed until they are.
RECORDS_OWED_LABELS = {
    Status.RELEASED: "Released: records due",
    Status.PARTLY_RELEASED: "Released in part: records due",
}
DUE_KIND_LABELS = {
    DueKind.DETERMINATION: "Response",
    DueKind.APPEAL_DECISION: "Appeal decision",
    DueKind.RELEASE: "Records",
}


def status_label(request: PraRequest) -> str:
    if request.records_owed and request.status in RECORDS_OWED_LABELS:
        return RECORDS_OWED_LABELS[request.status]
    return STATUS_LABELS[request.status]


class DueMark(StrEnum):
    OVERDUE = "overdue"
    DUE_SOON = "due_soon"


@dataclass(frozen=True)
class LogRow:
    request: PraRequest
    days_left: int | None  # calendar days from today to the next due date

    @property
    def tracking_number(self) -> str:
        return self.request.tracking_number

    @property
    def received_date(self) -> date:
        return self.request.deadlines.received_date

    @property
    def status_label(self) -> str:
        return status_label(self.request)

    @property
    def next_due(self) -> date | None:
        return self.request.next_due

    @property
    def due_kind_label(self) -> str:
        """What the next due date is for."""
        kind = self.request.next_due_kind
        return DUE_KIND_LABELS[kind] if kind else ""

    @property
    def mark(self) -> DueMark | None:
        if self.days_left is None:
            return None
        if self.days_left < 0:
            return DueMark.OVERDUE
        return DueMark.DUE_SOON if self.days_left <= DUE_SOON_DAYS else None

    @property
    def due_text(self) -> str:
        """Words, so the mark never rests on colour alone."""
        days = self.days_left
        if days is None:
            return "No due date"
        if days < 0:
            return f"Overdue by {_days(-days)}"
        if days == 0:
            return "Due today"
        return "Due tomorrow" if days == 1 else f"{_days(days)} left"


def _days(count: int) -> str:
    return "1 day" if count == 1 else f"{count} days"


def log_row(request: PraRequest, today: date) -> LogRow:
    due = request.next_due
    return LogRow(request, (due - today).days if due else None)


PAGE_SIZE = 50


@dataclass(frozen=True)
class LogView:
    """One page of the log as the desk shows it: its rows, where the next page starts (None:
    the last), and about how many requests the filter holds."""

    rows: list[LogRow]
    next_after: str | None
    about: int | None  # None: a word search spread over pages, not counted


def log_view(
    services: Services,
    status: Status | None = None,
    search: str = "",
    after: str | None = None,
    limit: int = PAGE_SIZE,
) -> LogView:
    """A page of the log. Without a search it is one index range of the store, the same cost
    at any size; a whole tracking number is one key lookup; words are the store's word search
    (SQLite's full-text index reads only the matches)."""
    today, wanted = services.today(), search.strip()
    if not wanted:
        page = services.store.log_page(status, after, limit)
        rows = [log_row(request, today) for request in page.requests]
        return LogView(rows, page.next_after, services.store.count(status))
    number = normalize_tracking_number(wanted)
    if is_tracking_number(number):
        found = services.store.get(number)
        rows = [log_row(found, today)] if found and status in {None, found.status} else []
        return LogView(rows, None, len(rows))
    page = services.store.search(wanted.split(), status, after, limit)
    rows = [log_row(request, today) for request in page.requests]
    whole = after is None and page.next_after is None
    return LogView(rows, page.next_after, len(rows) if whole else None)
