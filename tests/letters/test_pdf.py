"""Letters as PDFs: posted to a requester without email, printed again from the desk or CLI.

The text pypdf extracts must hold the date, the names, the address in the envelope's window
and the citations, in both languages.
"""

from __future__ import annotations

import io
from datetime import date

import pytest
from pypdf import PdfReader

from pra.adapters.clocks import FixedClock
from pra.domain.request import parse_submission
from pra.services import Services
from pra.services.respond import Response, send_response
from pra.services.submit import submit_request
from tests.services.test_respond import COORDINATOR, _on

POSTED = {
    "description": "Minutes of the library commission, March 2026",
    "format": "paper",
    "delivery": "mail",
    "name": "Pat Caller",
    "mailing_address": "12 Oak Street\nSanta Rosa, CA 95404",
}
PARTIAL = Response(
    "partly_released",
    available_on=date(2026, 11, 30),
    available_at="10:00",
    withheld=(("Home addresses of two employees", "employee_personal"),),
    others_responsible=("Dana Director, Library Director",),
)


def pdf_text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


@pytest.mark.parametrize(
    ("language", "dated", "citation"),
    [
        ("en", "Friday, November 20, 2026", "Gov. Code § 7928.300"),
        ("es", "viernes, 20 de noviembre de 2026", "Código de Gobierno § 7928.300"),
    ],
)
def test_a_posted_letter_goes_to_the_coordinator_with_its_pdf(
    services: Services, clock: FixedClock, outbox, language: str, dated: str, citation: str
) -> None:
    number = submit_request(services, parse_submission({**POSTED, "language": language}))
    _on(clock, date(2026, 11, 20))
    after = send_response(services, number.tracking_number, COORDINATOR, PARTIAL)
    assert after.letters[-1].address == ("Pat Caller", "12 Oak Street", "Santa Rosa, CA 95404")
    message = outbox()[-1]
    assert message["Subject"].startswith("To post to the requester:")
    (attachment,) = list(message.iter_attachments())
    assert attachment.get_filename() == f"{number.tracking_number}-partly_released.pdf"
    text = pdf_text(attachment.get_content())
    for expected in (
        dated,
        "Pat Caller 12 Oak Street Santa Rosa, CA 95404",
        "Ana Coordinator, PRA Coordinator",
        "Dana Director, Library Director",
        citation,
        number.tracking_number,
    ):
        assert expected in text, expected


def test_an_emailed_letter_carries_no_pdf_and_no_postal_address(
    services: Services, clock: FixedClock, outbox
) -> None:
    data = {**POSTED, "delivery": "email", "email": "pat@example.org", "format": "electronic"}
    number = submit_request(services, parse_submission(data)).tracking_number
    _on(clock, date(2026, 11, 20))
    after = send_response(services, number, COORDINATOR, PARTIAL)
    assert after.letters[-1].address == ()
    assert list(outbox()[-1].iter_attachments()) == []
    assert after.letters[-1].text.startswith("Friday, November 20, 2026")  # dated at the top
