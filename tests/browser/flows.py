"""What a person does on the site, written once for the JavaScript-on and -off tests."""

from __future__ import annotations

import re
from dataclasses import dataclass

from playwright.sync_api import Page, expect

TRACKING = re.compile(r"^PRA-\d{4}-\d{5,}$")
ACCESS_CODE = re.compile(r"^[A-Z0-9]+(-[A-Z0-9]+)+$")
RECEIVED = {"en": re.compile(r"^Received\b"), "es": re.compile(r"^Recibida\b")}
PREFIX = {"en": "", "es": "/es"}


@dataclass(frozen=True)
class Receipt:
    tracking_number: str
    access_code: str
    due: str


def fill_request(page: Page, language: str, description: str, email: str) -> None:
    page.goto(f"{PREFIX[language]}/request/")
    page.fill("#pra-description", description)
    page.check("#pra-format-electronic")
    page.check("#pra-delivery-email")
    page.fill("#pra-email", email)


def send(page: Page) -> None:
    page.click("#pra-request-form button[type=submit]")


def read_receipt(page: Page) -> Receipt:
    """The confirmation: a page from the API (JS off) or a panel in place (#pra-confirmation)."""
    number = page.locator("#pra-tracking-number")
    expect(number).to_have_text(TRACKING)
    code = page.locator("#pra-access-code")
    expect(code).to_have_text(ACCESS_CODE)
    due = page.locator("#pra-due")
    expect(due).to_have_text(re.compile(r"\d{4}"))
    return Receipt(number.inner_text().strip(), code.inner_text().strip(), due.inner_text().strip())


def check_status(page: Page, language: str, receipt: Receipt) -> str:
    page.goto(f"{PREFIX[language]}/status/")
    page.fill("input[name=tracking_number]", receipt.tracking_number)
    page.fill("input[name=code]", receipt.access_code)
    page.click("#pra-status-form button[type=submit]")
    status = page.locator("#pra-status")
    expect(status).to_have_text(RECEIVED[language])
    return status.inner_text()
