"""The retention schedule's erasure, run by the daily sweep: closed requests lose the
requester's name and contacts a set number of days after they closed (off unless the
agency sets PRA_CONTACT_RETENTION_DAYS; its records-retention schedule decides how long).

It reads only the requests due (the stores keep closed requests with contacts in an index
by closing day), a batch at a time, so a run costs what it erases, not every request.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from pra.domain.request import HistoryEvent, PraRequest
from pra.domain.retention import erased_fields, without_contacts
from pra.ports import StaleRequest
from pra.services import Services

log = logging.getLogger(__name__)

BATCH = 100
ACTION = "contacts_erased"
_FIELD_NAMES = {
    "name": "name",
    "email": "email address",
    "phone": "phone number",
    "mailing_address": "postal address",
}


def erase_expired_contacts(services: Services) -> int:
    """Erase the contacts of every request closed at least the retention period ago; how
    many requests were erased. A request changed meanwhile waits for the next run."""
    keep_days = services.settings.contact_retention_days
    if keep_days is None:
        return 0
    now = services.clock.now()
    closed_by = services.today() - timedelta(days=keep_days)
    erased, seen = 0, set[str]()
    while True:
        batch = [
            request
            for request in services.store.closed_with_contacts(closed_by, BATCH)
            if request.tracking_number not in seen
        ]
        if not batch:
            break
        for request in batch:
            seen.add(request.tracking_number)
            erased += _erase(services, request, keep_days, now)
    if erased:
        log.info("retention: contacts erased from %d closed requests", erased)
    return erased


def _erase(services: Services, request: PraRequest, keep_days: int, now: datetime) -> int:
    fields = [_FIELD_NAMES[name] for name in erased_fields(request)]
    after = without_contacts(request, services.today())
    what = ", ".join(fields) if fields else "no contacts were left; nothing"
    event = HistoryEvent(
        at=now,
        actor="system",
        action=ACTION,
        note=f"{what} erased: the request closed on {request.closed_on}, "
        f"over {keep_days} days ago (the retention schedule)",
    )
    try:
        services.store.save(after, request.status, event, [])
    except (StaleRequest, KeyError):
        return 0
    return 1
