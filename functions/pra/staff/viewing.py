"""Opening a request at the desk: every opening is recorded (Policy 4005: accountable access)."""

from __future__ import annotations

from dataclasses import dataclass

from pra.domain.request import HistoryEvent
from pra.domain.tracking import normalize_tracking_number
from pra.services import Services
from pra.staff.log import LogRow, log_row

VIEWED = "viewed"
DOWNLOADED = "downloaded_file"


@dataclass(frozen=True)
class OpenedRequest:
    row: LogRow
    history: list[HistoryEvent]
    files: list[str]  # names under the request's folder of the file store


def files_prefix(tracking_number: str) -> str:
    return f"requests/{tracking_number}/"


def open_request(services: Services, number: str, actor: str) -> OpenedRequest | None:
    """The request, its history and its files, after recording that `actor` viewed it."""
    request = services.store.get(normalize_tracking_number(number))
    if request is None:
        return None
    number = request.tracking_number
    services.store.append_event(number, HistoryEvent(services.clock.now(), actor, VIEWED))
    prefix = files_prefix(number)
    files = sorted(key.removeprefix(prefix) for key in services.files.keys(prefix))
    return OpenedRequest(log_row(request, services.today()), services.store.history(number), files)


def open_file(services: Services, number: str, name: str, actor: str) -> bytes | None:
    """A file of the request, recorded as downloaded by `actor`; None if there is none."""
    if services.store.get(number) is None or {"", ".", ".."} & set(name.split("/")):
        return None
    data = services.files.get(files_prefix(number) + name)
    if data is not None:
        event = HistoryEvent(services.clock.now(), actor, DOWNLOADED, name)
        services.store.append_event(number, event)
    return data
