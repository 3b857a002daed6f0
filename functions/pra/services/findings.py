"""Personal data a released file may still expose, found before it is published.

The text comes from maintained readers (pypdf for PDF, python-docx for Word, openpyxl for
Excel; text and CSV as they are); phone numbers from phonenumbers, card numbers checked with
python-stdnum's Luhn. Each finding names its page (PDF) and a masked excerpt, so the
coordinator can find it without the screen repeating it. A PDF with no text layer is found
too: screen readers cannot read it (LEGAL-NOTES.md: posted documents are web content).
"""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

log = logging.getLogger(__name__)
TEXT_LIMIT = 5_000_000  # characters read per file: enough for any record a person reviews
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
SSN = re.compile(r"\b(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}\b")
CARD = re.compile(r"\b(?:\d[ -]?){13,19}\b")
STREET = re.compile(
    r"\b\d{1,6}\s+(?:[A-Z][a-z]+\s){1,3}(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|"
    r"Drive|Dr|Court|Ct|Way|Place|Pl|Circle|Cir)\b\.?"
)
KINDS = {
    "email": "email address",
    "phone": "phone number",
    "ssn": "social security number",
    "card": "card number",
    "address": "street address",
    "no_text": "no text layer: not readable by screen readers",
    "not_checked": "its contents could not be read here: look through it before publishing",
}
READABLE = ("application/pdf", "text/", "message/rfc822", "wordprocessingml", "spreadsheetml")


@dataclass(frozen=True)
class Finding:
    kind: str  # a key of KINDS
    excerpt: str  # masked
    page: int | None = None  # 1-based, for PDFs

    @property
    def label(self) -> str:
        where = f"page {self.page}: " if self.page else ""
        return f"{where}{KINDS[self.kind]}{f' ({self.excerpt})' if self.excerpt else ''}"


def personal_data(stream: BinaryIO, content_type: str) -> list[Finding]:
    """What the file exposes; a file whose text cannot be read says so, for a person to look."""
    if not any(part in content_type for part in READABLE):
        return [Finding("not_checked", "")]
    try:
        pages = list(_pages(stream, content_type))
    except Exception as error:  # a damaged file: a finding for a person, never a crash
        log.warning("could not read text for the personal-data check: %s", type(error).__name__)
        return [Finding("not_checked", "")]
    if content_type == "application/pdf" and not any(text.strip() for _, text in pages):
        return [Finding("no_text", "")]
    return [finding for page, text in pages for finding in _in_text(text, page)]


def _pages(stream: BinaryIO, content_type: str) -> Iterator[tuple[int | None, str]]:
    if content_type == "application/pdf":
        from pypdf import PdfReader

        for number, page in enumerate(PdfReader(stream).pages, start=1):
            yield number, page.extract_text() or ""
    elif content_type.endswith("wordprocessingml.document"):
        from docx import Document

        yield None, "\n".join(p.text for p in Document(stream).paragraphs)
    elif content_type.endswith("spreadsheetml.sheet"):
        from openpyxl import load_workbook

        book = load_workbook(stream, read_only=True, data_only=True)
        cells = (str(v) for sheet in book for row in sheet.iter_rows(values_only=True) for v in row)
        yield None, "\n".join(cell for cell in cells if cell not in ("", "None"))
    elif content_type.startswith("text/") or content_type == "message/rfc822":
        yield None, io.TextIOWrapper(stream, encoding="utf-8", errors="replace").read(TEXT_LIMIT)


def _in_text(text: str, page: int | None) -> Iterator[Finding]:
    # Imported here: phonenumbers' metadata takes 30 ms to load, and only a reviewed file needs
    # it (a cold Lambda container answering the public never does).
    import phonenumbers
    from stdnum import luhn

    for found in EMAIL.finditer(text):
        yield Finding("email", _mask_email(found.group()), page)
    for match in phonenumbers.PhoneNumberMatcher(text, "US"):
        yield Finding("phone", _mask_tail(match.raw_string, 2), page)
    for found in SSN.finditer(text):
        yield Finding("ssn", "***-**-" + found.group()[-4:], page)
    for found in CARD.finditer(text):
        digits = re.sub(r"\D", "", found.group())
        if 13 <= len(digits) <= 19 and luhn.is_valid(digits):
            yield Finding("card", "**** " + digits[-4:], page)
    for found in STREET.finditer(text):
        yield Finding("address", _mask_tail(found.group(), 0, keep_words=1), page)


def _mask_email(address: str) -> str:
    name, _, domain = address.partition("@")
    return f"{name[:1]}***@{domain}"


def _mask_tail(value: str, keep: int, *, keep_words: int = 0) -> str:
    """Digits hidden but the last `keep`; with keep_words, the last words stay readable."""
    if keep_words:
        words = value.split()
        return " ".join([re.sub(r"\d", "*", words[0]), *words[-keep_words:]])
    digits = [i for i, ch in enumerate(value) if ch.isdigit()]
    hidden = set(digits[: len(digits) - keep])
    return "".join("*" if i in hidden else ch for i, ch in enumerate(value))
