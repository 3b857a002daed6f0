"""The request log: every request with its next due date, days left, and filters."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from pra.domain.lifecycle import Status
from pra.domain.request import Channel, DueKind, PraRequest
from pra.domain.tracking import is_tracking_number, normalize_tracking_number
from pra.ports import UNASSIGNED
from pra.services import Services

DUE_SOON_DAYS = 2
SHORT_DESCRIPTION = 80  # characters of the description the log shows, cut at a word

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
CHANNEL_LABELS = {
    Channel.ONLINE: "Web",
    Channel.EMAIL: "Email",
    Channel.PHONE: "Phone",
    Channel.IN_PERSON: "In person",
    Channel.MAIL: "Mail",
}


class Assigned(StrEnum):
    """The log's filter by assignee, beside the status: the signed-in person's, or no one's."""

    MINE = "mine"
    UNASSIGNED = "unassigned"


ASSIGNED_LABELS = {Assigned.MINE: "Mine", Assigned.UNASSIGNED: "Unassigned"}


def assignee_filter(assigned: Assigned | None, me: str) -> str | None:
    """The store's `assignee` for the filter: `me` for Mine, UNASSIGNED, or None (anyone's)."""
    if assigned is Assigned.MINE:
        return me
    return UNASSIGNED if assigned is Assigned.UNASSIGNED else None


def staff_names(services: Services) -> dict[str, str]:
    """Each staff account's name by its email, to show people by name rather than address."""
    return {account.email: account.name for account in services.staff.all_staff()}


def short_text(text: str, limit: int = SHORT_DESCRIPTION) -> str:
    """The text on one line, cut at the last whole word within `limit` characters (…)."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit + 1].rsplit(" ", 1)[0] if " " in flat[: limit + 1] else flat[:limit]
    return cut.rstrip(" ,;:.-–—") + "…"


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
    assignee_name: str = ""  # the assignee's name ("" when no one is assigned)

    @property
    def short_description(self) -> str:
        return short_text(self.request.submission.description)

    @property
    def channel_label(self) -> str:
        return CHANNEL_LABELS[self.request.channel]

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


def log_row(request: PraRequest, today: date, names: dict[str, str] | None = None) -> LogRow:
    """The request as the log shows it; with `names` (staff_names), its assignee's name."""
    due = request.next_due
    assignee = request.assignee
    name = (names or {}).get(assignee, assignee) if assignee else ""
    return LogRow(request, (due - today).days if due else None, name or "")


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
    assignee: str | None = None,
) -> LogView:
    """A page of the log. Without a search it is one index range of the store, the same cost
    at any size; a whole tracking number is one key lookup; words are the store's word search
    (SQLite's full-text index reads only the matches). `assignee` as for the store's log_page
    (assignee_filter makes it); its pages are not counted."""
    today, wanted, names = services.today(), search.strip(), staff_names(services)
    if not wanted:
        page = services.store.log_page(status, after, limit, assignee)
        rows = [log_row(request, today, names) for request in page.requests]
        about = services.store.count(status) if assignee is None else None
        whole = after is None and page.next_after is None
        return LogView(rows, page.next_after, len(rows) if about is None and whole else about)
    number = normalize_tracking_number(wanted)
    if is_tracking_number(number):
        found = services.store.get(number)
        shown = found and status in {None, found.status} and _assigned_as(found, assignee)
        rows = [log_row(found, today, names)] if found and shown else []
        return LogView(rows, None, len(rows))
    page = services.store.search(wanted.split(), status, after, limit, assignee)
    rows = [log_row(request, today, names) for request in page.requests]
    whole = after is None and page.next_after is None
    return LogView(rows, page.next_after, len(rows) if whole else None)


def _assigned_as(request: PraRequest, assignee: str | None) -> bool:
    return assignee is None or (request.assignee or UNASSIGNED) == assignee
