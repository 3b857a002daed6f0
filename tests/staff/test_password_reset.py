"""Password-reset links: emailed, one hour, once; only a digest of the token is stored."""

from __future__ import annotations

import hashlib
import logging
import re
import sqlite3
from collections.abc import Callable
from email.message import EmailMessage

import pytest
from flask.testing import FlaskClient

from pra.adapters.clocks import FixedClock
from pra.ports import StaffAccount
from pra.services import Services
from pra.staff import accounts as account_changes
from pra.staff.accounts import NoSuchAccount
from pra.staff.passwords import WeakPassword, verify_password
from pra.staff.reset import (
    AccountInactive,
    ResetRefused,
    check_link,
    reset_password,
    send_reset_link,
    token_digest,
)
from tests.conftest import html_body, text_body
from tests.staff.conftest import EMAILS, PASSWORD, csrf_token, sign_in

SAM = EMAILS["staff"]
NEW = "a brand new passphrase"
LINK = re.compile(r"https://records\.library\.example/staff/reset/([A-Za-z0-9_-]+)")

Outbox = Callable[[], list[EmailMessage]]


def token_in(message: EmailMessage) -> str:
    found = LINK.search(text_body(message))
    assert found is not None, text_body(message)
    return found.group(1)


def sent_link(services: Services, outbox: Outbox, email: str = SAM) -> str:
    send_reset_link(services, email, by=EMAILS["coordinator"])
    return token_in(outbox()[-1])


def test_the_link_is_emailed_to_the_account_and_only_its_digest_is_stored(
    services: Services, accounts: dict[str, StaffAccount], outbox: Outbox
) -> None:
    token = sent_link(services, outbox)
    (message,) = outbox()
    assert message["To"] == SAM
    assert message["Subject"].startswith("Choose a new password for the public records desk")
    assert message["X-PRA-Email-Kind"] == "password_reset"
    assert "Sam.Staff" not in message["Subject"]
    assert "until 11:00 (PST) on" in text_body(message)
    assert "ask the PRA Coordinator (coordinator@library.example)" in text_body(message)
    assert f"/staff/reset/{token}" in html_body(message)
    assert len(token) >= 43  # 32 random bytes
    stored = services.staff.password_reset(token_digest(token))
    assert stored is not None and stored.email == SAM
    assert token_digest(token) == hashlib.sha256(token.encode()).hexdigest()
    with sqlite3.connect(services.settings.data_dir / "pra.sqlite3") as db:
        dumped = "\n".join(db.iterdump())
    assert token not in dumped and token_digest(token) in dumped
    (change,) = services.staff.account_changes(5)
    assert (change.by, change.account, change.what) == (
        EMAILS["coordinator"],
        SAM,
        "password-reset link sent",
    )


def test_the_link_sets_the_password_once_and_ends_every_session(
    services: Services, accounts: dict[str, StaffAccount], outbox: Outbox
) -> None:
    token = sent_link(services, outbox)
    changed = reset_password(services, token, NEW)
    assert verify_password(changed.password_hash, NEW)
    assert changed.session_version == accounts["staff"].session_version + 1
    with pytest.raises(ResetRefused) as refused:
        reset_password(services, token, NEW + "!")
    assert refused.value.reason == "used"
    latest = services.staff.account_changes(1, SAM)[0]
    assert (latest.by, latest.what) == (SAM, "password set with a reset link")


def test_the_link_works_for_an_hour_and_not_a_moment_longer(
    services: Services, clock: FixedClock, accounts: dict[str, StaffAccount], outbox: Outbox
) -> None:
    first, second = sent_link(services, outbox), sent_link(services, outbox)
    clock.advance(minutes=59, seconds=59)
    check_link(services, first)
    clock.advance(seconds=1)
    for token in (first, second):
        with pytest.raises(ResetRefused) as refused:
            reset_password(services, token, NEW)
        assert refused.value.reason == "expired"
    account = services.staff.staff(SAM)
    assert account is not None and verify_password(account.password_hash, PASSWORD)


def test_a_weak_password_leaves_the_link_usable(
    services: Services, accounts: dict[str, StaffAccount], outbox: Outbox
) -> None:
    token = sent_link(services, outbox)
    with pytest.raises(WeakPassword):
        reset_password(services, token, "short")
    assert verify_password(reset_password(services, token, NEW).password_hash, NEW)


def test_using_one_link_or_changing_the_account_ends_the_other_links(
    services: Services, accounts: dict[str, StaffAccount], outbox: Outbox
) -> None:
    first, second = sent_link(services, outbox), sent_link(services, outbox)
    reset_password(services, first, NEW)
    with pytest.raises(ResetRefused):
        check_link(services, second)
    third = sent_link(services, outbox)
    account_changes.change_role(services, SAM, "coordinator", by=EMAILS["director"])
    with pytest.raises(ResetRefused):
        check_link(services, third)


def test_a_deactivated_account_gets_no_link_and_its_links_stop_working(
    services: Services, accounts: dict[str, StaffAccount], outbox: Outbox
) -> None:
    token = sent_link(services, outbox)
    account_changes.set_active(services, SAM, False, by=EMAILS["director"])
    with pytest.raises(ResetRefused):
        reset_password(services, token, NEW)
    with pytest.raises(AccountInactive):
        send_reset_link(services, SAM, by=EMAILS["director"])
    with pytest.raises(NoSuchAccount):
        send_reset_link(services, "nobody@library.example", by=EMAILS["director"])
    assert len(outbox()) == 1


def test_unknown_and_empty_tokens_are_refused(services: Services) -> None:
    for token in ("", "not-a-token"):
        with pytest.raises(ResetRefused) as refused:
            check_link(services, token)
        assert refused.value.reason == "unknown"


def test_no_log_line_names_an_email_or_the_token(
    services: Services,
    accounts: dict[str, StaffAccount],
    outbox: Outbox,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    token = sent_link(services, outbox)
    reset_password(services, token, NEW)
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "password-reset link sent" in logged and "password reset with a link" in logged
    assert "@" not in logged and token not in logged


# The page the link opens.


def reset_page(client: FlaskClient, token: str, password: str = NEW, again: str | None = None):  # type: ignore[no-untyped-def]
    data = {
        "csrf_token": csrf_token(client, f"/staff/reset/{token}"),
        "new_password": password,
        "new_password_again": password if again is None else again,
    }
    return client.post(f"/staff/reset/{token}", data=data)


def test_the_link_page_sets_the_password_and_signs_this_browser_in(
    app, services: Services, accounts: dict[str, StaffAccount], outbox: Outbox
) -> None:  # type: ignore[no-untyped-def]
    elsewhere = app.test_client()
    assert sign_in(elsewhere, SAM).status_code == 303
    token = sent_link(services, outbox)
    browser = app.test_client()
    page = browser.get(f"/staff/reset/{token}")
    assert page.status_code == 200
    assert "Choose a new password" in page.get_data(as_text=True)
    response = reset_page(browser, token)
    assert response.status_code == 303 and response.location == "/staff/account"
    landing = browser.get("/staff/account").get_data(as_text=True)
    assert "Your new password is set and you are signed in." in landing
    assert browser.get("/staff/").status_code == 200
    assert elsewhere.get("/staff/").status_code == 303  # every other session ended
    assert sign_in(app.test_client(), SAM, NEW).status_code == 303
    again = app.test_client().get(f"/staff/reset/{token}")
    assert again.status_code == 410
    text = again.get_data(as_text=True)
    assert "already been used" in text and "Ask the PRA Coordinator for a new link." in text


def test_the_link_page_after_an_hour_says_to_ask_for_a_new_one(
    client: FlaskClient,
    clock: FixedClock,
    services: Services,
    accounts: dict[str, StaffAccount],
    outbox: Outbox,
) -> None:
    token = sent_link(services, outbox)
    form_token = csrf_token(client, f"/staff/reset/{token}")
    clock.advance(hours=1)
    for response in (
        client.get(f"/staff/reset/{token}"),
        client.post(
            f"/staff/reset/{token}",
            data={"csrf_token": form_token, "new_password": NEW, "new_password_again": NEW},
        ),
    ):
        assert response.status_code == 410
        text = response.get_data(as_text=True)
        assert "has expired" in text and "Ask the PRA Coordinator for a new link." in text
    account = services.staff.staff(SAM)
    assert account is not None and verify_password(account.password_hash, PASSWORD)


@pytest.mark.parametrize(
    ("password", "again", "error"),
    [
        ("", "", "Enter a new password."),
        ("short", "short", "The password must be at least 12 characters long."),
        (NEW, NEW + "?", "The two new passwords differ"),
    ],
)
def test_the_link_page_explains_what_is_wrong_and_keeps_the_link(
    client: FlaskClient,
    services: Services,
    accounts: dict[str, StaffAccount],
    outbox: Outbox,
    password: str,
    again: str,
    error: str,
) -> None:
    token = sent_link(services, outbox)
    response = reset_page(client, token, password, again)
    assert response.status_code == 400
    assert error in response.get_data(as_text=True)
    check_link(services, token)


def test_an_unknown_link_is_404_and_a_post_without_the_form_token_is_refused(
    client: FlaskClient, services: Services, accounts: dict[str, StaffAccount], outbox: Outbox
) -> None:
    response = client.get("/staff/reset/made-up-token")
    assert response.status_code == 404
    assert "Ask the PRA Coordinator for a new link." in response.get_data(as_text=True)
    token = sent_link(services, outbox)
    forged = client.post(
        f"/staff/reset/{token}", data={"new_password": NEW, "new_password_again": NEW}
    )
    assert forged.status_code == 400
    check_link(services, token)
