"""Fees through the service: the estimate's letter, payment before mailing, email free.

Requests arrive Monday 2026-11-16 10:00; the coordinator works on later days."""

from __future__ import annotations

from datetime import date

import pytest

from pra.adapters.clocks import FixedClock
from pra.config import Settings, SettingsError
from pra.domain.fees import FeeRefused
from pra.domain.request import DeliveryMethod
from pra.services import Services
from pra.services.deliver import DeliveryOrder, DeliveryRefused, deliver_records
from pra.services.fees import FeeOrder, prepare_fee_estimate, record_payment, send_fee_estimate
from pra.services.respond import Response, send_response
from tests.conftest import text_body
from tests.services.test_respond import COORDINATOR, _letters_to, _on, _submit

BY_MAIL = {
    "format": "paper",
    "delivery": "mail",
    "email": "",
    "mailing_address": "12 Oak Street\nSanta Rosa, CA 95404",
}
COPIES = FeeOrder(pages=120, postage=350)


def flat(text: str) -> str:
    return " ".join(text.split())


def test_paper_copies_by_mail_get_an_estimate_letter_line_by_line(
    services: Services, clock: FixedClock, outbox
) -> None:
    number = _submit(services, **BY_MAIL)
    _on(clock, date(2026, 11, 18))
    after = send_fee_estimate(services, number, COORDINATOR, COPIES)
    assert after.fees is not None and after.fees.total == 1550 and after.fee_owed == 1550
    letter = after.letters[-1]
    assert letter.kind == "fee_estimate"
    text = letter.text
    assert "The copies you asked for will cost $15.50:" in text
    assert "- 120 pages of paper copies at $0.10 a page: $12.00\n- Postage: $3.50" in text
    assert "Copies sent by email are free." in text
    assert "Person to contact:" in text
    # No email: the coordinator gets it to post, with its PDF.
    posted = _letters_to(outbox, "coordinator@library.example")[-1]
    assert posted["Subject"].startswith("To post to the requester:")
    event = services.store.history(number)[-1]
    assert (event.action, event.note, event.public) == ("fee_estimate", "total $15.50", True)


def test_the_per_page_fee_is_the_setting_of_the_day(
    services: Services, clock: FixedClock, settings: Settings
) -> None:
    from pra.bootstrap import bootstrap

    fees = settings.agency.fees.model_copy(update={"per_page": 25})
    agency = settings.agency.model_copy(update={"fees": fees})
    dearer = bootstrap(settings.with_overrides(agency=agency), clock=clock)
    number = _submit(dearer, **BY_MAIL)
    fees = send_fee_estimate(dearer, number, COORDINATOR, FeeOrder(pages=10)).fees
    assert fees is not None and (fees.per_page, fees.total) == (25, 250)


def test_copies_by_email_are_free_but_extraction_is_charged_with_its_note(
    services: Services, clock: FixedClock, outbox
) -> None:
    number = _submit(services)
    with pytest.raises(FeeRefused, match="free"):
        prepare_fee_estimate(services, number, COORDINATOR, COPIES)
    work = FeeOrder(extraction=12_500, extraction_note="A report of 2025 loans by branch")
    after = send_fee_estimate(services, number, COORDINATOR, work)
    text = text_body(_letters_to(outbox, "jane.requester@example.org")[-1])
    assert (
        "- Programming or computer work to produce the data (Government Code § 7922.575): "
        "$125.00 (A report of 2025 loans by branch)"
    ) in text
    assert "Copies sent by email are free" not in text  # they asked for email already
    assert after.fee_owed == 12_500


def test_a_spanish_estimate_is_all_spanish(services: Services, clock: FixedClock) -> None:
    number = _submit(services, language="es", **BY_MAIL)
    text = send_fee_estimate(services, number, COORDINATOR, COPIES).letters[-1].text
    assert "Las copias que pidió costarán $15.50:" in text
    assert "- 120 páginas de copias en papel a $0.10 por página: $12.00" in text
    assert "- Franqueo: $3.50" in text


def test_records_are_mailed_only_once_the_fee_is_paid(
    services: Services, clock: FixedClock
) -> None:
    number = _submit(services, **BY_MAIL)
    _on(clock, date(2026, 11, 18))
    send_fee_estimate(services, number, COORDINATOR, COPIES)
    release = Response("released", available_on=date(2026, 11, 25), available_at="10:00")
    released = send_response(services, number, COORDINATOR, release)
    assert "Please pay $15.50 before you get the records" in released.letters[-1].text
    mail = DeliveryOrder(DeliveryMethod.MAIL)
    with pytest.raises(DeliveryRefused, match=r"\$15.50 is still owed"):
        deliver_records(services, number, COORDINATOR, mail)
    _on(clock, date(2026, 11, 20))
    part = record_payment(services, number, COORDINATOR, 1000, date(2026, 11, 20), "cash")
    assert part.fee_owed == 550
    with pytest.raises(DeliveryRefused, match=r"\$5.50 is still owed"):
        deliver_records(services, number, COORDINATOR, mail)
    paid = record_payment(services, number, COORDINATOR, 550, date(2026, 11, 20), "check 1024")
    assert paid.fee_owed == 0
    assert services.store.history(number)[-1].note == "$5.50; paid in full"
    assert deliver_records(services, number, COORDINATOR, mail).records_owed is False


@pytest.mark.parametrize(
    ("amount", "received", "message"),
    [
        (0, date(2026, 11, 18), "give the amount paid"),
        (100, date(2026, 11, 19), "in the future"),
    ],
)
def test_a_payment_that_cannot_be_is_refused(
    services: Services, clock: FixedClock, amount: int, received: date, message: str
) -> None:
    number = _submit(services, **BY_MAIL)
    _on(clock, date(2026, 11, 18))
    with pytest.raises(FeeRefused, match="nothing is owed"):
        record_payment(services, number, COORDINATOR, 100, received, "")
    send_fee_estimate(services, number, COORDINATOR, COPIES)
    with pytest.raises(FeeRefused, match=message):
        record_payment(services, number, COORDINATOR, amount, received, "")
    assert services.store.get(number).payments == ()  # type: ignore[union-attr]


def test_no_estimate_once_nothing_more_will_be_released(
    services: Services, clock: FixedClock
) -> None:
    number = _submit(services, **BY_MAIL)
    _on(clock, date(2026, 11, 18))
    send_response(services, number, COORDINATOR, Response("no_records"))
    with pytest.raises(FeeRefused, match="only while records may still be released"):
        prepare_fee_estimate(services, number, COORDINATOR, COPIES)


@pytest.mark.parametrize(("raw", "cents"), [("0.25", 25), ("$1", 100), ("", 10)])
def test_the_per_page_fee_is_read_once_from_the_environment(raw: str, cents: int) -> None:
    assert Settings.from_env({"PRA_COPY_FEE_PER_PAGE": raw}).copy_fee_per_page == cents


@pytest.mark.parametrize("raw", ["ten cents", "-0.10", "0.105"])
def test_a_per_page_fee_that_is_not_money_is_refused(raw: str) -> None:
    with pytest.raises(SettingsError, match="PRA_COPY_FEE_PER_PAGE must be dollars and cents"):
        Settings.from_env({"PRA_COPY_FEE_PER_PAGE": raw})
