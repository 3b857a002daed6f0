"""When a request counts as closed, and what erasing its contacts leaves (plain domain)."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime

import pytest
from tests.conftest import PACIFIC

from pra.domain.calendar import BusinessCalendar
from pra.domain.deadlines import deadlines_for
from pra.domain.lifecycle import Status
from pra.domain.request import (
    Appeal,
    DeliveryMethod,
    PraRequest,
    RecordsDelivery,
    Release,
    SentLetter,
    Submission,
)
from pra.domain.retention import without_contacts

RECEIVED = datetime(2026, 11, 16, 10, tzinfo=PACIFIC)


def _letter(
    day: date, language: str = "en", text: str = "Dear Ana Ruiz,\n\nNo records."
) -> SentLetter:
    sent = datetime(day.year, day.month, day.day, 11, tzinfo=PACIFIC)
    return SentLetter(
        "no_records", sent, language, "Your request", text, "Ana, Coordinator", ("Ana Ruiz",)
    )


def _request(status: Status, **changes: object) -> PraRequest:
    request = PraRequest(
        tracking_number="PRA-2026-00001",
        access_code_digest="d" * 64,
        received_at=RECEIVED,
        deadlines=deadlines_for(RECEIVED.date(), BusinessCalendar()),
        submission=Submission(
            description="Board minutes of 2025",
            delivery="mail",
            name="Ana Ruiz",
            phone="707-555-0100",
            mailing_address="12 Elm St\nSanta Rosa CA 95404",
        ),
        status=status,
    )
    return dataclasses.replace(request, **changes)


@pytest.mark.parametrize(
    "status",
    [
        Status.RECEIVED,
        Status.AWAITING_REQUESTER,
        Status.EXTENDED,
        Status.INITIAL_RESPONSE_SENT,
        Status.APPEALED,
        Status.REOPENED,
    ],
)
def test_a_request_still_answerable_is_not_closed(status: Status) -> None:
    assert _request(status, letters=(_letter(date(2026, 11, 18)),)).closed_on is None


def test_a_final_answer_closes_the_request_on_the_day_of_its_letter() -> None:
    letters = (_letter(date(2026, 11, 18)), _letter(date(2026, 11, 24)))
    assert _request(Status.NO_RECORDS, letters=letters).closed_on == date(2026, 11, 24)
    assert _request(Status.WITHDRAWN).closed_on == date(2026, 11, 16)  # by the requester


def test_released_records_close_it_only_once_all_are_delivered() -> None:
    promised = Release(due_on=date(2026, 12, 1), due_at="10:00")
    owed = _request(Status.RELEASED, letters=(_letter(date(2026, 11, 18)),), release=promised)
    assert owed.closed_on is None
    final = RecordsDelivery(datetime(2026, 12, 2, 9, tzinfo=PACIFIC), DeliveryMethod.MAIL)
    done = dataclasses.replace(
        owed,
        release=dataclasses.replace(promised, delivered_on=date(2026, 12, 2)),
        deliveries=(final,),
    )
    assert done.closed_on == date(2026, 12, 2)


def test_an_upheld_appeal_closes_it_on_the_day_of_the_decision() -> None:
    appeal = Appeal(
        received_at=datetime(2026, 11, 20, 9, tzinfo=PACIFIC),
        reasons="The minutes are public.",
        window_closed=date(2026, 11, 30),
        late=False,
        decision_due=date(2026, 11, 30),
        outcome="upheld",
        decided_at=datetime(2026, 11, 27, 15, tzinfo=PACIFIC),
    )
    decided = _request(Status.APPEAL_DECIDED, letters=(_letter(date(2026, 11, 18)),), appeal=appeal)
    assert decided.closed_on == date(2026, 11, 27)


def test_erasure_leaves_the_request_and_addresses_its_letters_to_requester() -> None:
    letters = (
        _letter(date(2026, 11, 18)),
        _letter(date(2026, 11, 19), "es", "Estimado/a Ana Ruiz:"),
    )
    closed = _request(Status.NO_RECORDS, letters=letters)
    erased = without_contacts(closed, date(2028, 11, 17))
    assert erased.contacts_erased_on == date(2028, 11, 17)
    assert erased.submission.description == "Board minutes of 2025"
    assert [letter.text for letter in erased.letters] == [
        "Dear Requester,\n\nNo records.",
        "Estimado/a Solicitante:",
    ]
    assert [letter.address for letter in erased.letters] == [("Requester",), ("Solicitante",)]
    assert "Ana Ruiz" not in repr(erased) and "Elm St" not in repr(erased)
    assert erased.closed_on == closed.closed_on
