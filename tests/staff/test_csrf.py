"""Every staff form carries a CSRF token; the public API's forms never need one."""

from __future__ import annotations

from flask.testing import FlaskClient

from pra.ports import StaffAccount
from tests.conftest import VALID_REQUEST
from tests.staff.conftest import EMAILS, PASSWORD, csrf_token, sign_in

REFUSED = "This form has expired or did not come from this site."


def test_a_sign_in_without_a_token_is_refused(
    client: FlaskClient, accounts: dict[str, StaffAccount]
) -> None:
    response = client.post(
        "/staff/sign-in", data={"email": EMAILS["coordinator"], "password": PASSWORD}
    )
    assert response.status_code == 400
    assert REFUSED in response.get_data(as_text=True)
    assert client.get("/staff/").status_code == 303


def test_a_token_from_another_browser_is_refused(
    app, client: FlaskClient, accounts: dict[str, StaffAccount]
) -> None:
    other = app.test_client()
    token = csrf_token(other)
    csrf_token(client)
    response = client.post(
        "/staff/sign-in",
        data={"email": EMAILS["coordinator"], "password": PASSWORD, "csrf_token": token},
    )
    assert response.status_code == 400
    assert REFUSED in response.get_data(as_text=True)
    assert client.get("/staff/").status_code == 303  # not signed in


def test_signing_out_without_a_token_is_refused_and_keeps_the_session(
    client: FlaskClient, accounts: dict[str, StaffAccount]
) -> None:
    sign_in(client, EMAILS["coordinator"])
    response = client.post("/staff/sign-out")
    assert response.status_code == 400
    assert REFUSED in response.get_data(as_text=True)
    assert client.get("/staff/").status_code == 200


def test_a_token_in_the_header_is_accepted(
    client: FlaskClient, accounts: dict[str, StaffAccount]
) -> None:
    sign_in(client, EMAILS["coordinator"])
    token = csrf_token(client, "/staff/")
    response = client.post("/staff/sign-out", headers={"X-CSRF-Token": token})
    assert response.status_code == 303


def test_a_data_caller_without_a_token_gets_json(
    client: FlaskClient, accounts: dict[str, StaffAccount]
) -> None:
    sign_in(client, EMAILS["coordinator"])
    response = client.post("/staff/sign-out", headers={"Accept": "application/json"})
    assert response.status_code == 400
    assert response.get_json()["error"] == "csrf"


def test_every_staff_page_form_posting_carries_the_token(
    client: FlaskClient, accounts: dict[str, StaffAccount]
) -> None:
    sign_in(client, EMAILS["coordinator"])
    html = client.get("/staff/").get_data(as_text=True)
    assert html.count('method="post"') == html.count('name="csrf_token"') >= 1


def test_the_public_form_post_needs_no_token(client: FlaskClient) -> None:
    response = client.post("/api/requests", data=VALID_REQUEST)
    assert response.status_code == 303
    assert client.post("/api/requests", json=VALID_REQUEST).status_code == 201
