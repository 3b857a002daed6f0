"""Replies that came by email or post, logged by staff, and the Director's appeal decisions."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

import pytest
from flask.testing import FlaskClient

from pra.adapters.clocks import FixedClock
from pra.domain.lifecycle import Status
from pra.domain.request import Question, Release
from pra.emails.words import STATUS_LABELS as PUBLIC_LABELS
from pra.services import Services
from pra.staff.log import STATUS_LABELS
from tests.conftest import PACIFIC, text_body
from tests.staff.conftest import EMAILS
from tests.staff.test_actions import (
    APPEAL,
    NUMBER,
    PAGE,
    REQUESTER,
    current,
    post,
    step,
    stored,
    text,
)

ANSWER = f"{PAGE}/log/log_clarification"
APPEAL_LOG = f"{PAGE}/log/log_appeal"


def _on(clock: FixedClock, day: date) -> None:
    moment = datetime(day.year, day.month, day.day, 11, tzinfo=PACIFIC)
    clock.advance(seconds=(moment - clock.now()).total_seconds())


def test_an_answer_by_email_is_logged_by_the_coordinator(
    signed_in: Callable[[str], FlaskClient],
    services: Services,
    outbox: Callable[[], list[Any]],
    settings: Any,
) -> None:
    stored(services, Status.AWAITING_REQUESTER)
    client = signed_in("coordinator")
    assert f'<a href="{ANSWER}">Log an answer that came by email or post</a>' in text(
        client.get(PAGE)
    )
    form = text(client.get(ANSWER))
    assert '<label for="pra-text">The requester\'s answer</label>' in form
    response = post(client, ANSWER, {"text": "The Roseland branch, 2026 only."})
    assert (response.status_code, response.location) == (303, PAGE)
    assert current(services).status is Status.RECEIVED
    event = services.store.history(NUMBER)[-1]
    assert (event.actor, event.action, event.note, event.public) == (
        EMAILS["coordinator"],
        "clarification_received",
        "The Roseland branch, 2026 only.",
        False,
    )
    (notice,) = outbox()
    assert notice["To"] == settings.coordinator_email
    assert f"Logged by: {EMAILS['coordinator']}" in text_body(notice)
    assert "Logged. The request is now “Received”." in text(client.get(PAGE))


def test_an_empty_answer_is_refused_on_the_form(
    signed_in: Callable[[str], FlaskClient], services: Services
) -> None:
    stored(services, Status.AWAITING_REQUESTER)
    response = post(signed_in("coordinator"), ANSWER, {"text": "  "})
    html = text(response)
    assert response.status_code == 400
    assert '<a href="#pra-text">Write the answer.</a>' in html
    assert 'aria-invalid="true"' in html
    assert current(services).status is Status.AWAITING_REQUESTER


@pytest.mark.parametrize(
    ("path", "status"), [(ANSWER, Status.RECEIVED), (APPEAL_LOG, Status.RELEASED)]
)
def test_a_reply_the_request_is_not_waiting_for_is_a_409(
    signed_in: Callable[[str], FlaskClient], services: Services, path: str, status: Status
) -> None:
    stored(services, status)
    client = signed_in("coordinator")
    assert client.get(path).status_code == 409
    response = post(client, path, {"text": "Please reconsider."})
    assert response.status_code == 409
    assert "not possible for this request now" in text(response)
    assert current(services).status is status


@pytest.mark.parametrize(
    ("day", "late", "shown"),
    [
        (date(2026, 11, 20), False, "<dd>Yes: the window closes Mon Nov 30, 2026</dd>"),
        (
            date(2026, 12, 2),
            True,
            "<dd>No: late, the window closed Mon Nov 30, 2026. The Library Director decides "
            "whether to hear it.</dd>",
        ),
    ],
)
def test_an_appeal_by_post_is_logged_late_or_not_and_shown(
    signed_in: Callable[[str], FlaskClient],
    services: Services,
    clock: FixedClock,
    outbox: Callable[[], list[Any]],
    settings: Any,
    day: date,
    late: bool,
    shown: str,
) -> None:
    stored(services, Status.DENIED, determined_on=date(2026, 11, 16))
    _on(clock, day)
    client = signed_in("coordinator")
    response = post(client, APPEAL_LOG, {"text": "The drafts were shared at a public meeting."})
    assert response.status_code == 303
    request = current(services)
    assert request.status is Status.APPEALED
    assert request.appeal is not None and request.appeal.late is late
    assert services.store.history(NUMBER)[-1].actor == EMAILS["coordinator"]
    # The Director decides, the coordinator is told, the requester gets a confirmation.
    director, coordinator, confirmation = outbox()
    assert director["To"] == settings.director_email
    tense = "closed" if late else "closes"  # a window still open is not "closed"
    assert f"Appeal window: {tense} Monday, November 30, 2026" in text_body(director)
    assert coordinator["To"] == settings.coordinator_email
    assert confirmation["To"] == REQUESTER
    assert confirmation["Subject"] == f"We received your appeal on request {NUMBER}"
    said = " ".join(text_body(confirmation).split())
    assert "send you a written decision by" in said
    assert ("Your appeal came after the appeal period" in said) is late
    html = text(client.get(PAGE))
    assert shown in html
    assert "<dt>Outcome</dt><dd>Not decided yet</dd>" in html
    assert "The drafts were shared at a public meeting." in html


def test_the_director_overturns_a_denial_and_the_request_reopens_for_release(
    signed_in: Callable[[str], FlaskClient], services: Services, outbox: Callable[[], list[Any]]
) -> None:
    stored(services, Status.APPEALED, appeal=APPEAL, determined_on=date(2026, 11, 16))
    client = signed_in("director")
    assert f'<a href="{step("appeal_decision")}">Decide the appeal</a>' in text(client.get(PAGE))
    fields = {
        "outcome": "overturned_in_part",
        "explanation": "The summaries are public.",
        "available_on": "2026-11-20",
        "available_at": "10:00",
    }
    preview = text(post(client, step("appeal_decision", "preview"), fields))
    assert "overturned the decision in part. The summaries are public." in preview
    assert "links to them, from 10:00 a.m. on Friday, November 20, 2026." in preview
    assert "The request will be “Reopened by the appeal: release due”." in preview
    assert post(client, step("appeal_decision", "send"), fields).status_code == 303
    request = current(services)
    assert request.status is Status.REOPENED
    assert request.appeal is not None and request.appeal.outcome == "overturned_in_part"
    assert request.release == Release(date(2026, 11, 20), "10:00")
    html = text(client.get(PAGE))
    assert "<dt>Outcome</dt><dd>Denial overturned in part, Mon Nov 16, 2026, 10:00</dd>" in html
    assert f'<a href="{step("partly_released")}">Release the records in part</a>' in html
    (letter,) = [m for m in outbox() if m["To"] == "jane.requester@example.org"]
    assert "Director Person, Library Director" in text_body(letter)


def test_every_status_has_a_label_on_the_desk_and_the_status_page() -> None:
    assert set(STATUS_LABELS) == set(Status)
    for language in ("en", "es"):
        assert set(PUBLIC_LABELS[language]) == {status.value for status in Status}


def test_responses_and_logged_replies_write_no_requester_data_to_the_log(
    signed_in: Callable[[str], FlaskClient],
    services: Services,
    caplog: pytest.LogCaptureFixture,
) -> None:
    stored(services, Status.AWAITING_REQUESTER)
    client = signed_in("coordinator")
    caplog.clear()
    caplog.set_level(logging.DEBUG)
    post(client, ANSWER, {"text": "Only the Quillfeather branch."})
    fields = {"withheld-1-what": "Quillfeather memo", "withheld-1-exemption": "drafts"}
    post(client, step("denied", "preview"), fields)
    assert post(client, step("denied", "send"), fields).status_code == 303
    assert f"denied sent for {NUMBER}; now denied" in caplog.text
    for secret in ("Quillfeather", "Jane Requester", "jane.requester", "Drafts of the 2027"):
        assert secret not in caplog.text


def test_an_answer_that_comes_after_the_decision_is_logged_and_the_decision_stands(
    signed_in: Callable[[str], FlaskClient], services: Services, outbox: Callable[[], list[Any]]
) -> None:
    asked = Question(asked_at=datetime(2026, 11, 17, 10, tzinfo=PACIFIC))
    stored(services, Status.RELEASED, question=asked)
    client = signed_in("coordinator")
    page = text(client.get(PAGE))
    assert "no answer yet. The clock runs on" in page
    assert f'<a href="{ANSWER}">Log an answer that came by email or post</a>' in page
    response = post(client, ANSWER, {"text": "Only the Roseland branch."})
    assert (response.status_code, response.location) == (303, PAGE)
    after = current(services)
    assert (after.status, after.awaiting_answer) == (Status.RELEASED, False)
    assert "after the request was answered" in " ".join(text_body(outbox()[-1]).split())
    assert ANSWER not in text(client.get(PAGE))
