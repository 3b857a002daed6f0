"""What the action pages refuse, with a clear message and nothing stored or sent."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, datetime
from typing import Any

import pytest
from flask.testing import FlaskClient

from pra.adapters.clocks import FixedClock
from pra.domain.lifecycle import Status
from pra.services import Services
from tests.conftest import PACIFIC
from tests.staff.test_actions import APPEAL, NUMBER, PAGE, current, post, step, stored, text

RELEASE = {"available_on": "2026-11-20", "available_at": "10:00"}


@pytest.fixture
def unchanged(services: Services, outbox: Callable[[], list[Any]]) -> Iterator[None]:
    """The test's request keeps its status and letters, and no email goes out."""
    yield
    request = current(services)
    assert request.letters == ()
    history = services.store.history(NUMBER)
    assert [e.action for e in history if e.action != "viewed"] == ["received"]
    assert outbox() == []


def _on(clock: FixedClock, day: date) -> None:
    moment = datetime(day.year, day.month, day.day, 11, tzinfo=PACIFIC)
    clock.advance(seconds=(moment - clock.now()).total_seconds())


@pytest.mark.parametrize("action", ["preview", "send"])
def test_an_illegal_transition_is_refused_with_a_409(
    signed_in: Callable[[str], FlaskClient], services: Services, unchanged: None, action: str
) -> None:
    stored(services, Status.RELEASED)
    response = post(signed_in("coordinator"), step("initial_response", action), RELEASE)
    html = text(response)
    assert response.status_code == 409
    assert "<h1>This cannot be done now</h1>" in html
    assert "A request that is released cannot send initial response. Nothing was sent." in html
    assert f'<a href="{PAGE}">Back to the request</a>' in html
    assert "Traceback" not in html
    assert current(services).status is Status.RELEASED


def test_a_form_for_an_action_not_open_now_is_a_409(
    signed_in: Callable[[str], FlaskClient], services: Services, unchanged: None
) -> None:
    stored(services, Status.NO_RECORDS)
    response = signed_in("coordinator").get(step("released"))
    assert response.status_code == 409
    assert (
        "Release the records in full: not possible for this request now "
        "(status “Closed: no responsive records”)."
    ) in text(response)


def test_an_extension_after_the_initial_due_date_is_refused(
    signed_in: Callable[[str], FlaskClient],
    services: Services,
    clock: FixedClock,
    unchanged: None,
) -> None:
    stored(services)
    _on(clock, date(2026, 12, 1))
    client = signed_in("coordinator")
    assert "Extend the response date" not in text(client.get(PAGE))
    form = client.get(step("extension"))
    assert form.status_code == 409
    assert "An extension had to be sent by the initial due date, Mon Nov 30, 2026." in text(form)
    fields = {"reason": "voluminous", "new_due": "2026-12-08"}
    response = post(client, step("extension", "preview"), fields)
    assert response.status_code == 400
    assert "<li>An extension must be sent by the initial due date, 2026-11-30.</li>" in text(
        response
    )
    assert current(services).status is Status.RECEIVED


@pytest.mark.parametrize(
    ("new_due", "message"),
    [
        ("2026-12-11", "An extension may reach 2026-12-10 at the latest."),
        ("2026-11-30", "The new date must come after the initial due date."),
        ("12/08/2026", "Enter the date as year-month-day, for example 2026-12-04"),
        ("", "Enter the date the determination will be sent"),
    ],
)
def test_an_extension_date_outside_the_limit_is_refused(
    signed_in: Callable[[str], FlaskClient],
    services: Services,
    unchanged: None,
    new_due: str,
    message: str,
) -> None:
    stored(services)
    response = post(
        signed_in("coordinator"),
        step("extension", "send"),
        {"reason": "voluminous", "new_due": new_due},
    )
    assert response.status_code == 400
    assert f'<a href="#pra-new_due">{message}</a>' in text(response)
    assert current(services).status is Status.RECEIVED


def test_an_extension_needs_a_reason_from_the_list(
    signed_in: Callable[[str], FlaskClient], services: Services, unchanged: None
) -> None:
    stored(services)
    response = post(
        signed_in("coordinator"),
        step("extension", "preview"),
        {"reason": "weather", "new_due": "2026-12-08"},
    )
    html = text(response)
    assert response.status_code == 400
    assert '<a href="#pra-reason">Choose the unusual circumstance that needs more time</a>' in html
    assert 'id="pra-reason" name="reason" value="field_facilities" aria-invalid="true"' not in html


@pytest.mark.parametrize(
    ("fields", "anchor", "message"),
    [
        ({}, "withheld-1-what", "Enter each record or part withheld and its exemption"),
        (
            {"withheld-2-what": "Memo"},
            "withheld-2-exemption",
            "Choose the exemption for row 2",
        ),
        (
            {"withheld-1-exemption": "drafts"},
            "withheld-1-what",
            "Enter what row 1 withholds",
        ),
        (
            {"withheld-1-what": "Memo", "withheld-1-exemption": "because"},
            "withheld-1-exemption",
            "Choose an exemption from the list",
        ),
    ],
)
def test_a_denial_without_grounds_is_refused(
    signed_in: Callable[[str], FlaskClient],
    services: Services,
    unchanged: None,
    fields: dict[str, str],
    anchor: str,
    message: str,
) -> None:
    stored(services)
    response = post(signed_in("coordinator"), step("denied", "send"), fields)
    html = text(response)
    assert response.status_code == 400
    assert f'<a href="#pra-{anchor}">{message}</a>' in html
    assert f'id="pra-{anchor}-error"' in html
    assert current(services).status is Status.RECEIVED


def test_a_send_without_the_csrf_token_is_refused(
    signed_in: Callable[[str], FlaskClient], services: Services, unchanged: None
) -> None:
    stored(services)
    response = post(signed_in("coordinator"), step("released", "send"), RELEASE, token=False)
    assert response.status_code == 400
    assert "The form could not be accepted" in text(response)
    assert current(services).status is Status.RECEIVED


@pytest.mark.parametrize(
    ("method", "path", "fields"),
    [
        ("get", step("released"), {}),
        ("post", step("released", "preview"), RELEASE),
        ("post", step("released", "send"), RELEASE),
        ("get", f"{PAGE}/log/log_clarification", {}),
        ("post", f"{PAGE}/log/log_clarification", {"text": "The Roseland branch"}),
    ],
)
def test_read_only_staff_get_403(
    signed_in: Callable[[str], FlaskClient],
    services: Services,
    unchanged: None,
    method: str,
    path: str,
    fields: dict[str, str],
) -> None:
    stored(services, Status.AWAITING_REQUESTER)
    client = signed_in("staff")
    response = client.get(path) if method == "get" else post(client, path, fields)
    assert response.status_code == 403
    assert "Your role does not allow this." in text(response)
    assert current(services).status is Status.AWAITING_REQUESTER


@pytest.mark.parametrize("action", ["", "preview", "send"])
def test_a_coordinator_may_not_decide_an_appeal(
    signed_in: Callable[[str], FlaskClient], services: Services, action: str
) -> None:
    stored(services, Status.APPEALED, appeal=APPEAL)
    client = signed_in("coordinator")
    assert "Decide the appeal" not in text(client.get(PAGE))
    fields = {"outcome": "overturned", "explanation": "Public after all."}
    response = client.get(step("appeal_decision")) if not action else None
    response = response or post(client, step("appeal_decision", action), fields)
    assert response.status_code == 403
    assert current(services).status is Status.APPEALED and current(services).letters == ()


def test_a_request_changed_meanwhile_is_refused_as_stale(
    signed_in: Callable[[str], FlaskClient],
    services: Services,
    outbox: Callable[[], list[Any]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Two people at once: the page read the request before the other's letter was stored."""
    before = stored(services)
    client = signed_in("coordinator")
    post(client, step("clarification", "send"), {"question": "Which branch?"})
    emails = len(outbox())
    monkeypatch.setattr(services.store, "get", lambda number: before)
    response = post(client, step("released", "send"), RELEASE)
    monkeypatch.undo()
    assert response.status_code == 409
    assert "Someone changed this request while you were working on it. Nothing was sent." in text(
        response
    )
    assert [letter.kind for letter in current(services).letters] == ["clarification"]
    assert len(outbox()) == emails


@pytest.mark.parametrize(
    "path",
    [
        "/staff/requests/PRA-2026-00404/respond/released",
        f"{PAGE}/respond/appeal_upheld",
        f"{PAGE}/respond/reopen",
        f"{PAGE}/log/log_anything",
    ],
)
def test_an_unknown_request_or_action_is_a_404(
    signed_in: Callable[[str], FlaskClient], services: Services, path: str
) -> None:
    stored(services)
    assert signed_in("director").get(path).status_code == 404


@pytest.mark.parametrize(
    ("fields", "anchor", "message"),
    [
        (
            {"available_on": "2026-11-13", "available_at": "10:00"},
            "available_on",
            "The date the records will be available must be today or later",
        ),
        (
            {"available_on": "2026-02-30", "available_at": "10:00"},
            "available_on",
            "Enter the date as year-month-day, for example 2026-12-04",
        ),
        (
            {"available_on": "2026-11-20", "available_at": "25:00"},
            "available_at",
            "Enter the time in hours and minutes, for example 10:00",
        ),
    ],
)
def test_a_release_date_must_read_and_lie_ahead(
    signed_in: Callable[[str], FlaskClient],
    services: Services,
    unchanged: None,
    fields: dict[str, str],
    anchor: str,
    message: str,
) -> None:
    stored(services)
    response = post(signed_in("coordinator"), step("released", "preview"), fields)
    assert response.status_code == 400
    assert f'<a href="#pra-{anchor}">{message}</a>' in text(response)
