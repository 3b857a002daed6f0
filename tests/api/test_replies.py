"""POST /api/…/appeal and /api/…/clarification: the requester's replies, with the access code.

Requests are received Monday 2026-11-16 at 10:00 (the fixed clock) and answered by staff
through the respond service, then the clock moves to the day the requester replies.
"""

from __future__ import annotations

import logging

import pytest

from pra.adapters.clocks import FixedClock
from pra.domain.lifecycle import Status
from pra.ports import StaffAccount
from pra.services import Services
from pra.services.respond import Response, send_response
from tests.conftest import VALID_REQUEST, text_body

COORDINATOR = StaffAccount(
    "ana@library.example", "Ana Coordinator", "PRA Coordinator", "coordinator", "x"
)
REASONS = "The minutes of the commission are public; nothing in them is personnel information."
ANSWER = "Only the minutes of the March 2026 meeting, please."


@pytest.fixture
def receipt(client) -> dict[str, str]:
    return dict(client.post("/api/requests", json=VALID_REQUEST).get_json())


def _deny(services: Services, number: str) -> None:
    withheld = (("Closed-session notes", "personnel"),)
    send_response(services, number, COORDINATOR, Response("denied", withheld=withheld))


def _director_emails(outbox) -> list:
    return [m for m in outbox() if m["To"] == "director@library.example"]


def test_an_appeal_in_time_is_recorded_and_the_director_told(
    client, services: Services, clock: FixedClock, receipt, outbox
) -> None:
    number = receipt["tracking_number"]
    # Dispatched Monday 2026-11-16: the tenth day is Thanksgiving, then the day after it and a
    # weekend, so the window closes Monday 2026-11-30 (CCP § 12a, as for every deadline here).
    _deny(services, number)
    clock.advance(days=9)
    response = client.post(
        f"/api/requests/{number}/appeal", json={"code": receipt["access_code"], "reasons": REASONS}
    )
    assert response.status_code == 201
    assert response.get_json() == {
        "tracking_number": number,
        "status": "appealed",
        # Ten calendar days after receipt (Wednesday 11-25) is Saturday 12-05: moved to Monday.
        "appeal": {"late": False, "window_closed": "2026-11-30", "decision_due": "2026-12-07"},
    }
    stored = services.store.get(number)
    assert stored is not None and stored.status is Status.APPEALED
    assert stored.appeal is not None and stored.appeal.reasons == REASONS
    (notice,) = _director_emails(outbox)
    assert number in notice["Subject"] and "late" not in notice["Subject"]


def test_a_late_appeal_is_recorded_and_marked_never_refused(
    client, services: Services, clock: FixedClock, receipt, outbox
) -> None:
    number = receipt["tracking_number"]
    _deny(services, number)
    clock.advance(days=30)
    response = client.post(
        f"/api/requests/{number}/appeal", json={"code": receipt["access_code"], "reasons": REASONS}
    )
    assert response.status_code == 201
    appeal = response.get_json()["appeal"]
    assert (appeal["late"], appeal["window_closed"]) == (True, "2026-11-30")
    assert services.store.history(number)[-1].note == "late: the window closed 2026-11-30"
    (notice,) = _director_emails(outbox)
    assert "after the appeal window" in notice["Subject"]


def test_the_plain_form_answers_with_a_page_in_the_requesters_language(
    client, services: Services, clock: FixedClock, receipt
) -> None:
    number = receipt["tracking_number"]
    _deny(services, number)
    clock.advance(days=2)
    page = client.post(
        "/api/appeal",
        data={
            "tracking_number": number.lower(),
            "code": receipt["access_code"],
            "reasons": REASONS,
            "language": "es",
        },
    )
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert '<html lang="es"' in html and "Recibimos su apelación" in html
    assert "lunes, 30 de noviembre de 2026" in html  # received 11-18: due Saturday 11-28, moved


@pytest.mark.parametrize("path", ["/api/requests/{number}/appeal", "/api/appeal"])
def test_a_wrong_code_is_answered_like_an_unknown_number(client, services, receipt, path) -> None:
    number = receipt["tracking_number"]
    _deny(services, number)
    data = {"tracking_number": number, "code": "WRONG-CODE", "reasons": REASONS}
    as_json = client.post(path.format(number=number), json=data)
    assert as_json.status_code == 404
    assert "code" in as_json.get_json()["errors"]
    page = client.post(path.format(number=number), data=data)
    html = page.get_data(as_text=True)
    assert page.status_code == 404
    assert 'id="pra-error-summary"' in html and 'href="#pra-code"' in html
    assert REASONS in html  # what was typed is kept
    assert services.store.get(number).status is Status.DENIED


def test_an_empty_appeal_is_a_field_error(client, services, receipt) -> None:
    number = receipt["tracking_number"]
    _deny(services, number)
    response = client.post(
        f"/api/requests/{number}/appeal", json={"code": receipt["access_code"], "reasons": "  "}
    )
    assert response.status_code == 400
    assert response.get_json() == {"errors": {"reasons": "Write what you disagree with"}}
    page = client.post("/api/appeal", data={"tracking_number": number, "reasons": ""})
    assert page.status_code == 404  # no code: found nothing, said the same way


def test_an_appeal_with_hidden_characters_is_a_field_error(client, services, receipt) -> None:
    number = receipt["tracking_number"]
    _deny(services, number)
    response = client.post(
        f"/api/requests/{number}/appeal",
        json={"code": receipt["access_code"], "reasons": REASONS + "\u202e\x00"},
    )
    assert response.status_code == 400
    assert response.get_json() == {
        "errors": {"reasons": "Remove the invisible control characters from the appeal"}
    }
    assert services.store.get(number).appeal is None


def test_a_request_without_a_denial_cannot_be_appealed(client, receipt) -> None:
    response = client.post(
        f"/api/requests/{receipt['tracking_number']}/appeal",
        json={"code": receipt["access_code"], "reasons": REASONS},
    )
    assert response.status_code == 409
    assert "no denial to appeal" in response.get_json()["errors"]["form"]


def test_a_clarification_answer_returns_the_request_to_the_coordinator(
    client, services: Services, receipt, outbox, caplog
) -> None:
    number = receipt["tracking_number"]
    question = Response("clarification", question="Which meetings do you mean?")
    send_response(services, number, COORDINATOR, question)
    with caplog.at_level(logging.DEBUG):
        response = client.post(
            f"/api/requests/{number}/clarification",
            json={"code": receipt["access_code"], "answer": ANSWER},
        )
    assert response.status_code == 201
    assert response.get_json() == {"tracking_number": number, "status": "received"}
    event = services.store.history(number)[-1]
    assert (event.action, event.note, event.public) == ("clarification_received", ANSWER, False)
    notices = [m for m in outbox() if m["Subject"] == f"Clarification received for {number}"]
    assert len(notices) == 1 and ANSWER not in notices[0].get_body().get_content()
    assert ANSWER not in caplog.text


def test_an_answer_nobody_asked_for_is_refused(client, receipt) -> None:
    response = client.post(
        "/api/clarification",
        data={
            "tracking_number": receipt["tracking_number"],
            "code": receipt["access_code"],
            "answer": ANSWER,
        },
    )
    assert response.status_code == 409
    assert "not waiting for an answer" in response.get_data(as_text=True)


def test_the_status_page_offers_the_reply_the_request_waits_for(
    client, services: Services, receipt
) -> None:
    number, code = receipt["tracking_number"], receipt["access_code"]
    send_response(services, number, COORDINATOR, Response("clarification", question="Which?"))
    page = client.post("/api/status", data={"tracking_number": number, "code": code})
    html = page.get_data(as_text=True)
    assert 'id="pra-clarification-form"' in html and f'value="{code}"' in html
    assert "Which?" in html  # the letter, as kept with the request


def test_a_denial_links_to_the_appeal_form_filled_in(client, services: Services, receipt) -> None:
    number, code = receipt["tracking_number"], receipt["access_code"]
    _deny(services, number)
    html = client.post("/api/status", data={"tracking_number": number, "code": code}).get_data(
        as_text=True
    )
    assert f'href="/appeal/#{number}:{code}"' in html
    assert "Monday, November 30, 2026" in html  # the letter gives the last day to appeal


def test_the_requester_withdraws_with_the_code_and_everyone_is_told(
    client, services, receipt, outbox, settings
) -> None:
    url = f"/api/requests/{receipt['tracking_number']}/withdrawal"
    answer = client.post(url, json={"code": receipt["access_code"], "reason": "Found them online."})
    assert (answer.status_code, answer.get_json()["status"]) == (201, "withdrawn")
    request = services.store.get(receipt["tracking_number"])
    assert request.status.value == "withdrawn" and request.next_due is None
    event = services.store.history(receipt["tracking_number"])[-1]
    assert (event.actor, event.action, event.note, event.public) == (
        "requester",
        "withdrawn_by_requester",
        "Found them online.",
        False,  # their reason stays with staff
    )
    coordinator, confirmation = outbox()[-2:]
    assert coordinator["To"] == settings.coordinator_email
    assert confirmation["To"] == VALID_REQUEST["email"]
    assert "As you asked, we closed your public records request" in text_body(confirmation)
    again = client.post(url, json={"code": receipt["access_code"]})
    assert again.status_code == 409  # closed: nothing left to withdraw


def test_the_plain_withdrawal_form_answers_in_spanish(client, services, receipt) -> None:
    answer = client.post(
        "/api/withdrawal",
        data={
            "tracking_number": receipt["tracking_number"],
            "code": receipt["access_code"],
            "language": "es",
        },
    )
    assert answer.status_code == 200
    assert "Su solicitud está retirada" in answer.get_data(as_text=True)


def test_a_decided_request_cannot_be_withdrawn(client, services, receipt) -> None:
    _deny(services, receipt["tracking_number"])
    answer = client.post(
        "/api/withdrawal",
        data={"tracking_number": receipt["tracking_number"], "code": receipt["access_code"]},
    )
    assert answer.status_code == 409
    assert "can no longer be withdrawn" in answer.get_data(as_text=True)
    assert services.store.get(receipt["tracking_number"]).status.value == "denied"
