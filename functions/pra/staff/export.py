"""The request log as CSV, with requester contact data only when asked for and allowed."""

from __future__ import annotations

import csv
import io
import logging
import re
from collections.abc import Iterator

from pra.domain.lifecycle import Status
from pra.domain.request import HistoryEvent
from pra.services import Services
from pra.staff.log import LogRow, log_view

COLUMNS = [
    "tracking_number",
    "received_date",
    "status",
    "status_label",
    "next_due",
    "days_left",
    "due",
    "assignee",
]
CONTACT_COLUMNS = ["requester_name", "requester_email", "requester_phone", "mailing_address"]
EXPORTED_CONTACTS = "exported_contacts"
_NUMBER = re.compile(r"-?\d+")

log = logging.getLogger(__name__)


EXPORT_PAGE = 500


def export_csv(
    services: Services,
    status: Status | None,
    search: str,
    *,
    contacts: bool,
    actor: str,
    assignee: str | None = None,
) -> Iterator[str]:
    """The CSV, a page of the log at a time, so the first line leaves at once at any size.
    Callers check that `actor` may see contacts before asking for them."""
    yield _line(COLUMNS + (CONTACT_COLUMNS if contacts else []))
    exported = 0
    for rows in _pages(services, status, search, assignee):
        if contacts:
            _record_contact_export(services, rows, actor)
        yield "".join(_line(_cells(row, contacts)) for row in rows)
        exported += len(rows)
    log.info("request log exported: %d requests, contacts %s", exported, contacts)


def _pages(
    services: Services, status: Status | None, search: str, assignee: str | None
) -> Iterator[list[LogRow]]:
    """The log's rows page by page, as the desk shows them (with its filters)."""
    after = None
    while True:
        view = log_view(services, status, search, after, EXPORT_PAGE, assignee)
        yield view.rows
        if view.next_after is None:
            return
        after = view.next_after


def _line(cells: list[str]) -> str:
    output = io.StringIO()
    csv.writer(output, lineterminator="\r\n").writerow([_safe(cell) for cell in cells])
    return output.getvalue()


def _cells(row: LogRow, contacts: bool) -> list[str]:
    cells = [
        row.tracking_number,
        row.received_date.isoformat(),
        row.request.status.value,
        row.status_label,
        row.next_due.isoformat() if row.next_due else "",
        "" if row.days_left is None else str(row.days_left),
        row.due_text,
        row.request.assignee or "",
    ]
    if contacts:
        s = row.request.submission
        cells += [s.name or "", s.email or "", s.phone or "", s.mailing_address or ""]
    return cells


def _record_contact_export(services: Services, rows: list[LogRow], actor: str) -> None:
    # Policy 4005 wants every staff access to requester data accountable. Contact data leaving
    # the portal in a file is such an access, so each request exported gets an event, written
    # for the page before the page is sent (one write a page). An export without contacts
    # holds only what the log shows everyone signed in, so it is not recorded: an event per
    # request for every routine export would bury the events that matter.
    event = HistoryEvent(
        services.clock.now(), actor, EXPORTED_CONTACTS, "exported contact data (CSV)"
    )
    services.store.append_events([(row.tracking_number, event) for row in rows])


def _safe(cell: str) -> str:
    """Keep a spreadsheet from running what a requester typed as a formula."""
    if cell[:1] in ("=", "+", "-", "@", "\t", "\r") and not _NUMBER.fullmatch(cell):
        return "'" + cell
    return cell
