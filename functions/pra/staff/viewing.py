"""Opening a request at the desk: every opening is recorded (Policy 4005: accountable access)."""

from __future__ import annotations

from dataclasses import dataclass

from pra.domain.files import RequestFile
from pra.domain.request import HistoryEvent
from pra.domain.tracking import normalize_tracking_number
from pra.services import Services
from pra.services.files import request_files
from pra.staff.log import LogRow, log_row

VIEWED = "viewed"


@dataclass(frozen=True)
class OpenedRequest:
    row: LogRow
    history: list[HistoryEvent]
    files: list[RequestFile]


def open_request(services: Services, number: str, actor: str) -> OpenedRequest | None:
    """The request, its history and its files, after recording that `actor` viewed it."""
    request = services.store.get(normalize_tracking_number(number))
    if request is None:
        return None
    number = request.tracking_number
    services.store.append_event(number, HistoryEvent(services.clock.now(), actor, VIEWED))
    files = request_files(services, number)
    return OpenedRequest(log_row(request, services.today()), services.store.history(number), files)
