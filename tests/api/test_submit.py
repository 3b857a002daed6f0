"""POST /api/requests, as JSON and as a plain HTML form."""

from __future__ import annotations

import re

from pra.services import Services
from tests.conftest import VALID_REQUEST, html_body, text_body


def test_a_json_request_is_accepted_with_its_receipt(client, services: Services) -> None:
    response = client.post("/api/requests", json=VALID_REQUEST)
    assert response.status_code == 201
    body = response.get_json()
    assert set(body) == {
        "tracking_number",
        "access_code",
        "received_at",
        "initial_response_due",
        "status_url",
        "repeated",
    }
    assert body["repeated"] is False
    assert body["tracking_number"] == "PRA-2026-00001"
    assert body["received_at"] == "2026-11-16T10:00:00-08:00"
    # LEGAL-NOTES.md: received Monday 2026-11-16, due Monday 2026-11-30.
    assert body["initial_response_due"] == "2026-11-30"
    assert re.fullmatch(r"[A-Z2-7]{4}(-[A-Z2-7]{4}){3}", body["access_code"])
    assert body["status_url"] == (
        f"https://records.library.example/status/#PRA-2026-00001:{body['access_code']}"
    )
    assert "?" not in body["status_url"]
    stored = services.store.get("PRA-2026-00001")
    assert stored is not None and stored.submission.email == "jane.requester@example.org"


def test_tracking_numbers_follow_each_other(client) -> None:
    numbers = [client.post("/api/requests", json=VALID_REQUEST).get_json() for _ in range(3)]
    assert [n["tracking_number"] for n in numbers] == [
        "PRA-2026-00001",
        "PRA-2026-00002",
        "PRA-2026-00003",
    ]
    assert len({n["access_code"] for n in numbers}) == 3


def test_the_first_history_event_records_receipt(client, services: Services) -> None:
    client.post("/api/requests", json=VALID_REQUEST)
    [first] = services.store.history("PRA-2026-00001")
    assert (first.actor, first.action, first.at.isoformat()) == (
        "requester",
        "received",
        "2026-11-16T10:00:00-08:00",
    )


def test_a_form_post_redirects_to_a_confirmation_page(client, services: Services) -> None:
    response = client.post("/api/requests", data=VALID_REQUEST)
    assert response.status_code == 303
    assert response.headers["Location"] == "/api/requests/confirmation"
    page = client.get("/api/requests/confirmation")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert 'id="pra-tracking-number">PRA-2026-00001<' in html
    code = re.search(r'id="pra-access-code">([A-Z2-7-]+)<', html)
    assert code is not None
    assert "Monday, November 30, 2026" in html
    # The site's page shell: the theme's scripts and ours, all from this origin, none inline
    # but the theme's own (allowed by hash in the page's Content Security Policy).
    assert all(src.startswith("/assets/") for src in re.findall(r'<script src="([^"]+)"', html))


def test_reloading_the_confirmation_submits_nothing_and_hides_the_code(
    client, services: Services
) -> None:
    client.post("/api/requests", data=VALID_REQUEST)
    first = client.get("/api/requests/confirmation")
    code = re.search(r'id="pra-access-code">([A-Z2-7-]+)<', first.get_data(as_text=True))
    assert code is not None
    again = client.get("/api/requests/confirmation")
    html = again.get_data(as_text=True)
    assert again.status_code == 200
    assert "Request PRA-2026-00001 was received" in html and "shown only once" in html
    assert code.group(1) not in html
    assert first.headers["Cache-Control"] == again.headers["Cache-Control"] == "no-store"
    assert [r.tracking_number for r in services.store.requests()] == ["PRA-2026-00001"]


def test_after_the_confirmation_the_cookie_no_longer_holds_the_code(app, client) -> None:
    client.post("/api/requests", data=VALID_REQUEST)
    html = client.get("/api/requests/confirmation").get_data(as_text=True)
    code = re.search(r'id="pra-access-code">([A-Z2-7-]+)<', html)
    assert code is not None
    cookie = client.get_cookie("session")
    assert cookie is not None
    held = app.session_interface.get_signing_serializer(app).loads(cookie.value)
    assert held == {"receipt_shown": {"tracking_number": "PRA-2026-00001", "language": "en"}}
    assert code.group(1) not in str(held)


def test_a_confirmation_without_a_submission_says_so(client) -> None:
    response = client.get("/api/requests/confirmation")
    assert response.status_code == 404
    assert "No recent request in this browser" in response.get_data(as_text=True)
    assert response.headers["Cache-Control"] == "no-store"


def test_a_spanish_form_gets_a_spanish_confirmation(client) -> None:
    client.post("/api/requests", data={**VALID_REQUEST, "language": "es"})
    html = client.get("/api/requests/confirmation").get_data(as_text=True)
    assert '<html lang="es"' in html
    assert "lunes, 30 de noviembre de 2026" in html
    assert 'href="https://records.library.example/es/status/#PRA-2026-00001:' in html


def test_an_anonymous_request_for_pickup_needs_no_contact(client, services: Services) -> None:
    anonymous = {"description": "Library budget for fiscal year 2026", "delivery": "pickup"}
    response = client.post("/api/requests", json=anonymous)
    assert response.status_code == 201
    stored = services.store.get(response.get_json()["tracking_number"])
    assert stored is not None and stored.submission.email is None


def test_a_purpose_sent_anyway_is_not_kept(client, services: Services) -> None:
    client.post("/api/requests", json={**VALID_REQUEST, "purpose": "journalism"})
    [stored] = services.store.requests()
    assert "journalism" not in stored.submission.model_dump_json()


def test_the_acknowledgement_and_the_notice_are_sent(client, outbox) -> None:
    body = client.post("/api/requests", json=VALID_REQUEST).get_json()
    ack, notice = outbox()
    assert ack["To"] == "jane.requester@example.org"
    assert ack["Subject"] == "Your public records request PRA-2026-00001 was received"
    text = text_body(ack)
    for expected in [
        "PRA-2026-00001",
        body["access_code"],
        body["status_url"],
        "Monday, November 30, 2026",
        "You do not need to tell us why you want these records.",
    ]:
        assert expected in text
    assert notice["To"] == "coordinator@library.example"
    assert notice["Subject"] == "New public records request PRA-2026-00001"
    assert "Initial response due: Monday, November 30, 2026" in text_body(notice)
    assert body["access_code"] not in text_body(notice)


def test_the_acknowledgement_is_in_the_requesters_language(client, outbox) -> None:
    client.post("/api/requests", json={**VALID_REQUEST, "language": "es"})
    ack, notice = outbox()
    assert ack["Subject"] == "Recibimos su solicitud de registros públicos PRA-2026-00001"
    assert ack["Content-Language"] == "es"
    assert "lunes, 30 de noviembre de 2026" in text_body(ack)
    assert '<html lang="es">' in html_body(ack)
    assert notice["Subject"] == "New public records request PRA-2026-00001"


def test_what_the_requester_typed_is_escaped_in_html_email(client, outbox) -> None:
    typed = {**VALID_REQUEST, "name": "<b>Jane</b>", "description": "<script>x</script> records"}
    client.post("/api/requests", json=typed)
    ack, notice = outbox()
    for message in (ack, notice):
        assert "<script>" not in html_body(message)
    assert "&lt;script&gt;x&lt;/script&gt; records" in html_body(ack)
    assert "&lt;b&gt;Jane&lt;/b&gt;" in html_body(ack)


def test_without_an_email_only_the_coordinator_is_told(client, outbox) -> None:
    client.post("/api/requests", json={"description": "Budget for 2026", "delivery": "pickup"})
    [notice] = outbox()
    assert notice["To"] == "coordinator@library.example"
    assert "no (no email given)" in text_body(notice)
