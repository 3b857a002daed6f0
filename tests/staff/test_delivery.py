"""Delivering records at the desk: the action, its form, the letter's preview, then Send."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

import pytest
from flask.testing import FlaskClient

from pra.domain.files import Visibility
from pra.domain.lifecycle import Status
from pra.services import Services
from pra.services.respond import Response, send_response
from tests.conftest import text_body
from tests.files.conftest import PDF
from tests.files.pdfs import text_pdf
from tests.services.test_respond import COORDINATOR
from tests.staff.conftest import add_file, csrf_token, store_request

NUMBER = "PRA-2026-00003"
PAGE = f"/staff/requests/{NUMBER}"
FORM = f"{PAGE}/deliver"


@pytest.fixture
def released(services: Services) -> list[str]:
    store_request(services, NUMBER, date(2026, 11, 10))
    files = [
        add_file(services, NUMBER, "minutes.pdf", PDF, Visibility.PUBLIC),
        add_file(services, NUMBER, "payroll.csv", b"a,b\n1,2\n"),
    ]
    response = Response("released", available_on=date(2026, 11, 20), available_at="10:00")
    send_response(services, NUMBER, COORDINATOR, response)
    return [file.id for file in files]


def post(client: FlaskClient, url: str, fields: dict[str, object]):  # type: ignore[no-untyped-def]
    return client.post(url, data={"csrf_token": csrf_token(client, PAGE), **fields})


def test_a_coordinator_delivers_by_link_after_a_preview(
    signed_in: Callable[[str], FlaskClient],
    services: Services,
    released: list[str],
    outbox,  # type: ignore[no-untyped-def]
) -> None:
    client = signed_in("coordinator")
    page = client.get(PAGE).get_data(as_text=True)
    assert f'<a href="{FORM}">Deliver records</a>' in page
    form = client.get(FORM).get_data(as_text=True)
    assert 'value="link" checked' in form  # the requester asked for email
    assert "minutes.pdf" in form and "payroll.csv" in form
    fields = {
        "method": "link",
        "file": released,
        "final": "yes",
        "holds": "",
        "record_title": "Board minutes, 2025",
    }
    preview = post(client, f"{FORM}/preview", fields).get_data(as_text=True)
    assert "Download them with the links below until" in preview
    assert "The request will be “Closed: records released”." in preview
    assert services.store.get(NUMBER).deliveries == ()  # type: ignore[union-attr]
    sent = post(client, f"{FORM}/send", fields)
    assert sent.status_code == 303
    after = services.store.get(NUMBER)
    assert after is not None and not after.records_owed and len(after.deliveries) == 1
    page = client.get(PAGE).get_data(as_text=True)
    assert "Delivered: Your public records request PRA-2026-00003: your records." in page
    assert "<dd>Closed: records released</dd>" in page
    assert "Deliver records</a>" not in page
    letter = outbox()[-1]
    assert len(re.findall(r"/api/files/", text_body(letter))) == 2


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"method": "link", "final": "yes"}, "Choose the files to send by link."),
        ({"final": "yes"}, "Choose how the records reach the requester"),
        ({"method": "mail"}, "Say whether this is the last delivery"),
    ],
)
def test_a_delivery_that_cannot_go_out_is_shown_with_its_reason(
    signed_in: Callable[[str], FlaskClient],
    services: Services,
    released: list[str],
    fields: dict[str, object],
    message: str,
) -> None:
    response = post(signed_in("coordinator"), f"{FORM}/preview", fields)
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert 'id="pra-error-summary"' in html and message in html
    assert services.store.get(NUMBER).deliveries == ()  # type: ignore[union-attr]


def test_nothing_is_delivered_before_a_release_nor_by_read_only_staff(
    signed_in: Callable[[str], FlaskClient], services: Services
) -> None:
    store_request(services, NUMBER, date(2026, 11, 10), Status.RECEIVED)
    client = signed_in("coordinator")
    assert "Deliver records" not in client.get(PAGE).get_data(as_text=True)
    assert client.get(FORM).status_code == 409
    client.post("/staff/sign-out", data={"csrf_token": csrf_token(client, PAGE)})
    assert signed_in("staff").get(FORM).status_code == 403


def test_personal_data_in_a_public_file_is_shown_and_must_be_confirmed(
    signed_in: Callable[[str], FlaskClient], services: Services, released: list[str]
) -> None:
    exposed = add_file(
        services,
        NUMBER,
        "roster.pdf",
        text_pdf("Staff roster", "ana@library.example"),
        Visibility.PUBLIC,
    )
    client = signed_in("coordinator")
    fields = {"method": "link", "file": [exposed.id], "final": "yes", "record_title": "Roster"}
    preview = post(client, f"{FORM}/preview", fields).get_data(as_text=True)
    assert "<li>roster.pdf: page 2: email address (a***@library.example)</li>" in preview
    refused = post(client, f"{FORM}/send", fields)
    assert refused.status_code == 400
    assert "Check before publishing: roster.pdf: page 2: email address" in refused.get_data(
        as_text=True
    )
    assert services.store.get(NUMBER).deliveries == ()  # type: ignore[union-attr]
    assert post(client, f"{FORM}/send", {**fields, "confirm_findings": "yes"}).status_code == 303
    assert len(services.store.get(NUMBER).deliveries) == 1  # type: ignore[union-attr]
