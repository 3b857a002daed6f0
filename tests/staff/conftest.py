"""Staff fixtures: accounts of each role, a signed-in client, requests received on given days."""

from __future__ import annotations

import dataclasses
import io
import re
from collections.abc import Callable
from datetime import date, datetime

import pytest
from flask.testing import FlaskClient

from pra.domain.calendar import BusinessCalendar
from pra.domain.deadlines import deadlines_for
from pra.domain.files import RequestFile, ScanState, ScanVerdict, Visibility
from pra.domain.lifecycle import Status
from pra.domain.request import HistoryEvent, PraRequest, Submission
from pra.ports import StaffAccount
from pra.services import Services
from pra.services.files import Upload, upload_files
from pra.staff.passwords import hash_password
from tests.conftest import PACIFIC

PASSWORD = "correct horse battery staple"
EMAILS = {
    "coordinator": "ana.coordinator@library.example",
    "director": "dee.director@library.example",
    "staff": "sam.staff@library.example",
}
# Hashing is deliberately slow: hash once for the whole run.
_HASH = hash_password(PASSWORD)


def account_for(role: str, **changes: object) -> StaffAccount:
    values: dict[str, object] = {
        "email": EMAILS[role],
        "name": f"{role.title()} Person",
        "title": {"director": "Library Director"}.get(role, "Library staff"),
        "role": role,
        "password_hash": _HASH,
        "phone": "707-555-0100",
        **changes,
    }
    return StaffAccount(**values)  # type: ignore[arg-type]


@pytest.fixture
def accounts(services: Services) -> dict[str, StaffAccount]:
    """One account of each role, stored."""
    made = {role: account_for(role) for role in EMAILS}
    for account in made.values():
        services.staff.add_staff(account)
    return made


def csrf_token(client: FlaskClient, path: str = "/staff/sign-in") -> str:
    """The token a form on `path` carries, as a browser would read it."""
    page = client.get(path)
    found = re.search(r'name="csrf_token" value="([^"]+)"', page.get_data(as_text=True))
    assert found is not None, f"no CSRF token on {path} ({page.status_code})"
    return found.group(1)


def sign_in(client: FlaskClient, email: str, password: str = PASSWORD, **extra: str):  # type: ignore[no-untyped-def]
    data = {"email": email, "password": password, "csrf_token": csrf_token(client), **extra}
    return client.post("/staff/sign-in", data=data)


@pytest.fixture
def signed_in(
    client: FlaskClient, accounts: dict[str, StaffAccount]
) -> Callable[[str], FlaskClient]:
    """signed_in("coordinator") → the client, signed in with that role."""

    def as_role(role: str) -> FlaskClient:
        response = sign_in(client, accounts[role].email)
        assert response.status_code == 303, response.get_data(as_text=True)
        return client

    return as_role


def store_request(
    services: Services,
    number: str,
    received: date,
    status: Status = Status.RECEIVED,
    *,
    description: str = "Minutes of the library commission",
    name: str | None = "Jane Requester",
    email: str | None = "jane.requester@example.org",
    assignee: str | None = None,
) -> PraRequest:
    """A request received at 9:30 on `received`, stored with its first event."""
    request = PraRequest(
        tracking_number=number,
        access_code_digest="d" * 64,
        received_at=datetime(received.year, received.month, received.day, 9, 30, tzinfo=PACIFIC),
        deadlines=deadlines_for(received, BusinessCalendar()),
        submission=Submission(description=description, email=email, name=name),
        status=status,
        assignee=assignee,
    )
    event = HistoryEvent(request.received_at, "requester", "received", "online form", True)
    services.store.add(request, event, [])
    return request


CLEAN = ScanVerdict(ScanState.CLEAN)


class FakeScanner:
    """A scanner we own: answers one verdict for every file."""

    def __init__(self, verdict: ScanVerdict = CLEAN) -> None:
        self.verdict = verdict

    def scan(self, key: str) -> ScanVerdict:
        return self.verdict


def add_file(
    services: Services,
    number: str,
    name: str,
    data: bytes,
    visibility: Visibility = Visibility.PRIVATE,
    verdict: ScanVerdict = CLEAN,
) -> RequestFile:
    """A file uploaded through the service, scanned with the verdict given."""
    scanned = dataclasses.replace(services, scanner=FakeScanner(verdict))
    (file,) = upload_files(
        scanned, number, [Upload(io.BytesIO(data), name, "", visibility)], EMAILS["coordinator"]
    )
    return file
