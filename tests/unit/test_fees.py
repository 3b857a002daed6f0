"""Fees of copies (§ 7922.530; Policy 1002 § III.E), with real dates."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

import pytest
from tests.contract.test_request_store import make_request

from pra.domain.fees import FeeEstimate, FeeRefused, Payment, cents, dollars, estimate_fees

DAY = date(2026, 12, 1)


def estimate(**changes: Any) -> FeeEstimate:
    given: dict[str, Any] = {
        "estimated_on": DAY,
        "per_page": 10,
        "pages": 120,
        "postage": 350,
        "device": 0,
        "extraction": 0,
        "extraction_note": "",
        "electronic_by_email": False,
        **changes,
    }
    return estimate_fees(**given)


def test_paper_copies_by_mail_cost_pages_times_the_fee_plus_postage() -> None:
    fees = estimate()
    assert (fees.copies, fees.total) == (1200, 1550)
    assert dollars(fees.total) == "$15.50"


def test_extraction_is_its_own_line_with_its_note() -> None:
    fees = estimate(pages=0, postage=0, extraction=12_500, extraction_note="  A report  of loans ")
    assert (fees.extraction, fees.extraction_note, fees.total) == (
        12_500,
        "A report of loans",
        12_500,
    )


def test_electronic_copies_by_email_are_free_but_extraction_may_be_charged() -> None:
    with pytest.raises(FeeRefused, match="electronic copies by email are free"):
        estimate(electronic_by_email=True)
    fees = estimate(
        electronic_by_email=True, pages=0, postage=0, extraction=5000, extraction_note="x"
    )
    assert fees.total == 5000


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"extraction": 100}, "say what the programming"),
        ({"pages": -1}, "less than zero"),
        ({"pages": 0, "postage": 0}, "nothing to charge"),
        ({"extraction": 1, "extraction_note": "x" * 501}, "shorten"),
    ],
)
def test_an_estimate_that_cannot_be_charged_is_refused(
    changes: dict[str, Any], message: str
) -> None:
    with pytest.raises(FeeRefused, match=message):
        estimate(**changes)


@pytest.mark.parametrize(
    ("typed", "amount"),
    [("3.50", 350), ("$3.50", 350), ("3", 300), (" 1,234.05 ", 123_405), ("", 0)],
)
def test_amounts_are_read_as_dollars_and_cents(typed: str, amount: int) -> None:
    assert cents(typed) == amount


@pytest.mark.parametrize("typed", ["3.505", "-1", "three", "1e3x"])
def test_an_amount_that_is_not_money_is_refused(typed: str) -> None:
    with pytest.raises(FeeRefused, match="dollars and cents"):
        cents(typed)


def test_money_prints_with_thousands_and_two_decimals() -> None:
    assert [dollars(n) for n in (0, 5, 10, 123_405)] == ["$0.00", "$0.05", "$0.10", "$1,234.05"]


def test_what_is_owed_falls_with_each_payment() -> None:
    request = make_request("PRA-2026-00001", date(2026, 11, 16))
    billed = dataclasses.replace(request, fees=estimate())
    assert (request.fee_owed, billed.fee_owed) == (0, 1550)
    part = dataclasses.replace(billed, payments=(Payment(DAY, 1000),))
    assert part.fee_owed == 550
    paid = dataclasses.replace(part, payments=(Payment(DAY, 1000), Payment(DAY, 600)))
    assert paid.fee_owed == 0
