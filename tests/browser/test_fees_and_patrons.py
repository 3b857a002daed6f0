"""Fees and patron records on the desk, in Chromium against `pra serve`.

A paper-copies request by post is entered by staff; the coordinator estimates the fees and
records the payment; a request about someone else's borrowing is referred to the Branch
Manager. Each form and preview passes axe, with and without JavaScript.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import StaffLogin
from tests.browser.test_coordinator import sign_in
from tests.browser.test_pages import (
    assert_no_axe_violations,
    assert_no_axe_violations_without_script,
    screenshots,
)
from tests.conftest import outbox_when
from tests.e2e.test_serve import Server

pytestmark = pytest.mark.e2e


def sign_in_without_axe(page: Page, login: StaffLogin) -> None:
    page.goto("/staff/sign-in")
    page.fill("#pra-email", login.email)
    page.fill("#pra-password", login.password)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Request log")


def enter_by_mail(desk: Page, description: str, name: str) -> str:
    desk.goto("/staff/requests/new")
    desk.locator("input[name=channel][value=mail]").check()
    desk.fill("#pra-description", description)
    desk.fill("#pra-name", name)
    desk.fill("#pra-mailing_address", "12 Oak Street\nSanta Rosa, CA 95404")
    desk.get_by_label("Paper copies").check()
    desk.locator("input[name=delivery][value=mail]").check()
    desk.get_by_role("button", name="Enter the request").click()
    expect(desk.locator("#pra-banner")).to_contain_text("entered")
    return desk.locator("#pra-tracking-number").inner_text().strip()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_fees_are_estimated_by_letter_and_paid_before_mailing(
    new_page: Callable[..., Page], coordinator: StaffLogin, server: Server, javascript: bool
) -> None:
    desk = new_page(javascript=javascript)
    checker = None if javascript else new_page()

    def axe(what: str) -> None:
        if checker is None:
            assert_no_axe_violations(desk, what)
        else:
            assert_no_axe_violations_without_script(desk, checker, what)

    sign_in_without_axe(desk, coordinator)
    number = enter_by_mail(desk, "Paper copies of the 2025 board minutes", "Lee Mailer")
    desk.goto(f"/staff/requests/{number}")
    desk.get_by_role("link", name="Estimate fees").click()
    expect(desk.locator("main")).to_contain_text("At $0.10 a page")
    axe("the fee estimate form")
    desk.fill("#pra-pages", "ten")
    desk.get_by_role("button", name="Preview the letter").click()
    expect(desk.locator("#pra-error-summary")).to_contain_text("whole number")
    desk.fill("#pra-pages", "120")
    desk.fill("#pra-postage", "3.50")
    desk.get_by_role("button", name="Preview the letter").click()
    letter = desk.locator("#pra-letter-text")
    expect(letter).to_contain_text("The copies you asked for will cost $15.50:")
    expect(letter).to_contain_text("- Postage: $3.50")
    axe("the fee letter's preview")
    if javascript:
        screenshots(desk, "staff-fee-preview")
    desk.get_by_role("button", name="Send the letter").click()
    expect(desk.locator("#pra-banner")).to_contain_text("$15.50 is owed")
    expect(desk.locator("#pra-fees")).to_contain_text("$15.50 owed")
    mail = outbox_when(
        server.data_dir / "outbox",
        lambda mail: any(m["Subject"].startswith("To post to the requester:") for m in mail),
    )
    posted = [m for m in mail if number in m["Subject"]]
    assert posted[-1]["Subject"].startswith("To post to the requester:")
    desk.get_by_role("link", name="Record a payment").click()
    axe("the payment form")
    desk.fill("#pra-note", "check 1024")
    desk.get_by_role("button", name="Record the payment").click()
    expect(desk.locator("#pra-banner")).to_contain_text("Payment of $15.50 recorded. Paid in full.")
    expect(desk.locator("#pra-fees")).to_contain_text("paid in full")


def test_a_request_about_someone_elses_borrowing_is_referred(
    new_page: Callable[..., Page], coordinator: StaffLogin, server: Server
) -> None:
    desk = new_page()
    sign_in(desk, coordinator)
    number = enter_by_mail(desk, "Every book my neighbour borrowed this year", "Kim Nosy")
    desk.goto(f"/staff/requests/{number}")
    desk.get_by_role("link", name="Record who is asking for patron records").click()
    assert_no_axe_violations(desk, "the patron check form")
    desk.get_by_label("Someone else, or none of these could be confirmed").check()
    desk.get_by_label("Nothing could be checked").check()
    desk.get_by_role("button", name="Record the check").click()
    expect(desk.get_by_role("heading", level=1)).to_have_text(
        "Preview: Refer to the Branch Manager"
    )
    expect(desk.locator("#pra-letter-text")).to_contain_text("We have passed it to the Branch")
    assert_no_axe_violations(desk, "the referral letter's preview")
    desk.get_by_role("button", name="Send the letter").click()
    expect(desk.locator("#pra-banner")).to_contain_text("Referred to the Branch Manager")
    expect(desk.locator("#pra-patron-check")).to_contain_text("the request goes to the Branch")
    mail = outbox_when(
        server.data_dir / "outbox",
        lambda mail: any(m["To"] == "branch-manager@library.example" for m in mail),
    )
    assert any(m["To"] == "branch-manager@library.example" and number in m["Subject"] for m in mail)
