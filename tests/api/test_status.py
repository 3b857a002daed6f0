"""POST /api/requests/<number>/status: the public status, never contact data."""

from __future__ import annotations

from datetime import date

import pytest

from tests.conftest import VALID_REQUEST


@pytest.fixture
def receipt(client) -> dict[str, str]:
    return dict(client.post("/api/requests", json=VALID_REQUEST).get_json())


def test_the_right_code_shows_the_public_status(client, receipt) -> None:
    url = f"/api/requests/{receipt['tracking_number']}/status"
    response = client.post(url, json={"code": receipt["access_code"]})
    assert response.status_code == 200
    assert response.get_json() == {
        "tracking_number": "PRA-2026-00001",
        "status": "received",
        "status_label": "Received: a written response is being prepared",
        "description": VALID_REQUEST["description"],
        "awaiting_answer": False,
        "may_appeal": False,
        "may_withdraw": True,
        "received_date": "2026-11-16",
        "initial_response_target": "2026-11-26",
        "initial_response_due": "2026-11-30",
        "extended_due": None,
        "letters": [],
        "appeal": None,
        "release": None,
        "files": [],
        "download_all": None,
    }


def test_the_label_follows_the_asking_pages_language(client, receipt) -> None:
    url = f"/api/requests/{receipt['tracking_number']}/status"
    response = client.post(url, json={"code": receipt["access_code"], "language": "es"})
    assert response.get_json()["status_label"] == (
        "Recibida: se está preparando una respuesta por escrito"
    )


def test_the_code_is_forgiving_of_case_and_spaces(client, receipt) -> None:
    typed = receipt["access_code"].lower().replace("-", " ")
    response = client.post(
        f"/api/requests/{receipt['tracking_number']}/status", json={"code": typed}
    )
    assert response.status_code == 200


def test_wrong_missing_and_unknown_all_answer_the_same_404(client, receipt) -> None:
    number = receipt["tracking_number"]
    answers = [
        client.post(f"/api/requests/{number}/status", json={"code": "AAAA-BBBB-CCCC-DDDD"}),
        client.post(f"/api/requests/{number}/status", json={}),
        client.post("/api/requests/PRA-2026-09999/status", json={"code": receipt["access_code"]}),
    ]
    assert [a.status_code for a in answers] == [404, 404, 404]
    assert len({a.get_data() for a in answers}) == 1


def test_the_status_never_shows_contact_data(client, receipt) -> None:
    url = f"/api/requests/{receipt['tracking_number']}/status"
    for response in [
        client.post(url, json={"code": receipt["access_code"]}),
        client.post(url, data={"code": receipt["access_code"]}),
    ]:
        text = response.get_data(as_text=True)
        assert VALID_REQUEST["email"] not in text
        assert VALID_REQUEST["name"] not in text
        # What was asked is shown (issue 15: the page says which request it is); the
        # requester's name and contacts never are.


def test_a_form_post_answers_an_html_status_page(client, receipt) -> None:
    url = f"/api/requests/{receipt['tracking_number']}/status"
    response = client.post(url, data={"code": receipt["access_code"]})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Status of request PRA-2026-00001" in html
    assert "Monday, November 30, 2026" in html


def test_the_plain_status_form_takes_the_number_in_the_body(client, receipt) -> None:
    response = client.post(
        "/api/status",
        data={"tracking_number": receipt["tracking_number"], "code": receipt["access_code"]},
    )
    assert response.status_code == 200
    assert 'id="pra-status">Received: a written response is being prepared<' in (
        response.get_data(as_text=True)
    )


def test_the_plain_status_form_with_a_wrong_code_answers_404(client, receipt) -> None:
    response = client.post(
        "/api/status", data={"tracking_number": receipt["tracking_number"], "code": "nope"}
    )
    assert response.status_code == 404
    assert "We could not find that request" in response.get_data(as_text=True)


def _release(client, receipt, services) -> None:
    from pra.services.respond import Response, send_response
    from tests.services.test_respond import COORDINATOR

    response = Response("released", available_on=date(2026, 12, 4), available_at="10:00")
    send_response(services, receipt["tracking_number"], COORDINATOR, response)


def test_promised_records_show_their_date_and_the_request_is_not_closed(
    client, receipt, services
) -> None:
    _release(client, receipt, services)
    url = f"/api/requests/{receipt['tracking_number']}/status"
    found = client.post(url, json={"code": receipt["access_code"]}).get_json()
    assert found["status_label"] == "Records released: being made available"
    assert found["release"] == {"due_on": "2026-12-04", "due_at": "10:00", "delivered_on": None}
    spanish = client.post(url, json={"code": receipt["access_code"], "language": "es"})
    assert spanish.get_json()["status_label"] == (
        "Registros aprobados para su entrega: en preparación"
    )


@pytest.mark.parametrize(
    ("language", "shown"),
    [
        (
            "en",
            '<dt>Records available from</dt><dd id="pra-records-available">Friday, '
            "December 4, 2026, 10:00 a.m.</dd>",
        ),
        (
            "es",
            '<dt>Registros disponibles desde</dt><dd id="pra-records-available">viernes, '
            "4 de diciembre de 2026, 10:00</dd>",
        ),
    ],
)
def test_the_status_page_shows_when_the_records_are_available(
    client, receipt, services, language: str, shown: str
) -> None:
    _release(client, receipt, services)
    form = {
        "tracking_number": receipt["tracking_number"],
        "code": receipt["access_code"],
        "language": language,
    }
    html = client.post("/api/status", data=form).get_data(as_text=True)
    assert shown in html


@pytest.mark.parametrize(
    ("language", "label"), [("en", "What you asked for"), ("es", "Lo que pidió")]
)
def test_the_status_says_what_was_asked(client, language: str, label: str) -> None:
    asked = "Minutes of the <b>library</b> commission\nfrom March 2026"
    made = client.post("/api/requests", json={**VALID_REQUEST, "description": asked}).get_json()
    url = f"/api/requests/{made['tracking_number']}/status"
    found = client.post(url, json={"code": made["access_code"], "language": language})
    assert found.get_json()["description"] == asked
    page = client.post(url, data={"code": made["access_code"], "language": language})
    html = page.get_data(as_text=True)
    assert (
        f'<dt>{label}</dt><dd id="pra-asked" class="pra-asked">Minutes of the '
        "&lt;b&gt;library&lt;/b&gt; commission\nfrom March 2026</dd>"
    ) in html
