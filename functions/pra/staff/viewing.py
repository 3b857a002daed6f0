"""Opening a request at the desk: every opening is recorded (Policy 4005: accountable access)."""

from __future__ import annotations

from dataclasses import dataclass, field

from pra.domain.files import RequestFile
from pra.domain.request import HistoryEvent
from pra.domain.tracking import normalize_tracking_number
from pra.services import Services
from pra.services.files import request_files
from pra.staff.history import VIEWED, HistoryLine, history_lines
from pra.staff.log import LogRow, log_row, staff_names

__all__ = ["VIEWED", "OpenedRequest", "open_request"]


@dataclass(frozen=True)
class OpenedRequest:
    row: LogRow
    history: list[HistoryEvent]
    files: list[RequestFile]
    names: dict[str, str] = field(default_factory=dict)  # staff names by email

    @property
    def lines(self) -> list[HistoryLine]:
        """The history as the page shows it: people by name, consecutive views folded."""
        return history_lines(self.history, self.names)


def open_request(services: Services, number: str, actor: str) -> OpenedRequest | None:
    """The request, its history and its files, after recording that `actor` viewed it."""
    request = services.store.get(normalize_tracking_number(number))
    if request is None:
        return None
    number = request.tracking_number
    services.store.append_event(number, HistoryEvent(services.clock.now(), actor, VIEWED))
    files = request_files(services, number)
    names = staff_names(services)
    row = log_row(request, services.today(), names)
    return OpenedRequest(row, services.store.history(number), files, names)
