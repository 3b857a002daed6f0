"""Written responses through the service: each a letter, a lifecycle move and a history event.

Requests are submitted on Monday 2026-11-16 (initial response due Monday 2026-11-30, an
extension may reach Thursday 2026-12-10) and answered on later days by moving the clock.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from pra.adapters.clocks import FixedClock
from pra.domain.lifecycle import IllegalTransition, Status
from pra.domain.request import DueKind, Language, Release, parse_submission
from pra.domain.responses import ResponseRefused
from pra.ports import StaffAccount
from pra.services import Services
from pra.services.respond import Response, actions_allowed, prepare_response, send_response
from pra.services.submit import submit_request
from tests.conftest import PACIFIC, VALID_REQUEST, text_body

COORDINATOR = StaffAccount(
    email="ana.coordinator@library.example",
    name="Ana Coordinator",
    title="PRA Coordinator",
    role="coordinator",
    password_hash="x",
    phone="707-555-0101",
)
DIRECTOR = StaffAccount(
    email="dana.director@library.example",
    name="Dana Director",
    title="Library Director",
    role="director",
    password_hash="x",
)
READER = StaffAccount("sam@library.example", "Sam", "Clerk", "staff", "x")


def _submit(services: Services, **changes: object) -> str:
    data = {**VALID_REQUEST, **changes}
    return submit_request(services, parse_submission(data)).tracking_number


def _on(clock: FixedClock, day: date, hour: int = 11) -> None:
    clock.advance(
        seconds=(
            datetime(day.year, day.month, day.day, hour, tzinfo=PACIFIC) - clock.now()
        ).total_seconds()
    )


def _letters_to(outbox, address: str):
    return [m for m in outbox() if m["To"] == address]


def test_initial_response_moves_the_request_and_emails_the_letter(
    services: Services, clock: FixedClock, outbox
) -> None:
    number = _submit(services)
    _on(clock, date(2026, 11, 20))
    after = send_response(
        services,
        number,
        COORDINATOR,
        Response(
            "initial_response",
            presumed_scope="Minutes only",
            available_on=date(2026, 12, 4),
            available_at="10:00",
        ),
    )
    assert after.status is Status.INITIAL_RESPONSE_SENT
    stored = services.store.get(number)
    assert stored is not None and stored.status is Status.INITIAL_RESPONSE_SENT
    (letter,) = stored.letters
    assert (letter.kind, letter.signed_by) == (
        "initial_response",
        "Ana Coordinator, PRA Coordinator",
    )
    event = services.store.history(number)[-1]
    assert (event.actor, event.action) == (COORDINATOR.email, "initial_response")
    (email,) = [m for m in _letters_to(outbox, VALID_REQUEST["email"]) if "Minutes" in text_body(m)]
    body = text_body(email)
    assert "Ana Coordinator" in body and "PRA Coordinator" in body and "Minutes only" in body
    # Answered: the determination date is met; the promised date of the records is watched.
    assert (stored.next_due, stored.next_due_kind) == (date(2026, 12, 4), DueKind.RELEASE)
    assert stored.release == Release(date(2026, 12, 4), "10:00")


def test_the_preview_stores_nothing(services: Services, clock: FixedClock) -> None:
    number = _submit(services)
    before = services.store.history(number)
    prepared = prepare_response(
        services, number, COORDINATOR, Response("clarification", question="Which year?")
    )
    assert "Which year?" in prepared.letter.text
    assert prepared.after.status is Status.AWAITING_REQUESTER
    assert services.store.get(number).status is Status.RECEIVED  # type: ignore[union-attr]
    assert services.store.history(number) == before


def test_extension_moves_the_due_date_within_the_limit(
    services: Services, clock: FixedClock
) -> None:
    number = _submit(services)
    _on(clock, date(2026, 11, 25))
    after = send_response(
        services,
        number,
        COORDINATOR,
        Response("extension", reason="voluminous", new_due=date(2026, 12, 8)),
    )
    assert after.status is Status.EXTENDED
    assert after.extension is not None and after.extension.new_due == date(2026, 12, 8)
    assert services.store.open_due_by(date(2026, 12, 7)) == []
    assert [r.tracking_number for r in services.store.open_due_by(date(2026, 12, 8))] == [number]
    assert "2026-12-08" in services.store.history(number)[-1].note


@pytest.mark.parametrize(
    ("day", "reason", "new_due", "message"),
    [
        # After the initial due date (Monday 2026-11-30) it is too late to extend.
        (date(2026, 12, 1), "voluminous", date(2026, 12, 8), "by the initial due date"),
        # 14 days past the nominal tenth day, moved to a business day: Thursday 2026-12-10.
        (date(2026, 11, 20), "voluminous", date(2026, 12, 11), "2026-12-10 at the latest"),
        (date(2026, 11, 20), "weather", date(2026, 12, 8), "not one of the unusual"),
        (date(2026, 11, 20), "voluminous", None, "the date the determination"),
    ],
)
def test_an_extension_outside_the_law_is_refused_and_stores_nothing(
    services: Services, clock: FixedClock, day, reason, new_due, message
) -> None:
    number = _submit(services)
    _on(clock, day)
    with pytest.raises(ResponseRefused, match=message):
        send_response(
            services, number, COORDINATOR, Response("extension", reason=reason, new_due=new_due)
        )
    assert services.store.get(number).status is Status.RECEIVED  # type: ignore[union-attr]


def test_partial_release_cites_each_ground_and_gives_the_appeal_date(
    services: Services, clock: FixedClock, outbox
) -> None:
    number = _submit(services, language="es")
    _on(clock, date(2026, 11, 24))
    after = send_response(
        services,
        number,
        COORDINATOR,
        Response(
            "partly_released",
            available_on=date(2026, 11, 30),
            available_at="10:00",
            withheld=(("Personnel evaluation", "personnel"),),
        ),
    )
    assert (after.status, after.determined_on) == (Status.PARTLY_RELEASED, date(2026, 11, 24))
    letter = after.letters[-1]
    assert letter.language == "es"
    # Ten calendar days from dispatch: Friday 2026-12-04.
    assert "4 de diciembre de 2026" in letter.text
    assert "7927.700" in letter.text
    # The copy kept is the copy sent, name and all.
    (email,) = [
        m for m in _letters_to(outbox, VALID_REQUEST["email"]) if "7927.700" in text_body(m)
    ]
    assert VALID_REQUEST["name"] in letter.text
    assert " ".join(letter.text.split()) == " ".join(text_body(email).split())


@pytest.mark.parametrize(
    ("response", "message"),
    [
        (Response("denied"), "each record withheld"),
        (Response("released", available_on=date(2026, 12, 1)), "the time the records"),
        # The initial response's letter reads "from {time}": without one it said "from .".
        (Response("initial_response", available_on=date(2026, 12, 1)), "the time the records"),
        (Response("clarification", question="  "), "the question"),
        (Response("denied", withheld=(("Drafts", "no-such-ground"),)), "not in the exemption"),
        (Response("denied", withheld=(("", "personnel"),)), "what each withholding"),
        (Response("reopen"), "no response called"),
    ],
)
def test_a_letter_missing_what_the_law_requires_is_refused(
    services: Services, response: Response, message: str
) -> None:
    number = _submit(services)
    with pytest.raises(ResponseRefused, match=message):
        prepare_response(services, number, COORDINATOR, response)


def test_an_illegal_transition_is_refused(services: Services) -> None:
    number = _submit(services)
    send_response(services, number, COORDINATOR, Response("no_records"))
    with pytest.raises(IllegalTransition, match="no records cannot deny"):
        send_response(
            services, number, COORDINATOR, Response("denied", withheld=(("All", "personnel"),))
        )


def test_roles_decide_who_may_send_what(services: Services) -> None:
    number = _submit(services)
    request = services.store.get(number)
    assert request is not None
    assert actions_allowed(request, READER, date(2026, 11, 16)) == []
    assert "extension" in actions_allowed(request, COORDINATOR, date(2026, 11, 30))
    # After the initial due date (Monday 2026-11-30) an extension is no longer offered.
    assert "extension" not in actions_allowed(request, COORDINATOR, date(2026, 12, 1))
    with pytest.raises(ResponseRefused, match="staff role"):
        prepare_response(services, number, READER, Response("no_records"))


def test_a_request_without_email_gets_its_letter_posted_by_the_coordinator(
    services: Services, outbox, settings
) -> None:
    number = _submit(services, email="", delivery="pickup")
    after = send_response(services, number, COORDINATOR, Response("no_records"))
    assert after.letters[-1].kind == "no_records"
    posted = [m for m in _letters_to(outbox, settings.coordinator_email) if "post" in m["Subject"]]
    assert len(posted) == 1 and number in posted[0]["Subject"]


def test_appeal_decisions_belong_to_the_director(services: Services, clock: FixedClock) -> None:
    from pra.services.replies import submit_appeal

    number = _submit(services)
    send_response(
        services, number, COORDINATOR, Response("denied", withheld=(("All", "personnel"),))
    )
    request = services.store.get(number)
    assert request is not None
    submit_appeal(services, request, "The minutes are public.")
    with pytest.raises(ResponseRefused, match="coordinator role"):
        prepare_response(
            services, number, COORDINATOR, Response("appeal_overturned", explanation="Public.")
        )
    clock.advance(days=3)
    overturned = Response(
        "appeal_overturned",
        explanation="They are public.",
        available_on=date(2026, 11, 24),
        available_at="09:00",
    )
    after = send_response(services, number, DIRECTOR, overturned)
    assert after.status is Status.REOPENED
    assert after.appeal is not None and after.appeal.outcome == "overturned"
    # The reopened request owes the records by the date the decision promised.
    assert (after.next_due, after.next_due_kind) == (date(2026, 11, 24), DueKind.RELEASE)
    assert "released" in actions_allowed(after, COORDINATOR, date(2026, 11, 19))


def test_spanish_requesters_get_spanish_letters(services: Services, outbox) -> None:
    number = _submit(services, language=Language.ES.value)
    after = send_response(services, number, COORDINATOR, Response("no_records"))
    assert after.letters[-1].language == "es"
    # The acknowledgement and the letter, both in Spanish.
    emails = _letters_to(outbox, VALID_REQUEST["email"])
    assert [m["Content-Language"] for m in emails] == ["es", "es"]


@pytest.mark.parametrize(
    ("kind", "fields"),
    [
        ("denied", {"withheld": (("All of it", "personnel"),)}),
        ("no_records", {}),
        ("withdrawn", {"note": "withdrawn by the requester"}),
    ],
)
def test_a_response_that_releases_nothing_lets_an_earlier_promise_lapse(
    services: Services, clock: FixedClock, kind: str, fields: dict[str, object]
) -> None:
    number = _submit(services)
    promise = Response("initial_response", available_on=date(2026, 12, 4), available_at="10:00")
    send_response(services, number, COORDINATOR, promise)
    after = send_response(services, number, COORDINATOR, Response(kind, **fields))
    assert (after.release, after.next_due, after.records_owed) == (None, None, False)


def test_a_release_letter_replaces_the_initial_responses_promise(
    services: Services, clock: FixedClock
) -> None:
    number = _submit(services)
    promise = Response("initial_response", available_on=date(2026, 12, 4), available_at="10:00")
    send_response(services, number, COORDINATOR, promise)
    release = Response("released", available_on=date(2026, 12, 2), available_at="14:30")
    after = send_response(services, number, COORDINATOR, release)
    assert after.release == Release(date(2026, 12, 2), "14:30")
    assert "available 2026-12-02 14:30" in services.store.history(number)[-1].note
