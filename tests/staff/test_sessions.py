"""Sessions end on the server: a cookie copied before sign-out, a new password, a new role or
deactivation is refused afterwards, wherever it is replayed from."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient

from pra.ports import StaffAccount
from pra.services import Services
from pra.staff import accounts as account_changes
from tests.staff.conftest import EMAILS, PASSWORD, csrf_token, sign_in

COORDINATOR = EMAILS["coordinator"]
CONTACTS = "/staff/requests.csv?contacts=1"


def copied_cookie(client: FlaskClient) -> str:
    cookie = client.get_cookie("session")
    assert cookie is not None
    return cookie.value


def replay(app: Flask, cookie: str, path: str = "/staff/") -> int:
    """The cookie as another browser (or an attacker) would send it."""
    other = app.test_client()
    other.set_cookie("session", cookie)
    return other.get(path, headers={"Accept": "text/html"}).status_code


@pytest.fixture
def coordinator(signed_in: Callable[[str], FlaskClient]) -> FlaskClient:
    return signed_in("coordinator")


def test_a_cookie_copied_before_sign_out_is_refused_after(
    app: Flask, coordinator: FlaskClient
) -> None:
    cookie = copied_cookie(coordinator)
    assert replay(app, cookie, CONTACTS) == 200
    token = csrf_token(coordinator, "/staff/")
    assert coordinator.post("/staff/sign-out", data={"csrf_token": token}).status_code == 303
    assert replay(app, cookie, CONTACTS) == 401
    assert replay(app, cookie) == 303  # a page: back to the sign-in form


def test_signing_out_ends_the_sessions_on_every_device(
    app: Flask, accounts: dict[str, StaffAccount]
) -> None:
    desk, phone = app.test_client(), app.test_client()
    for client in (desk, phone):
        assert sign_in(client, COORDINATOR).status_code == 303
    desk.post("/staff/sign-out", data={"csrf_token": csrf_token(desk, "/staff/")})
    assert phone.get("/staff/").status_code == 303
    assert sign_in(phone, COORDINATOR).status_code == 303  # signing in again works
    assert phone.get("/staff/").status_code == 200


@pytest.mark.parametrize(
    "change",
    [
        lambda services: account_changes.change_password(
            services, COORDINATOR, PASSWORD + "!", by="cli"
        ),
        lambda services: account_changes.change_role(services, COORDINATOR, "staff", by="cli"),
        lambda services: account_changes.set_active(services, COORDINATOR, False, by="cli"),
        lambda services: account_changes.sign_out_everywhere(services, COORDINATOR),
    ],
    ids=["password", "role", "deactivation", "sign-out-everywhere"],
)
def test_an_account_change_ends_its_sessions(
    app: Flask,
    services: Services,
    coordinator: FlaskClient,
    change: Callable[[Services], object],
) -> None:
    cookie = copied_cookie(coordinator)
    change(services)
    assert replay(app, cookie, CONTACTS) == 401


def test_reactivating_an_account_does_not_bring_its_old_sessions_back(
    app: Flask, services: Services, coordinator: FlaskClient
) -> None:
    cookie = copied_cookie(coordinator)
    account_changes.set_active(services, COORDINATOR, False, by="cli")
    account_changes.set_active(services, COORDINATOR, True, by="cli")
    assert replay(app, cookie) == 303


def test_other_accounts_keep_their_sessions(
    app: Flask, services: Services, accounts: dict[str, StaffAccount]
) -> None:
    director = app.test_client()
    assert sign_in(director, EMAILS["director"]).status_code == 303
    account_changes.sign_out_everywhere(services, COORDINATOR)
    assert director.get("/staff/").status_code == 200
