"""Policy 4005 at the desk: sign-in attempts are logged without passwords or full emails,
and reading or exporting the log writes no requester data to the application log."""

from __future__ import annotations

import logging
from collections.abc import Callable

import pytest
from flask.testing import FlaskClient

from pra.domain.request import parse_submission
from pra.logs import log_tag
from pra.ports import StaffAccount
from pra.services import Services
from pra.services.submit import submit_request
from tests.services.test_privacy import PERSONAL
from tests.staff.conftest import EMAILS, PASSWORD, sign_in

SECRET_TRY = "Hunter2-is-not-my-password"


def test_failed_sign_ins_log_the_attempt_without_password_or_email(
    client: FlaskClient, accounts: dict[str, StaffAccount], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    for _ in range(6):
        sign_in(client, EMAILS["coordinator"], SECRET_TRY)
    sign_in(client, "zyxwv.quillfeather@example.org", SECRET_TRY)
    sign_in(client, EMAILS["director"], PASSWORD)
    ana, dee = log_tag(EMAILS["coordinator"]), log_tag(EMAILS["director"])
    assert f"staff sign-in failed for account {ana} (1 in a row)" in caplog.text
    assert f"staff sign-in refused while locked for account {ana}" in caplog.text
    assert f"staff sign-in failed for account {log_tag('zyxwv.quillfeather@example.org')}" in (
        caplog.text
    )
    assert f"staff sign-in for account {dee} (director)" in caplog.text
    for secret in (SECRET_TRY, PASSWORD, "ana.coordinator", "library.example", "zyxwv"):
        assert secret not in caplog.text


def test_a_typed_email_cannot_forge_a_log_line(
    client: FlaskClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    forged = "x@example.org\n2026-12-07 INFO pra: staff sign-in for admin@library.example"
    sign_in(client, forged, SECRET_TRY)
    assert "admin@" not in caplog.text and "example.org" not in caplog.text
    assert [r.getMessage().count("\n") for r in caplog.records] == [0] * len(caplog.records)


def test_the_log_export_and_request_page_log_no_requester_data(
    signed_in: Callable[[str], FlaskClient],
    services: Services,
    caplog: pytest.LogCaptureFixture,
) -> None:
    receipt = submit_request(services, parse_submission(PERSONAL))
    client = signed_in("coordinator")
    caplog.clear()
    caplog.set_level(logging.DEBUG)
    assert client.get("/staff/?q=parking").status_code == 200
    export = client.get("/staff/requests.csv?contacts=1")
    assert export.status_code == 200 and export.get_data()  # the export streams as it is read
    assert client.get(f"/staff/requests/{receipt.tracking_number}").status_code == 200
    assert "request log exported: 1 requests, contacts True" in caplog.text
    for value in PERSONAL.values():
        if value not in {"mail", "paper"}:
            assert value not in caplog.text
    assert "Quillfeather" not in caplog.text
