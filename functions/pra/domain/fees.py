"""What copies cost (Gov. Code § 7922.530; Policy 1002 § III.E), in whole cents.

Paper copies cost the per-page fee the Library Commission sets; postage or delivery and a
storage device cost what they cost, paid before the records are sent. An electronic copy by
email is free. Producing data in a form that does not exist yet may cost the programming or
computer work it takes (§ 7922.575), a line of its own with a note saying what it pays for.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

NOTE_MAX = 500


class FeeRefused(ValueError):
    """The estimate or payment cannot be recorded as given; the message says why."""


@dataclass(frozen=True)
class FeeEstimate:
    """The estimate the fee letter states, line by line."""

    estimated_on: date
    pages: int = 0
    per_page: int = 0  # cents: the Commission's fee on the day it was estimated
    postage: int = 0  # postage or delivery (Policy 1002 § III.E)
    device: int = 0  # a flash drive or disc
    extraction: int = 0  # programming or computer work to produce the data (§ 7922.575)
    extraction_note: str = ""

    @property
    def copies(self) -> int:
        return self.pages * self.per_page

    @property
    def total(self) -> int:
        return self.copies + self.postage + self.device + self.extraction


@dataclass(frozen=True)
class Payment:
    """A payment the coordinator recorded: records go by mail only once there is one."""

    received_on: date
    amount: int  # cents
    note: str = ""  # how it was paid, e.g. "check 1024"


def estimate_fees(
    *,
    estimated_on: date,
    per_page: int,
    pages: int,
    postage: int,
    device: int,
    extraction: int,
    extraction_note: str,
    electronic_by_email: bool,
) -> FeeEstimate:
    """The estimate, or FeeRefused when a line cannot be charged."""
    if min(pages, postage, device, extraction) < 0:
        raise FeeRefused("a fee cannot be less than zero")
    if electronic_by_email and (pages or postage or device):
        raise FeeRefused(
            "electronic copies by email are free (Policy 1002 § III.E): only programming or "
            "extraction work may be charged"
        )
    note = " ".join(extraction_note.split())
    if extraction and not note:
        raise FeeRefused("say what the programming or extraction work is for")
    if len(note) > NOTE_MAX:
        raise FeeRefused(f"shorten the note on the extraction work to {NOTE_MAX} characters")
    estimate = FeeEstimate(estimated_on, pages, per_page, postage, device, extraction, note)
    if estimate.total == 0:
        raise FeeRefused("there is nothing to charge: an estimate needs at least one cost")
    return estimate


def cents(text: str) -> int:
    """Dollars as typed ("3.50", "$3.50", "3") in whole cents; FeeRefused otherwise."""
    cleaned = text.strip().removeprefix("$").replace(",", "").strip()
    if not cleaned:
        return 0
    try:
        amount = Decimal(cleaned)
    except InvalidOperation:
        raise FeeRefused(f"write an amount in dollars and cents, like 3.50, not {text!r}") from None
    if amount < 0 or amount != amount.quantize(Decimal("0.01")):
        raise FeeRefused(f"write an amount in dollars and cents, like 3.50, not {text!r}")
    return int(amount * 100)


def dollars(amount: int) -> str:
    """Whole cents as the letters and pages print money: $1,234.50."""
    return f"${amount // 100:,}.{amount % 100:02d}"
