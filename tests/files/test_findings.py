"""Personal data in a file before it is published: found, located and masked."""

from __future__ import annotations

import io
import zipfile

import pytest

from pra.services.findings import Finding, personal_data
from tests.files.pdfs import scanned_pdf, text_pdf

PDF_TYPE = "application/pdf"


def test_each_kind_is_found_on_its_page_and_masked() -> None:
    pdf = text_pdf(
        "Minutes of the Library Commission, 12 March 2025",
        "Contact: jane.doe@example.org or (707) 555-0142.\n"
        "Lives at 1234 Mendocino Avenue.\n"
        "SSN 123-45-6789, card 4111 1111 1111 1111.",
    )
    assert personal_data(io.BytesIO(pdf), PDF_TYPE) == [
        Finding("email", "j***@example.org", 2),
        Finding("phone", "(***) ***-**42", 2),
        Finding("ssn", "***-**-6789", 2),
        Finding("card", "**** 1111", 2),
        Finding("address", "**** Avenue.", 2),
    ]


def test_a_clean_pdf_has_no_findings() -> None:
    pdf = text_pdf("Budget of the bookmobile, fiscal year 2027", "Total: 12,500 dollars")
    assert personal_data(io.BytesIO(pdf), PDF_TYPE) == []


def test_a_pdf_without_a_text_layer_is_flagged() -> None:
    (finding,) = personal_data(io.BytesIO(scanned_pdf()), PDF_TYPE)
    assert finding.label == "no text layer: not readable by screen readers"


@pytest.mark.parametrize(
    ("data", "content_type", "kinds"),
    [
        (b"name,email\nAna,ana@example.org\n", "text/csv", ["email"]),
        (b"Call 707-555-0100 about the 2025 minutes.", "text/plain", ["phone"]),
        (b"Invoice 2025-0001 for 4,000 books", "text/plain", []),
    ],
)
def test_text_and_csv_are_read_as_they_are(
    data: bytes, content_type: str, kinds: list[str]
) -> None:
    assert [f.kind for f in personal_data(io.BytesIO(data), content_type)] == kinds


def test_a_word_document_is_read_with_python_docx() -> None:
    from docx import Document

    document = Document()
    document.add_paragraph("Write to sam.staff@library.example for copies.")
    buffer = io.BytesIO()
    document.save(buffer)
    buffer.seek(0)
    kind = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert personal_data(buffer, kind) == [Finding("email", "s***@library.example")]


def test_what_cannot_be_read_is_left_for_a_person_to_look_at() -> None:
    unread = [Finding("not_checked", "")]
    assert personal_data(io.BytesIO(b"%PDF-1.7 not really"), PDF_TYPE) == unread  # damaged
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("a.txt", "x")
    archive.seek(0)
    assert personal_data(archive, "application/zip") == unread
    assert personal_data(io.BytesIO(b"\x89PNG\r\n\x1a\n"), "image/png") == unread
