"""A question to the requester never stops the clock (§ 7922.535 has no pause).

The request arrives on Monday 2026-11-16 (initial response due Monday 2026-11-30); the
coordinator asks a question on Wednesday 2026-11-18 and the requester has not answered.
"""

from __future__ import annotations

from datetime import date

import pytest

from pra.adapters.clocks import FixedClock
from pra.domain.lifecycle import IllegalTransition, Status
from pra.domain.request import DueKind
from pra.services import Services
from pra.services.replies import receive_clarification
from pra.services.respond import Response, actions_allowed, send_response
from pra.services.sweep import run_sweep
from tests.conftest import text_body
from tests.services.test_respond import COORDINATOR, _letters_to, _on, _submit

ASKED = date(2026, 11, 18)


@pytest.fixture
def asked(services: Services, clock: FixedClock) -> str:
    number = _submit(services)
    _on(clock, ASKED)
    question = Response("clarification", question="Which branch do you mean?")
    assert send_response(services, number, COORDINATOR, question).status is (
        Status.AWAITING_REQUESTER
    )
    return number


def stored(services: Services, number: str):  # type: ignore[no-untyped-def]
    found = services.store.get(number)
    assert found is not None
    return found


def test_while_the_answer_is_awaited_every_response_may_still_go_out(
    services: Services, asked: str
) -> None:
    request = stored(services, asked)
    assert request.awaiting_answer and request.question_asked_on == ASKED
    allowed = actions_allowed(request, COORDINATOR, ASKED)
    for kind in ("initial_response", "extension", "released", "partly_released"):
        assert kind in allowed
    for kind in ("no_records", "denied", "withdrawn", "clarification"):
        assert kind in allowed
    # The clock runs on: the determination is still owed by the same date.
    assert request.dues() == [(date(2026, 11, 30), DueKind.DETERMINATION)]


def test_the_sweep_reminds_and_escalates_while_the_answer_is_awaited(
    services: Services, clock: FixedClock, asked: str, outbox, settings
) -> None:
    _on(clock, date(2026, 12, 1), hour=7)  # the day after the due date, no answer
    run_sweep(services)
    overdue = [m for m in _letters_to(outbox, settings.director_email) if asked in m["Subject"]]
    assert overdue, [m["Subject"] for m in outbox()]


def test_the_determination_goes_out_on_the_scope_as_understood_and_says_so(
    services: Services, clock: FixedClock, asked: str, outbox
) -> None:
    _on(clock, date(2026, 11, 25))
    release = Response("released", available_on=date(2026, 12, 2), available_at="10:00")
    after = send_response(services, asked, COORDINATOR, release)
    assert after.status is Status.RELEASED
    assert after.awaiting_answer  # the question stays open: an answer may still come
    letter = text_body(_letters_to(outbox, "jane.requester@example.org")[-1])
    assert (
        "We asked you a question on Wednesday, November 18, 2026 and have not had your "
        "answer yet. The law does not let us stop the clock while we wait, so this letter "
        "answers your request as we understood it."
    ) in " ".join(letter.split())
    assert after.letters[-1].text.count("We asked you a question on") == 1


def test_an_answer_after_the_determination_is_kept_and_the_coordinator_told(
    services: Services, clock: FixedClock, asked: str, outbox, settings
) -> None:
    _on(clock, date(2026, 11, 25))
    send_response(services, asked, COORDINATOR, Response("no_records"))
    _on(clock, date(2026, 11, 27))
    after = receive_clarification(services, stored(services, asked), "The Roseland branch.")
    assert after.status is Status.NO_RECORDS  # the decision stands; nothing reopens by itself
    assert not after.awaiting_answer
    assert after.question is not None and after.question.answered_at == clock.now()
    event = services.store.history(asked)[-1]
    assert (event.action, event.note, event.public) == (
        "clarification_received",
        "The Roseland branch.",
        False,
    )
    notice = _letters_to(outbox, settings.coordinator_email)[-1]
    assert notice["Subject"] == f"Clarification received for {asked}"
    assert "after the request was answered" in " ".join(text_body(notice).split())
    # Answered once: a second answer has no question to answer.
    with pytest.raises(IllegalTransition):
        receive_clarification(services, after, "And Central too.")


def test_an_answer_before_the_determination_returns_the_request_to_the_coordinator(
    services: Services, asked: str
) -> None:
    after = receive_clarification(services, stored(services, asked), "The Roseland branch.")
    assert (after.status, after.awaiting_answer) == (Status.RECEIVED, False)
    letters = [letter.kind for letter in after.letters]
    assert letters == ["clarification"]


def test_a_letter_with_no_question_open_says_nothing_of_one(
    services: Services, clock: FixedClock, asked: str
) -> None:
    receive_clarification(services, stored(services, asked), "The Roseland branch.")
    _on(clock, date(2026, 11, 20))
    release = Response("released", available_on=date(2026, 12, 2), available_at="10:00")
    after = send_response(services, asked, COORDINATOR, release)
    assert "We asked you a question" not in after.letters[-1].text
