"""The bounce handler: SES feedback through SNS is recorded on the request and told to staff."""

from __future__ import annotations

import json
import logging
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from pra.aws import bounces, wiring
from tests.aws.conftest import COORDINATOR, DIRECTOR
from tests.aws.resources import ses_received
from tests.conftest import text_body
from tests.contract.test_request_store import event, make_request

EVENTS = Path(__file__).parent / "events"
REQUESTER = "zyxwv.quillfeather@example.org"
REPORT_ID = "0100019345b1ec35-3f2e1d0c-9b8a-4f7e-a6d5-c4b3a2918070-000000"


def sns_event(**changes: Any) -> dict[str, Any]:
    """The recorded SNS event, its SES notification changed by `changes` (top-level keys)."""
    recorded = json.loads((EVENTS / "sns_ses_bounce.json").read_text())
    notification = json.loads(recorded["Records"][0]["Sns"]["Message"])
    notification.update(changes)
    recorded["Records"][0]["Sns"]["Message"] = json.dumps(notification)
    return recorded


def mail(tracking_number: str = "PRA-2026-00001", kind: str = "acknowledgement") -> dict[str, Any]:
    notification = json.loads(sns_event()["Records"][0]["Sns"]["Message"])
    notification["mail"]["tags"].update(tracking_number=[tracking_number], kind=[kind])
    return dict(notification["mail"])


def bounce_to(address: str) -> dict[str, Any]:
    notification = json.loads(sns_event()["Records"][0]["Sns"]["Message"])
    bounce: dict[str, Any] = notification["bounce"]
    bounce["bouncedRecipients"][0]["emailAddress"] = address
    return bounce


@pytest.fixture
def stored(aws_env: dict[str, str]) -> str:
    store = wiring.services().store
    store.add(make_request("PRA-2026-00001", date(2026, 11, 16)), event("received"), [])
    return "PRA-2026-00001"


def test_a_bounced_acknowledgement_is_recorded_and_the_coordinator_told(stored: str) -> None:
    assert bounces.handler(sns_event(), None) == {"reports": 1, "recorded": 1}

    last = wiring.services().store.history(stored)[-1]
    assert (last.actor, last.action) == ("system", "email_bounced")
    assert (
        last.note
        == f"acknowledgement email to the requester: Permanent/General [report {REPORT_ID}]"
    )
    [notice] = ses_received()
    assert notice["To"] == COORDINATOR
    assert notice["Subject"] == "Email not delivered: PRA-2026-00001"
    assert "The requester has not received it" in text_body(notice)
    assert "https://records.library.example/staff/requests/PRA-2026-00001" in text_body(notice)
    assert "X-PRA-Email-Kind" not in notice, "our headers become SES tags and are not sent on"
    assert REQUESTER not in notice.as_string()
    assert wiring.services().store.pending_emails() == []


def test_the_same_report_delivered_twice_is_recorded_once(stored: str) -> None:
    bounces.handler(sns_event(), None)
    assert bounces.handler(sns_event(), None) == {"reports": 1, "recorded": 0}
    history = wiring.services().store.history(stored)
    assert [e.action for e in history] == ["received", "email_bounced"]
    assert len(ses_received()) == 1


def test_when_the_coordinators_mailbox_bounces_the_director_is_told(stored: str) -> None:
    changed = sns_event(mail=mail(kind="coordinator_notice"), bounce=bounce_to(COORDINATOR))
    bounces.handler(changed, None)
    [notice] = ses_received()
    assert notice["To"] == DIRECTOR
    note = wiring.services().store.history(stored)[-1].note
    assert note.startswith("coordinator_notice email to the coordinator: Permanent/General")


def test_a_notice_that_bounced_is_recorded_but_tells_no_one_again(stored: str) -> None:
    changed = sns_event(mail=mail(kind="undeliverable_notice"), bounce=bounce_to(COORDINATOR))
    assert bounces.handler(changed, None) == {"reports": 1, "recorded": 1}
    assert ses_received() == []
    assert wiring.services().store.history(stored)[-1].action == "email_bounced"


def test_a_complaint_is_recorded_and_told(stored: str) -> None:
    complaint = {
        "complainedRecipients": [{"emailAddress": REQUESTER}],
        "complaintFeedbackType": "abuse",
        "timestamp": "2026-11-16T19:00:00.000Z",
        "feedbackId": "0100019345c2",
    }
    changed = sns_event(eventType="Complaint", complaint=complaint)
    del_bounce = json.loads(changed["Records"][0]["Sns"]["Message"])
    del del_bounce["bounce"]
    changed["Records"][0]["Sns"]["Message"] = json.dumps(del_bounce)
    bounces.handler(changed, None)
    last = wiring.services().store.history(stored)[-1]
    assert (last.action, last.note.split(" [")[0]) == (
        "email_complaint",
        "acknowledgement email to the requester: abuse",
    )
    [notice] = ses_received()
    assert "reported as unwanted by its recipient" in text_body(notice)


def test_a_report_for_no_stored_request_still_reaches_the_coordinator(
    aws_env: dict[str, str],
) -> None:
    bounces.handler(sns_event(mail=mail(tracking_number="unknown")), None)
    [notice] = ses_received()
    assert (notice["To"], notice["Subject"]) == (COORDINATOR, "Email not delivered")
    assert "no stored request matches it" in text_body(notice)


def test_deliveries_and_other_notifications_are_ignored(aws_env: dict[str, str]) -> None:
    assert bounces.handler(sns_event(eventType="Delivery"), None) == {"reports": 0, "recorded": 0}
    assert bounces.handler({"Records": []}, None) == {"reports": 0, "recorded": 0}
    assert ses_received() == []


def test_no_address_or_diagnostic_text_reaches_the_log(
    stored: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    bounces.handler(sns_event(), None)
    bounces.handler(
        sns_event(mail=mail(kind="coordinator_notice"), bounce=bounce_to(COORDINATOR)), None
    )
    assert "email_bounced" in caplog.text and stored in caplog.text
    for secret in [REQUESTER, "Quillfeather", "quillfeather", COORDINATOR, "User unknown"]:
        assert secret not in caplog.text
