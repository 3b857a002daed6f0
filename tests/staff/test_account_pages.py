"""The desk's account pages: your own password, and the coordinator's and Director's list of
staff accounts with reset links, roles, deactivation and the recent changes."""

from __future__ import annotations

from collections.abc import Callable
from email.message import EmailMessage

import pytest
from flask import Flask
from flask.testing import FlaskClient

from pra.services import Services
from pra.staff.passwords import verify_password
from tests.staff.conftest import EMAILS, PASSWORD, csrf_token, sign_in

NEW = "a brand new passphrase"
SAM, ANA, DEE = EMAILS["staff"], EMAILS["coordinator"], EMAILS["director"]


def change_password(client: FlaskClient, current: str, new: str, again: str | None = None):  # type: ignore[no-untyped-def]
    data = {
        "csrf_token": csrf_token(client, "/staff/account"),
        "current_password": current,
        "new_password": new,
        "new_password_again": new if again is None else again,
    }
    return client.post("/staff/account/password", data=data)


def post(client: FlaskClient, action: str, **fields: str):  # type: ignore[no-untyped-def]
    data = {"csrf_token": csrf_token(client, "/staff/accounts"), **fields}
    return client.post(f"/staff/accounts/{action}", data=data)


@pytest.mark.parametrize("role", ["staff", "coordinator", "director"])
def test_everyone_signed_in_has_an_account_page_linked_from_every_page(
    signed_in: Callable[[str], FlaskClient], role: str
) -> None:
    client = signed_in(role)
    assert 'href="/staff/account"' in client.get("/staff/").get_data(as_text=True)
    page = client.get("/staff/account").get_data(as_text=True)
    assert "Your account" in page and EMAILS[role] in page
    assert ('href="/staff/accounts"' in page) is (role != "staff")


def test_changing_your_password_keeps_this_session_and_ends_the_others(
    app: Flask, services: Services, signed_in: Callable[[str], FlaskClient]
) -> None:
    phone = app.test_client()
    assert sign_in(phone, SAM).status_code == 303
    desk = signed_in("staff")
    response = change_password(desk, PASSWORD, NEW)
    assert response.status_code == 303 and response.location == "/staff/account"
    assert "Your new password is set." in desk.get("/staff/account").get_data(as_text=True)
    assert desk.get("/staff/").status_code == 200
    assert phone.get("/staff/").status_code == 303
    account = services.staff.staff(SAM)
    assert account is not None and verify_password(account.password_hash, NEW)
    latest = services.staff.account_changes(1, SAM)[0]
    assert (latest.by, latest.what) == (SAM, "password changed")


@pytest.mark.parametrize(
    ("current", "new", "again", "status", "error"),
    [
        ("", NEW, NEW, 400, "Enter your current password."),
        ("the wrong password", NEW, NEW, 400, "Your current password is wrong."),
        (PASSWORD, "short", "short", 400, "The password must be at least 12 characters long."),
        (PASSWORD, NEW, NEW + "?", 400, "The two new passwords differ"),
        (PASSWORD, "", "", 400, "Enter a new password."),
    ],
)
def test_a_refused_password_change_says_why_and_changes_nothing(
    services: Services,
    signed_in: Callable[[str], FlaskClient],
    current: str,
    new: str,
    again: str,
    status: int,
    error: str,
) -> None:
    client = signed_in("staff")
    response = change_password(client, current, new, again)
    assert response.status_code == status
    assert error in response.get_data(as_text=True)
    account = services.staff.staff(SAM)
    assert account is not None and verify_password(account.password_hash, PASSWORD)
    assert account.session_version == 0 and client.get("/staff/").status_code == 200


def test_guessing_the_current_password_is_slowed_down_like_sign_in(
    signed_in: Callable[[str], FlaskClient],
) -> None:
    client = signed_in("staff")
    codes = [change_password(client, f"guess number {n}", NEW).status_code for n in range(6)]
    assert codes[0] == 400 and codes[-1] == 429


@pytest.mark.parametrize(
    ("role", "code"), [("staff", 403), ("coordinator", 200), ("director", 200)]
)
def test_only_the_coordinator_and_the_director_manage_accounts(
    signed_in: Callable[[str], FlaskClient], services: Services, role: str, code: int
) -> None:
    client = signed_in(role)
    assert client.get("/staff/accounts").status_code == code
    for action, fields in [
        ("reset", {"account": SAM}),
        ("role", {"account": SAM, "role": "coordinator"}),
        ("active", {"account": SAM, "active": "no"}),
    ]:
        data = {"csrf_token": csrf_token(client, "/staff/account"), **fields}
        response = client.post(f"/staff/accounts/{action}", data=data)
        assert response.status_code == (403 if role == "staff" else 303)
    account = services.staff.staff(SAM)
    assert account is not None
    assert (account.role, account.active) == (
        ("staff", True) if role == "staff" else ("coordinator", False)
    )


def test_the_list_shows_active_and_deactivated_accounts_and_recent_changes(
    app: Flask, services: Services, signed_in: Callable[[str], FlaskClient]
) -> None:
    sam = app.test_client()
    assert sign_in(sam, SAM).status_code == 303
    director = signed_in("director")
    response = post(director, "active", account=SAM, active="no")
    assert response.status_code == 303
    assert sam.get("/staff/").status_code == 303  # signed out at once
    assert sign_in(sam, SAM).status_code == 401  # and cannot sign in
    page = director.get("/staff/accounts").get_data(as_text=True)
    active, deactivated = page.split('id="pra-inactive-accounts"', 1)
    assert ANA in active and SAM not in active.split('id="pra-active-accounts"', 1)[1]
    assert SAM in deactivated and "No: deactivated" in deactivated
    assert "deactivated Staff Person&#39;s account" not in page
    assert "Staff Person&#39;s account is deactivated" in page
    changes = page.split("Recent changes", 1)[1]
    assert DEE in changes and SAM in changes and "deactivated" in changes
    assert post(director, "active", account=SAM, active="yes").status_code == 303
    assert sign_in(sam, SAM).status_code == 303
    whats = [c.what for c in services.staff.account_changes(5, SAM)]
    assert whats == ["activated", "deactivated"]


def test_a_role_change_ends_the_persons_sessions_and_is_recorded(
    app: Flask, services: Services, signed_in: Callable[[str], FlaskClient]
) -> None:
    sam = app.test_client()
    assert sign_in(sam, SAM).status_code == 303
    coordinator = signed_in("coordinator")
    assert post(coordinator, "role", account=SAM, role="coordinator").status_code == 303
    assert sam.get("/staff/").status_code == 303
    account = services.staff.staff(SAM)
    assert account is not None and account.role == "coordinator"
    change = services.staff.account_changes(1)[0]
    assert (change.by, change.account, change.what) == (
        ANA,
        SAM,
        "role changed from staff to coordinator",
    )
    assert "role changed from staff to coordinator" in coordinator.get("/staff/accounts").get_data(
        as_text=True
    )


@pytest.mark.parametrize(
    ("action", "fields", "field", "error"),
    [
        ("active", {"active": "no"}, "active", "You cannot deactivate your own account"),
        ("role", {"role": "staff"}, "role", "You cannot change your own role"),
        ("role", {"role": "coordinator"}, "role", "You cannot change your own role"),
    ],
)
def test_nobody_deactivates_or_demotes_themselves(
    services: Services,
    signed_in: Callable[[str], FlaskClient],
    action: str,
    fields: dict[str, str],
    field: str,
    error: str,
) -> None:
    director = signed_in("director")
    number = [a.email for a in services.staff.all_staff()].index(DEE) + 1
    response = post(director, action, account=DEE, **fields)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert error in page
    assert f'href="#pra-{field}-{number}"' in page  # the summary links to the field
    assert f'id="pra-{field}-{number}-error"' in page
    account = services.staff.staff(DEE)
    assert account is not None and (account.role, account.active) == ("director", True)
    assert director.get("/staff/").status_code == 200
    assert services.staff.account_changes(5) == []


def test_a_reset_link_is_emailed_and_recorded(
    services: Services,
    signed_in: Callable[[str], FlaskClient],
    outbox: Callable[[], list[EmailMessage]],
) -> None:
    coordinator = signed_in("coordinator")
    response = post(coordinator, "reset", account=SAM)
    assert response.status_code == 303
    page = coordinator.get("/staff/accounts").get_data(as_text=True)
    assert f"A password-reset link was emailed to {SAM}." in page
    (message,) = outbox()
    assert message["To"] == SAM
    change = services.staff.account_changes(1)[0]
    assert (change.by, change.what) == (ANA, "password-reset link sent")


def test_a_deactivated_account_gets_no_reset_link_and_unknown_accounts_are_refused(
    services: Services,
    signed_in: Callable[[str], FlaskClient],
    outbox: Callable[[], list[EmailMessage]],
) -> None:
    coordinator = signed_in("coordinator")
    assert post(coordinator, "active", account=SAM, active="no").status_code == 303
    refused = post(coordinator, "reset", account=SAM)
    assert refused.status_code == 400
    assert "Activate Staff Person&#39;s account before" in refused.get_data(as_text=True)
    for action in ("reset", "active", "role"):
        unknown = post(coordinator, action, account="nobody@library.example", role="staff")
        assert unknown.status_code == 400
        assert "Choose an account from the list." in unknown.get_data(as_text=True)
    assert post(coordinator, "role", account=SAM, role="janitor").status_code == 400
    assert outbox() == []


def test_account_forms_need_the_form_token(signed_in: Callable[[str], FlaskClient]) -> None:
    client = signed_in("director")
    assert (
        client.post("/staff/accounts/active", data={"account": SAM, "active": "no"}).status_code
        == 400
    )
    assert client.post("/staff/account/password", data={}).status_code == 400
