"""Hostile input gets a 400 with words, never a 500, and nothing hidden is stored."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from pra.services import Services
from tests.conftest import VALID_REQUEST
from tests.staff.conftest import EMAILS, PASSWORD, account_for, csrf_token


def test_json_nested_past_the_recursion_limit_is_a_400(client: FlaskClient) -> None:
    deep = "[" * 5_000 + "]" * 5_000  # 10 KB: under the size limit, past the recursion one
    for path in ("/api/requests", "/api/requests/PRA-2026-00001/appeal"):
        response = client.post(path, data=deep, content_type="application/json")
        assert response.status_code in (400, 404), path
        assert response.status_code != 500


def test_a_line_break_in_the_sign_in_next_is_ignored_not_a_500(
    client: FlaskClient, services: Services
) -> None:
    services.staff.add_staff(account_for("coordinator"))
    data = {
        "email": EMAILS["coordinator"],
        "password": PASSWORD,
        "next": "/staff/\r\nSet-Cookie: evil=1",
        "csrf_token": csrf_token(client),
    }
    response = client.post("/staff/sign-in", data=data)
    assert response.status_code == 303
    assert response.headers["Location"] == "/staff/"
    assert "evil" not in str(response.headers)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("description", "Minutes of the \x00library commission"),
        ("description", "Minutes of the library commission \u202egnp.exe"),
        ("name", "Ana\nBcc: someone@example.org"),
        ("mailing_address", "1 Main St\x1b[2J, Santa Rosa"),
        ("date_range", "2025\u2066 to 2026"),
    ],
)
def test_hidden_characters_are_refused_with_a_field_message(
    client: FlaskClient, services: Services, field: str, value: str
) -> None:
    body = {**VALID_REQUEST, "delivery": "mail", "mailing_address": "1 Main St", field: value}
    response = client.post("/api/requests", json=body)
    assert response.status_code == 400
    message = response.get_json()["errors"][field]
    assert message.startswith("Remove the invisible control characters from")
    assert services.store.requests() == []


def test_line_breaks_and_tabs_stay_allowed_where_a_field_has_lines(
    client: FlaskClient,
) -> None:
    body = {**VALID_REQUEST, "description": "Minutes of the commission:\n\t- March\r\n\t- April"}
    assert client.post("/api/requests", json=body).status_code == 201


def test_a_spanish_form_hears_of_hidden_characters_in_spanish(client: FlaskClient) -> None:
    body = {**VALID_REQUEST, "language": "es", "name": "Ana\x07"}
    response = client.post("/api/requests", json=body)
    assert response.get_json()["errors"]["name"].startswith("Quite los caracteres de control")


@pytest.mark.parametrize("value", [{}, [], ["email"], 3, True])
def test_a_choice_that_is_not_a_string_is_a_field_error(
    client: FlaskClient, services: Services, value: object
) -> None:
    # Found by Schemathesis: {"delivery": {}} answered 500 (an unhashable choice).
    response = client.post("/api/requests", json={**VALID_REQUEST, "delivery": value})
    assert response.status_code == 400
    assert "delivery" in response.get_json()["errors"]
    assert services.store.requests() == []


@pytest.mark.parametrize("year", ["²", "٣", "2026\x00", "-1", "9" * 50])
def test_an_odd_year_on_the_records_page_shows_the_newest_year(
    client: FlaskClient, year: str
) -> None:
    # Found by Schemathesis: ?year=² answered 500 ("²".isdigit() is true, int("²") fails).
    assert client.get("/api/records/", query_string={"year": year}).status_code == 200
