"""The request log as CSV, with requester contact data only when asked for and allowed."""

from __future__ import annotations

import csv
import io
import logging
import re

from pra.domain.request import HistoryEvent
from pra.services import Services
from pra.staff.log import LogRow

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


def export_csv(services: Services, rows: list[LogRow], *, contacts: bool, actor: str) -> str:
    """The CSV text. Callers check that `actor` may see contacts before asking for them."""
    output = io.StringIO()
    writer = csv.writer(output, lineterminator="\r\n")
    writer.writerow(COLUMNS + (CONTACT_COLUMNS if contacts else []))
    for row in rows:
        writer.writerow([_safe(cell) for cell in _cells(row, contacts)])
    if contacts:
        _record_contact_export(services, rows, actor)
    log.info("request log exported: %d requests, contacts %s", len(rows), contacts)
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
    # the portal in a file is such an access, so each request exported gets an event. An export
    # without contacts holds only what the log shows everyone signed in, so it is not recorded:
    # an event per request for every routine export would bury the events that matter.
    now = services.clock.now()
    event = HistoryEvent(now, actor, EXPORTED_CONTACTS, "exported contact data (CSV)")
    for row in rows:
        services.store.append_event(row.tracking_number, event)


def _safe(cell: str) -> str:
    """Keep a spreadsheet from running what a requester typed as a formula."""
    if cell[:1] in ("=", "+", "-", "@", "\t", "\r") and not _NUMBER.fullmatch(cell):
        return "'" + cell
    return cell
