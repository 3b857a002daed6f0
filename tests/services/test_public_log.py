"""The public request log: newest first, a page at a time, only listed requests, their
approved summaries, and nothing that identifies a requester (SQLite; the clock reads Monday
16 November 2026)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from pra.adapters.clocks import FixedClock
from pra.domain.request import parse_submission
from pra.services import Services
from pra.services.patron import mark_patron_records
from pra.services.public_log import (
    ListingRefused,
    PublicLogOff,
    approve_summary,
    feed_items,
    keep_off_log,
    list_again,
    listed_request,
    public_log_page,
)
from pra.services.respond import Response, send_response
from pra.services.submit import submit_request
from tests.conftest import VALID_REQUEST
from tests.services.test_respond import COORDINATOR as SIGNER

COORDINATOR = "ana.coordinator@library.example"


def _submit(services: Services, count: int) -> list[str]:
    return [
        submit_request(services, parse_submission(VALID_REQUEST)).tracking_number
        for _ in range(count)
    ]


def test_pages_go_newest_first_and_skip_what_is_not_listed(services: Services) -> None:
    numbers = _submit(services, 120)
    mark_patron_records(services, numbers[-1], True, COORDINATOR)
    keep_off_log(services, numbers[-2], "It names a child in its description.", COORDINATOR)
    first = public_log_page(services, limit=50)
    shown = [entry.facts.tracking_number for entry in first.entries]
    assert shown == numbers[-3::-1][:50]  # 00118 down to 00069
    assert first.next_before == "PRA-2026-00069"
    second = public_log_page(services, first.next_before, limit=50)
    third = public_log_page(services, second.next_before, limit=50)
    assert [e.facts.tracking_number for e in third.entries] == numbers[17::-1]
    assert third.next_before is None
    assert len({e.facts.tracking_number for p in (first, second, third) for e in p.entries}) == 118


def test_a_page_that_ends_exactly_at_the_last_request_says_there_is_no_next(
    services: Services,
) -> None:
    _submit(services, 4)
    page = public_log_page(services, limit=4)
    assert (len(page.entries), page.next_before) == (4, None)
    assert public_log_page(services, limit=3).next_before == "PRA-2026-00002"


def test_a_summary_is_pending_until_the_coordinator_approves_one(services: Services) -> None:
    (number,) = _submit(services, 1)
    assert listed_request(services, number).summary is None  # type: ignore[union-attr]
    approve_summary(services, number, "  Minutes of the Library board,\n 2025 ", COORDINATOR)
    entry = listed_request(services, number)
    assert entry is not None and entry.summary == "Minutes of the Library board, 2025"
    event = services.store.history(number)[-1]
    assert (event.action, event.actor, event.public) == ("public_summary", COORDINATOR, False)


def test_a_request_kept_off_is_listed_again_on_request(services: Services) -> None:
    (number,) = _submit(services, 1)
    keep_off_log(services, number, "Names a minor", COORDINATOR)
    assert listed_request(services, number) is None
    assert services.store.history(number)[-1].note == "Names a minor"
    list_again(services, number, COORDINATOR)
    assert listed_request(services, number) is not None


@pytest.mark.parametrize("summary", ["", "   ", "x" * 501, "Board\u202eminutes"])
def test_a_summary_that_cannot_be_kept_is_refused(services: Services, summary: str) -> None:
    (number,) = _submit(services, 1)
    with pytest.raises(ListingRefused):
        approve_summary(services, number, summary, COORDINATOR)
    assert services.store.get(number).public_listing.summary is None  # type: ignore[union-attr]


def test_nothing_of_the_requester_is_in_an_entry(services: Services) -> None:
    _submit(services, 1)
    text = repr(public_log_page(services))
    for private in ("name", "email", "phone", "mailing_address", "description"):
        value = VALID_REQUEST.get(private)
        if value:
            assert str(value) not in text, private


def test_the_log_is_off_when_the_agency_switches_it_off(services: Services) -> None:
    off = replace(services, settings=services.settings.with_overrides(public_log=False))
    with pytest.raises(PublicLogOff):
        public_log_page(off)


def test_the_feed_carries_a_status_change_of_an_old_open_request(
    services: Services, clock: FixedClock
) -> None:
    numbers = _submit(services, 5)
    clock.advance(minutes=30)
    for number in numbers[2:]:  # the three newest closed: nothing more will change
        send_response(services, number, SIGNER, Response("no_records", explanation="None."))
    clock.advance(minutes=30)
    send_response(services, numbers[0], SIGNER, Response("clarification", question="Which year?"))
    items = feed_items(services, size=2)
    # The oldest request is beyond the newest page, but open: its letter is the latest news.
    assert [item.entry.facts.tracking_number for item in items] == [numbers[0], numbers[4]]
    assert items[0].updated == clock.now()
