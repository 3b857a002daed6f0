"""Enter a request that came by phone, post, email or in person, at the desk.

The desk's clock stands at Monday 2026-11-16 10:00; the phone call came on Friday the 13th.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from flask.testing import FlaskClient

from pra.domain.calendar import BusinessCalendar
from pra.domain.deadlines import deadlines_for
from pra.domain.request import Channel
from pra.services import Services
from pra.services.status import find_with_code
from tests.conftest import PACIFIC, text_body
from tests.staff.test_actions import post, text

FORM = "/staff/requests/new"
PHONED = {
    "channel": "phone",
    "received_on": "2026-11-13",
    "received_time": "16:30",
    "description": "Board minutes for March 2026, all branches",
    "name": "Pat Caller",
    "mailing_address": "12 Oak Street, Santa Rosa",
    "format": "paper",
    "delivery": "mail",
    "language": "es",
}


def between(page: str, start: str, end: str) -> str:
    return page.split(start, 1)[1].split(end, 1)[0]


def test_a_phoned_request_is_entered_and_its_acknowledgement_printed(
    signed_in: Callable[[str], FlaskClient], services: Services, outbox: Callable[[], list[Any]]
) -> None:
    client = signed_in("coordinator")
    assert 'id="pra-enter-request"' in text(client.get("/staff/"))
    form = text(client.get(FORM))
    assert 'value="2026-11-16"' in form and 'value="10:00"' in form  # now, to correct
    response = post(client, FORM, PHONED)
    assert response.status_code == 201
    assert response.headers["Cache-Control"] == "no-store"  # the code is shown this once
    page = text(response)
    number = between(page, 'id="pra-tracking-number">', "<")
    code = between(page, 'id="pra-access-code">', "<")
    request = find_with_code(services, number, code)
    assert request is not None and request.channel is Channel.PHONE
    assert request.received_at == datetime(2026, 11, 13, 16, 30, tzinfo=PACIFIC)
    assert request.deadlines == deadlines_for(date(2026, 11, 13), BusinessCalendar())
    printable = between(page, 'id="pra-acknowledgement" lang="es">', "</div>")
    assert f"Código de acceso:      {code}" in printable
    assert "recibió su solicitud" in printable and "viernes, 13 de noviembre de 2026" in printable
    assert "responda a este correo" not in printable  # printed, not emailed
    assert [m["To"] for m in outbox()] == [services.settings.coordinator_email]
    event = services.store.history(number)[0]
    assert event.note == "by phone, received 2026-11-13 16:30; entered by staff"


def test_with_an_email_the_acknowledgement_is_sent(
    signed_in: Callable[[str], FlaskClient], services: Services, outbox: Callable[[], list[Any]]
) -> None:
    data = {**PHONED, "channel": "email", "email": "pat@example.org", "delivery": "email"}
    page = text(post(signed_in("coordinator"), FORM, data))
    assert "The acknowledgement was emailed to the requester." in page
    assert 'id="pra-acknowledgement"' not in page
    ack = next(m for m in outbox() if m["To"] == "pat@example.org")
    assert "viernes, 13 de noviembre de 2026" in text_body(ack)


def test_a_time_in_the_future_is_refused_and_nothing_is_stored(
    signed_in: Callable[[str], FlaskClient], services: Services
) -> None:
    response = post(signed_in("coordinator"), FORM, {**PHONED, "received_on": "2026-11-17"})
    assert response.status_code == 400
    assert (
        '<a href="#pra-received_on">The received time is in the future: give when the '
        "request reached us</a>"
    ) in text(response)
    assert services.store.requests(None) == []


def test_an_empty_form_lists_every_problem(
    signed_in: Callable[[str], FlaskClient], services: Services
) -> None:
    response = post(signed_in("coordinator"), FORM, {"received_on": "", "delivery": "email"})
    assert response.status_code == 400
    summary = between(text(response), 'id="pra-error-summary"', "</div>")
    for field, message in [
        ("channel", "Choose how the request reached the library"),
        ("received_on", "Give the date and time the request reached the library"),
        ("description", "Describe the records asked for"),
        ("email", "Give the email address the records go to, or choose another delivery"),
    ]:
        assert f'<a href="#pra-{field}">{message}</a>' in summary
    assert services.store.requests(None) == []


def test_read_only_staff_may_not_enter_requests(
    signed_in: Callable[[str], FlaskClient], services: Services
) -> None:
    client = signed_in("staff")
    assert 'id="pra-enter-request"' not in text(client.get("/staff/"))
    assert client.get(FORM).status_code == 403
    assert post(client, FORM, PHONED).status_code == 403
    assert services.store.requests(None) == []
