"""Policy 4005: no requester's name, email, phone, address or request text in any log line."""

from __future__ import annotations

import logging

import pytest

from pra.services import Services
from pra.services.sweep import run_sweep

PERSONAL = {
    "description": "Emails between Zyxwv Quillfeather and the branch manager about parking",
    "delivery": "mail",
    "format": "paper",
    "name": "Zyxwv Quillfeather",
    "email": "zyxwv.quillfeather@example.org",
    "phone": "707-555-0199",
    "mailing_address": "1234 Unlikely Lane, Petaluma CA 94952",
    "date_range": "Spring of 2019",
}


@pytest.mark.parametrize("as_json", [True, False], ids=["json", "form"])
def test_a_full_submission_logs_no_requester_data(
    client, services: Services, caplog: pytest.LogCaptureFixture, as_json: bool
) -> None:
    caplog.set_level(logging.DEBUG)
    if as_json:
        response = client.post("/api/requests", json=PERSONAL)
    else:
        response = client.post("/api/requests", data=PERSONAL)
        client.get("/api/requests/confirmation")
    assert response.status_code in (201, 303)
    client.post("/api/requests", json={**PERSONAL, "description": "bad"})
    run_sweep(services)
    assert "PRA-2026-00001" in caplog.text, "the log should say what happened, by number"
    for value in PERSONAL.values():
        if value not in {"mail", "paper"}:
            assert value not in caplog.text
    assert "Quillfeather" not in caplog.text
