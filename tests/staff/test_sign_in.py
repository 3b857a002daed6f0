"""Signing in and out: a signed, HttpOnly, SameSite session cookie that expires."""

from __future__ import annotations

import dataclasses

import pytest
from flask.testing import FlaskClient

from pra.adapters.clocks import FixedClock
from pra.config import Settings
from pra.ports import StaffAccount
from pra.services import Services
from pra.web import create_app
from tests.staff.conftest import EMAILS, PASSWORD, csrf_token, sign_in

WRONG = "The email address or password is wrong."


def test_the_sign_in_page_has_a_labelled_form_with_a_token(client: FlaskClient) -> None:
    page = client.get("/staff/sign-in")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert '<html lang="en"' in html
    assert '<label for="pra-email">Email address</label>' in html
    assert '<label for="pra-password">Password</label>' in html
    assert 'href="#pra-main" class="md-skip">Skip to content</a>' in html
    assert 'name="csrf_token"' in html


def test_the_right_password_signs_in_and_opens_the_log(
    client: FlaskClient, accounts: dict[str, StaffAccount]
) -> None:
    response = sign_in(client, EMAILS["coordinator"])
    assert (response.status_code, response.headers["Location"]) == (303, "/staff/")
    log = client.get("/staff/")
    assert log.status_code == 200
    assert "Signed in as Coordinator Person (PRA Coordinator)" in log.get_data(as_text=True)


def test_the_email_is_matched_whatever_its_case(
    client: FlaskClient, accounts: dict[str, StaffAccount]
) -> None:
    assert sign_in(client, "  Ana.Coordinator@LIBRARY.example ").status_code == 303


def test_the_session_cookie_is_httponly_lax_secure_and_expires(
    client: FlaskClient, accounts: dict[str, StaffAccount]
) -> None:
    # The settings fixture has an https public URL, so the cookie is Secure.
    response = sign_in(client, EMAILS["coordinator"])
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("session=")
    for flag in ("HttpOnly", "SameSite=Lax", "Secure", "Expires="):
        assert flag in cookie


def test_the_cookie_is_not_secure_on_plain_http(
    services: Services, settings: Settings, accounts: dict[str, StaffAccount]
) -> None:
    local = dataclasses.replace(services, settings=settings.with_overrides(public_url="http://x"))
    client = create_app(services=local).test_client()
    assert "Secure" not in sign_in(client, EMAILS["staff"]).headers["Set-Cookie"]


def test_signing_in_starts_a_fresh_session(
    client: FlaskClient, accounts: dict[str, StaffAccount]
) -> None:
    with client.session_transaction() as session:
        session["receipt"] = {"tracking_number": "PRA-2026-00001"}
        session["planted"] = "by someone else"
    before = csrf_token(client)
    sign_in(client, EMAILS["coordinator"])
    with client.session_transaction() as session:
        assert "planted" not in session and "receipt" not in session
        assert session["staff_email"] == EMAILS["coordinator"]
        assert session["staff_csrf"] != before
        assert session.permanent


@pytest.mark.parametrize(
    ("email", "password"),
    [
        (EMAILS["coordinator"], "not the password at all"),
        ("nobody@library.example", PASSWORD),
        ("not an email", PASSWORD),
    ],
    ids=["wrong password", "unknown email", "not an email"],
)
def test_a_failed_sign_in_says_the_same_whatever_was_wrong(
    client: FlaskClient, accounts: dict[str, StaffAccount], email: str, password: str
) -> None:
    response = sign_in(client, email, password)
    html = response.get_data(as_text=True)
    assert response.status_code == 401
    assert WRONG in html
    assert 'class="pra-error-summary"' in html
    assert "<title>Error: Sign in" in html
    assert client.get("/staff/").status_code == 303


def test_empty_fields_are_named_in_the_error_summary(client: FlaskClient) -> None:
    response = client.post(
        "/staff/sign-in", data={"email": "", "password": "", "csrf_token": csrf_token(client)}
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert '<a href="#pra-email">Enter your email address.</a>' in html
    assert '<a href="#pra-password">Enter your password.</a>' in html
    assert 'aria-invalid="true" aria-describedby="pra-password-error"' in html


def test_a_deactivated_account_cannot_sign_in(
    client: FlaskClient, services: Services, accounts: dict[str, StaffAccount]
) -> None:
    services.staff.update_staff(dataclasses.replace(accounts["staff"], active=False))
    response = sign_in(client, EMAILS["staff"])
    assert response.status_code == 401
    assert WRONG in response.get_data(as_text=True)


def test_a_deactivated_account_loses_its_open_session(
    client: FlaskClient, services: Services, accounts: dict[str, StaffAccount]
) -> None:
    sign_in(client, EMAILS["staff"])
    services.staff.update_staff(dataclasses.replace(accounts["staff"], active=False))
    assert client.get("/staff/").status_code == 303


def test_sign_in_returns_to_the_page_asked_for(
    client: FlaskClient, accounts: dict[str, StaffAccount]
) -> None:
    asked = client.get("/staff/requests/PRA-2026-00001")
    assert asked.headers["Location"] == "/staff/sign-in?next=/staff/requests/PRA-2026-00001"
    form = client.get(asked.headers["Location"]).get_data(as_text=True)
    assert 'name="next" value="/staff/requests/PRA-2026-00001"' in form
    response = sign_in(client, EMAILS["staff"], next="/staff/requests/PRA-2026-00001")
    assert response.headers["Location"] == "/staff/requests/PRA-2026-00001"


@pytest.mark.parametrize(
    "target", ["https://evil.example/staff/", "//evil.example/staff/", "/api/requests", "/\\x"]
)
def test_sign_in_never_sends_anyone_off_the_staff_pages(
    client: FlaskClient, accounts: dict[str, StaffAccount], target: str
) -> None:
    assert sign_in(client, EMAILS["staff"], next=target).headers["Location"] == "/staff/"


def test_a_signed_in_visit_to_the_sign_in_page_goes_to_the_log(
    client: FlaskClient, accounts: dict[str, StaffAccount]
) -> None:
    sign_in(client, EMAILS["staff"])
    assert client.get("/staff/sign-in").headers["Location"] == "/staff/"


def test_signing_out_ends_the_session(
    client: FlaskClient, accounts: dict[str, StaffAccount]
) -> None:
    sign_in(client, EMAILS["coordinator"])
    token = csrf_token(client, "/staff/")
    response = client.post("/staff/sign-out", data={"csrf_token": token})
    assert (response.status_code, response.headers["Location"]) == (
        303,
        "/staff/sign-in?signed_out=1",
    )
    page = client.get("/staff/sign-in?signed_out=1").get_data(as_text=True)
    assert "You have signed out, on this and every other device." in page
    assert client.get("/staff/").status_code == 303


def test_signing_out_is_a_post_only(client: FlaskClient, signed_in) -> None:  # type: ignore[no-untyped-def]
    signed_in("coordinator")
    assert client.get("/staff/sign-out").status_code == 405
    assert client.get("/staff/").status_code == 200


def test_a_session_ends_after_its_lifetime(
    client: FlaskClient, clock: FixedClock, accounts: dict[str, StaffAccount]
) -> None:
    sign_in(client, EMAILS["coordinator"])
    clock.advance(hours=7, minutes=59)
    assert client.get("/staff/").status_code == 200
    clock.advance(minutes=1)
    response = client.get("/staff/")
    assert response.headers["Location"] == "/staff/sign-in?next=/staff/&expired=1"
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Your sign-in has expired." in page
    with client.session_transaction() as session:
        assert "staff_email" not in session


def test_the_session_lifetime_is_a_setting(
    services: Services, settings: Settings, clock: FixedClock, accounts: dict[str, StaffAccount]
) -> None:
    short = dataclasses.replace(services, settings=settings.with_overrides(staff_session_hours=1))
    app = create_app(services=short)
    assert app.permanent_session_lifetime.total_seconds() == 3600
    client = app.test_client()
    sign_in(client, EMAILS["coordinator"])
    clock.advance(minutes=61)
    assert client.get("/staff/").status_code == 303


def test_the_lifetime_is_read_from_the_environment() -> None:
    assert Settings.from_env({}).staff_session_hours == 8
    assert Settings.from_env({"PRA_STAFF_SESSION_HOURS": "4"}).staff_session_hours == 4
