"""Days for the sweep tests: submit, act and sweep on a given day, and read what went out."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from datetime import date, datetime
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default

from pra.adapters.clocks import FixedClock
from pra.domain.lifecycle import Action, next_status
from pra.domain.request import HistoryEvent, parse_submission
from pra.emails.headers import KIND_HEADER, TRACKING_HEADER
from pra.services import Services
from pra.services.submit import submit_request
from pra.services.sweep import SweepReport, run_sweep
from tests.conftest import PACIFIC, VALID_REQUEST, text_body, written_in_order

SWEEP_HOUR, OFFICE_HOUR = 7, 10  # the scheduled sweep runs before the coordinator acts

Outbox = Callable[[], list[EmailMessage]]


@dataclasses.dataclass(frozen=True)
class Sent:
    """One email the sweep sent: what, to whom, about which requests."""

    kind: str  # reminder, escalation or digest
    to: str  # coordinator or director
    about: tuple[str, ...]
    days_left: str = ""  # the reminder's own words, e.g. "3 days left"

    def __str__(self) -> str:
        what = f"{self.kind} ({self.days_left})" if self.days_left else self.kind
        return f"{what} → {self.to}: {', '.join(self.about)}"


def on(services: Services, day: date, hour: int = SWEEP_HOUR) -> Services:
    when = datetime(day.year, day.month, day.day, hour, tzinfo=PACIFIC)
    return dataclasses.replace(services, clock=FixedClock(when))


def submit_on(services: Services, day: date) -> str:
    receipt = submit_request(on(services, day, OFFICE_HOUR), parse_submission(VALID_REQUEST))
    return receipt.tracking_number


def act_on(services: Services, day: date, number: str, action: Action) -> None:
    """The coordinator moves the request (the respond use cases do this with letters)."""
    request = services.store.get(number)
    assert request is not None
    moved = dataclasses.replace(request, status=next_status(request.status, action))
    at = on(services, day, OFFICE_HOUR).clock.now()
    event = HistoryEvent(at, "coordinator@library.example", action.value)
    services.store.save(moved, request.status, event, [])


def sweep_on(
    services: Services, day: date, hour: int = SWEEP_HOUR
) -> tuple[SweepReport, list[Sent]]:
    """Run the sweep at its hour on `day`; return its report and the emails it sent."""
    folder = services.settings.outbox_dir
    before = set(folder.glob("*.eml"))
    report = run_sweep(on(services, day, hour))
    new = written_in_order(set(folder.glob("*.eml")) - before)
    return report, [sent(_message(path.read_bytes()), services) for path in new]


def _message(data: bytes) -> EmailMessage:
    return message_from_bytes(data, _class=EmailMessage, policy=default)  # type: ignore[arg-type]


def sent(message: EmailMessage, services: Services) -> Sent:
    kind = str(message[KIND_HEADER]).removeprefix("deadline_")
    staff = {services.settings.coordinator_email: "coordinator"}
    to = staff.get(str(message["To"]), "director")
    body = text_body(message)
    if kind == "digest":
        return Sent(kind, to, tuple(re.findall(r"^(PRA-\d{4}-\d{5}):", body, re.MULTILINE)))
    left = re.search(r"\((\d+ days? left|due today)\)", body) if kind == "reminder" else None
    return Sent(kind, to, (str(message[TRACKING_HEADER]),), left.group(1) if left else "")
