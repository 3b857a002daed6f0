"""What the public log, the statistics and the open data may know of a request (plain domain,
real dates: received Monday 16 November 2026, due Monday 30 November after Thanksgiving)."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime

from tests.conftest import PACIFIC
from tests.unit.test_retention import _request

from pra.domain.lifecycle import Status
from pra.domain.public_log import listed, outcome, request_facts
from pra.domain.request import Appeal, Extension, PublicListing, Release

DUE = date(2026, 11, 30)


def test_an_open_request_is_due_and_not_yet_overdue_until_the_day_after() -> None:
    request = _request(Status.RECEIVED)
    assert request.deadlines.initial_response_due == DUE
    facts = request_facts(request, DUE)
    assert (facts.received_on, facts.determination_due, facts.overdue) == (
        date(2026, 11, 16),
        DUE,
        False,
    )
    assert facts.determination_on_time is None and facts.days_to_determination is None
    assert outcome(facts) is None
    assert request_facts(request, date(2026, 12, 1)).overdue


def test_an_extended_request_is_measured_against_its_new_date() -> None:
    extension = Extension("voluminous", date(2026, 12, 14), date(2026, 11, 25))
    extended = _request(Status.EXTENDED, extension=extension)
    facts = request_facts(extended, date(2026, 12, 2))
    assert (facts.determination_due, facts.extended_to, facts.extension_reason) == (
        date(2026, 12, 14),
        date(2026, 12, 14),
        "voluminous",
    )
    assert not facts.overdue  # 2 December: past the first date, not the extended one
    decided = dataclasses.replace(
        extended,
        status=Status.PARTLY_RELEASED,
        determined_on=date(2026, 12, 15),
        release=Release(date(2026, 12, 22), "10:00", delivered_on=date(2026, 12, 21)),
        exemptions_cited=("personnel", "deliberative"),
    )
    facts = request_facts(decided, date(2027, 1, 4))
    assert facts.determination_on_time is False  # one day late
    assert facts.days_to_determination == 29
    assert (facts.release_on_time, facts.days_to_release) == (True, 35)
    assert facts.exemptions == ("personnel", "deliberative")
    assert outcome(facts) == "partly_released"


def test_an_appeal_and_its_outcome_are_public_facts() -> None:
    appeal = Appeal(
        received_at=datetime(2026, 12, 3, 9, tzinfo=PACIFIC),
        reasons="The minutes are not deliberative.",
        window_closed=date(2026, 12, 10),
        late=False,
        decision_due=date(2026, 12, 17),
        outcome="upheld",
        decided_at=datetime(2026, 12, 16, 15, tzinfo=PACIFIC),
    )
    request = _request(Status.APPEAL_DECIDED, appeal=appeal, determined_on=date(2026, 11, 30))
    facts = request_facts(request, date(2026, 12, 20))
    assert (facts.appealed_on, facts.appeal_outcome, facts.determination_on_time) == (
        date(2026, 12, 3),
        "upheld",
        True,
    )
    assert outcome(facts) == "appeal_decided"


def test_the_facts_carry_nothing_that_identifies_the_requester() -> None:
    request = _request(Status.RECEIVED)
    text = repr(request_facts(request, DUE))
    for private in (
        "Ana Ruiz",
        "707-555-0100",
        "Elm St",
        "Board minutes",
        request.access_code_digest,
    ):
        assert private not in text


def test_patron_records_and_requests_kept_off_are_not_listed() -> None:
    assert listed(_request(Status.RECEIVED))
    assert not listed(_request(Status.RECEIVED, patron_records=True))
    kept_off = PublicListing(summary="A summary", kept_off="Names a minor in the description")
    assert not listed(_request(Status.RECEIVED, public_listing=kept_off))
