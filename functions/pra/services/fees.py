"""Fees of copies: the estimate the fee letter states, and payments recorded before mailing.

Policy 1002 § III.E: paper copies at the Commission's per-page fee (Settings, shared with the
site's fees page), postage and storage devices at cost, paid before the records are sent;
copies by email are free. Extraction work (§ 7922.575) is a line of its own.
"""

from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass
from datetime import date

from pra.domain.fees import NOTE_MAX, FeeRefused, Payment, dollars, estimate_fees
from pra.domain.request import DeliveryMethod, HistoryEvent, PraRequest
from pra.ports import StaffAccount
from pra.services import Services
from pra.services.respond import Prepared, send_prepared
from pra.services.side_letters import letter_facts, prepare_side_letter

log = logging.getLogger(__name__)
KIND = "fee_estimate"


@dataclass(frozen=True)
class FeeOrder:
    """The estimate as the coordinator gives it, amounts in cents."""

    pages: int = 0
    postage: int = 0
    device: int = 0
    extraction: int = 0
    extraction_note: str = ""


def prepare_fee_estimate(
    services: Services, number: str, account: StaffAccount, order: FeeOrder
) -> Prepared:
    """Check the estimate and write its letter; store nothing (the preview)."""
    request = services.stored_request(number)
    if not request.may_estimate_fees:
        raise FeeRefused("fees can be estimated only while records may still be released")
    today = services.today()
    estimate = estimate_fees(
        estimated_on=today,
        per_page=services.settings.copy_fee_per_page,
        pages=order.pages,
        postage=order.postage,
        device=order.device,
        extraction=order.extraction,
        extraction_note=order.extraction_note,
        electronic_by_email=request.usual_delivery() is DeliveryMethod.LINK,
    )
    after = dataclasses.replace(request, fees=estimate)
    facts = dataclasses.replace(letter_facts(services, after, account, KIND), fees=estimate)
    note = f"total {dollars(estimate.total)}"
    event = HistoryEvent(services.clock.now(), account.email, KIND, note, public=True)
    return prepare_side_letter(services, request, after, facts, event)


def send_fee_estimate(
    services: Services, number: str, account: StaffAccount, order: FeeOrder
) -> PraRequest:
    after = send_prepared(services, prepare_fee_estimate(services, number, account, order))
    log.info("fee estimate sent for %s", number)
    return after


def record_payment(
    services: Services,
    number: str,
    account: StaffAccount,
    amount: int,
    received_on: date,
    note: str,
) -> PraRequest:
    """A payment received; records may be mailed once nothing is owed."""
    request = services.stored_request(number)
    if request.fee_owed == 0:
        raise FeeRefused("nothing is owed on this request")
    if amount <= 0:
        raise FeeRefused("give the amount paid")
    if received_on > services.today():
        raise FeeRefused("a payment cannot be received in the future")
    note = " ".join(note.split())
    if len(note) > NOTE_MAX:
        raise FeeRefused(f"shorten the note to {NOTE_MAX} characters")
    payment = Payment(received_on, amount, note)
    after = dataclasses.replace(request, payments=(*request.payments, payment))
    owed = f"; {dollars(after.fee_owed)} still owed" if after.fee_owed else "; paid in full"
    event = HistoryEvent(
        services.clock.now(), account.email, "fee_paid", f"{dollars(amount)}{owed}", public=True
    )
    services.store.save(after, request.status, event, [])
    log.info("payment recorded for %s", number)
    return after
