"""Bad input gets a clear 4xx with a message per field, and stores nothing."""

from __future__ import annotations

import pytest

from pra.services import Services
from pra.web.public.fields import error_message
from tests.conftest import VALID_REQUEST
from tests.e2e.test_serve import ROOT


def test_json_errors_name_each_field(client, services: Services) -> None:
    bad = {"description": "short", "delivery": "mail", "email": "not-an-email", "format": "fax"}
    response = client.post("/api/requests", json=bad)
    assert response.status_code == 400
    assert response.get_json() == {
        "errors": {
            "description": "Describe the records in at least 10 characters",
            "email": "Enter an email address like name@example.org",
            "format": "Choose how you want the records",
            "mailing_address": "Enter a mailing address, or choose another way to get the records",
        }
    }
    assert services.store.requests() == []


def test_email_delivery_needs_an_email(client) -> None:
    response = client.post("/api/requests", json={"description": "Budget for 2026"})
    assert response.status_code == 400
    assert response.get_json()["errors"] == {
        "email": "Enter an email address, or choose another way to get the records"
    }


def test_errors_come_in_spanish_for_a_spanish_request(client) -> None:
    response = client.post("/api/requests", json={"description": "corto", "language": "es"})
    assert response.get_json()["errors"]["description"] == (
        "Describa los registros con al menos 10 caracteres"
    )


def test_a_description_over_ten_thousand_characters_is_refused(client) -> None:
    response = client.post("/api/requests", json={**VALID_REQUEST, "description": "x" * 10_001})
    assert response.status_code == 400
    assert set(response.get_json()["errors"]) == {"description"}


def test_a_form_with_errors_comes_back_with_a_summary_and_the_values(client) -> None:
    typed = {"description": "short", "delivery": "mail", "name": "Ana <Núñez>"}
    response = client.post("/api/requests", data=typed)
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert 'class="pra-error-summary"' in html
    assert '<a href="#pra-description">Describe the records in at least 10 characters</a>' in html
    assert '<a href="#pra-mailing-address">' in html
    assert 'aria-invalid="true"' in html
    assert ">short</textarea>" in html
    assert 'value="Ana &lt;Núñez&gt;"' in html
    assert 'id="pra-delivery-mail" name="delivery" value="mail" checked' in html


def test_a_body_over_64_kb_is_refused_with_413(client, services: Services) -> None:
    response = client.post("/api/requests", json={**VALID_REQUEST, "description": "x" * 70_000})
    assert response.status_code == 413
    assert response.get_json()["error"] == "payload_too_large"
    assert services.store.requests() == []


def test_a_form_over_64_kb_gets_a_page_with_413(client) -> None:
    response = client.post("/api/requests", data={**VALID_REQUEST, "description": "x" * 70_000})
    assert response.status_code == 413
    assert "the limit is 64 KB" in response.get_data(as_text=True)


def test_a_json_body_that_is_not_an_object_is_refused(client) -> None:
    response = client.post("/api/requests", data="[1, 2", content_type="application/json")
    assert response.status_code == 400
    assert response.get_json() == {
        "error": "bad_request",
        "message": "What you sent could not be read. Send a form or a JSON object.",
    }


def test_a_filled_honeypot_looks_accepted_but_keeps_and_sends_nothing(
    client, services: Services, outbox
) -> None:
    real = client.post("/api/requests", json=VALID_REQUEST).get_json()
    response = client.post("/api/requests", json={**VALID_REQUEST, "website": "http://spam"})
    assert response.status_code == 201
    robot = response.get_json()
    # The same shape as a real answer, the next number, and never a stored request's number.
    assert set(robot) == set(real)
    assert (real["tracking_number"], robot["tracking_number"]) == (
        "PRA-2026-00001",
        "PRA-2026-00002",
    )
    assert len(robot["access_code"]) == len(real["access_code"])
    after = client.post("/api/requests", json=VALID_REQUEST).get_json()
    assert after["tracking_number"] == "PRA-2026-00003"
    assert [r.tracking_number for r in services.store.requests()] == [
        "PRA-2026-00001",
        "PRA-2026-00003",
    ]
    assert {e.tracking_number for e in services.store.pending_emails()} <= {
        "PRA-2026-00001",
        "PRA-2026-00003",
    }
    assert all("00002" not in m["Subject"] for m in outbox())


def test_a_filled_honeypot_in_a_form_gets_the_usual_redirect(client, services: Services) -> None:
    response = client.post("/api/requests", data={**VALID_REQUEST, "website": "x"})
    assert response.status_code == 303
    assert client.get("/api/requests/confirmation").status_code == 200
    assert services.store.requests() == []


def test_health_answers_ok(client) -> None:
    assert client.get("/api/health").get_json() == {"status": "ok"}


@pytest.mark.parametrize(
    ("headers", "path", "says"),
    [
        ({"Accept-Language": "es-MX,es;q=0.9,en;q=0.5"}, "/api/no-such-page", "No hay nada"),
        ({"Referer": "http://localhost/es/request/"}, "/api/no-such-page", "No hay nada"),
        ({"Accept-Language": "en-US"}, "/api/no-such-page", "There is nothing"),
    ],
)
def test_error_pages_speak_the_readers_language(client, headers, path, says) -> None:
    answer = client.get(path, headers={**headers, "Accept": "text/html"})
    assert answer.status_code == 404
    assert says in answer.get_data(as_text=True)


def test_a_spanish_form_too_large_is_told_in_spanish(client) -> None:
    answer = client.post(
        "/api/requests",
        data={"description": "x" * 70_000, "language": "es"},
        headers={"Referer": "http://localhost/es/request/"},
    )
    assert answer.status_code == 413
    assert "Lo que envió es demasiado grande" in answer.get_data(as_text=True)


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize(
    ("script_key", "field", "code"),
    [
        ("description", "description", "required"),
        ("descriptionLong", "description", "too_long"),
        ("format", "format", "choose_one"),
        ("delivery", "delivery", "choose_one"),
        ("email", "email", "required_for_delivery"),
        ("emailInvalid", "email", "invalid"),
        ("address", "mailing_address", "required_for_delivery"),
    ],
)
def test_the_server_and_the_sites_script_say_the_same_sentence(
    language: str, script_key: str, field: str, code: str
) -> None:
    """With JavaScript the browser checks first; without it the server does: same words."""
    script = (ROOT / "site_docs" / "assets" / "pra.js").read_text()
    block = script.split(f"    {language}: {{", 1)[1].split("\n    }", 1)[0]
    assert f'{script_key}: "{error_message(field, code, language)}",' in block
