"""The desk's fee estimate, payment and patron-records check, through the Flask client.

The clock reads Monday 2026-11-16, 10:00 (tests/conftest.py); requests arrive at 9:30."""

from __future__ import annotations

import re
from collections.abc import Callable

from flask.testing import FlaskClient

from pra.domain.lifecycle import Status
from pra.domain.patron import PatronCase
from pra.services import Services
from tests.staff.test_actions import NUMBER, PAGE, current, post, stored, text

FEES = f"{PAGE}/fees"
PATRON = f"{PAGE}/patron-check"


def test_an_estimate_is_previewed_sent_and_then_paid_before_mailing(
    signed_in: Callable[[str], FlaskClient], services: Services, outbox
) -> None:
    stored(services, email=None)  # paper copies by post
    client = signed_in("coordinator")
    page = text(client.get(PAGE))
    assert f'href="{FEES}">Estimate fees</a>' in page
    form = text(client.get(FEES))
    assert "At $0.10 a page, the Library Commission's fee." in form
    # Copies by post: the form starts from the agency's postage for one envelope (agency.toml).
    assert re.search(r'<input(?=[^>]*name="postage")(?=[^>]*value="0\.78")', form)
    fields = {"pages": "120", "postage": "3.50"}
    preview = text(post(client, f"{FEES}/preview", fields))
    assert "The copies you asked for will cost $15.50:" in preview
    assert '<input type="hidden" name="pages" value="120">' in preview
    assert current(services).fees is None  # a preview stores nothing
    sent = post(client, f"{FEES}/send", fields)
    assert sent.status_code == 303
    assert current(services).fee_owed == 1550
    page = text(client.get(PAGE))
    assert "$15.50 estimated" in page and "$15.50 owed" in page
    assert f'href="{PAGE}/payments">Record a payment</a>' in page
    paid = post(
        client,
        f"{PAGE}/payments",
        {"amount": "15.50", "received_on": "2026-11-16", "note": "check 1024"},
    )
    assert paid.status_code == 303
    assert current(services).fee_owed == 0
    assert "Record a payment" not in text(client.get(PAGE))


def test_fee_fields_that_are_not_numbers_are_named(
    signed_in: Callable[[str], FlaskClient], services: Services
) -> None:
    stored(services, email=None)
    client = signed_in("coordinator")
    fields = {"pages": "ten", "postage": "3.505", "extraction": "25"}
    response = post(client, f"{FEES}/preview", fields)
    assert response.status_code == 400
    page = text(response)
    assert "Give the number of pages as a whole number, like 120" in page
    assert "Write an amount in dollars and cents, like 3.50, not '3.505'" in page
    fixed = {"pages": "10", "extraction": "25"}
    refused = post(client, f"{FEES}/preview", fixed)
    assert refused.status_code == 400
    assert "Say what the programming or extraction work is for." in text(refused)


def test_copies_by_email_cannot_be_charged_for(
    signed_in: Callable[[str], FlaskClient], services: Services
) -> None:
    stored(services)
    response = post(signed_in("coordinator"), f"{FEES}/preview", {"pages": "10"})
    assert response.status_code == 400
    assert "Electronic copies by email are free" in text(response)


def test_a_payment_in_the_future_or_not_money_is_refused(
    signed_in: Callable[[str], FlaskClient], services: Services
) -> None:
    stored(services, email=None)
    client = signed_in("coordinator")
    post(client, f"{FEES}/send", {"pages": "10"})
    future = post(client, f"{PAGE}/payments", {"amount": "1", "received_on": "2026-11-17"})
    assert future.status_code == 400 and "cannot be received in the future" in text(future)
    words = post(client, f"{PAGE}/payments", {"amount": "one", "received_on": "someday"})
    assert "Give the date it was paid as year-month-day" in text(words)
    assert current(services).payments == ()


def test_a_reader_cannot_estimate_fees(
    signed_in: Callable[[str], FlaskClient], services: Services
) -> None:
    stored(services, email=None)
    client = signed_in("staff")
    assert "Estimate fees" not in text(client.get(PAGE))
    assert client.get(FEES).status_code == 403


def test_a_parent_of_a_child_under_13_is_recorded_with_four_digits_only(
    signed_in: Callable[[str], FlaskClient], services: Services
) -> None:
    stored(services)
    client = signed_in("coordinator")
    assert "Record who is asking for patron records" in text(client.get(PAGE))
    whole = {
        "case": "child_under_13",
        "identity": "library_card",
        "card_last_four": "21234000123456",
    }
    refused = post(client, f"{PATRON}/check", whole)
    assert refused.status_code == 400
    assert "Keep at most the last four digits of the card number." in text(refused)
    assert current(services).patron_check is None
    recorded = post(client, f"{PATRON}/check", {**whole, "card_last_four": "3456"})
    assert recorded.status_code == 303
    check = current(services).patron_check
    assert check is not None and check.case is PatronCase.CHILD_UNDER_13
    page = text(client.get(PAGE))
    assert "the child's circulation records only" in page and "card ending 3456" in page
    assert "21234000123456" not in page


def test_a_request_the_policy_does_not_allow_is_referred_after_a_preview(
    signed_in: Callable[[str], FlaskClient], services: Services, outbox
) -> None:
    stored(services)
    client = signed_in("coordinator")
    fields = {"case": "not_qualified", "identity": "none"}
    preview = text(post(client, f"{PATRON}/check", fields))
    assert "We have passed it to the Branch Manager" in preview
    assert current(services).patron_check is None
    sent = post(client, f"{PATRON}/send", fields)
    assert sent.status_code == 303
    after = current(services)
    assert after.patron_check is not None and after.patron_check.referred
    assert after.status is Status.RECEIVED and after.patron_records
    assert [m["To"] for m in outbox()][-2:] == [
        "jane.requester@example.org",
        "branch-manager@library.example",
    ]


def test_a_check_without_choices_names_both_fields(
    signed_in: Callable[[str], FlaskClient], services: Services
) -> None:
    stored(services)
    response = post(signed_in("coordinator"), f"{PATRON}/check", {})
    assert response.status_code == 400
    page = text(response)
    assert "Choose who is asking" in page and "Choose what identity you checked" in page
    assert NUMBER in page
