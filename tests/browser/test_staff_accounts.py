"""Staff accounts in Chromium: a reset link used once, a link that expired, and deactivation
ending a session that is open in another browser.

The app runs in this process over real HTTP on a clock the test moves (pra serve runs on the
real one), so the link's hour can pass in a moment. Every page is checked with axe-core.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from werkzeug.serving import make_server

from pra.adapters.clocks import FixedClock
from pra.bootstrap import bootstrap
from pra.config import Settings
from pra.services import Services
from pra.web import create_app
from tests.browser.test_pages import assert_no_axe_violations
from tests.conftest import PACIFIC, read_outbox, text_body
from tests.smtp_server import free_port
from tests.staff.conftest import EMAILS, PASSWORD, account_for

pytestmark = pytest.mark.e2e

ANA, SAM = EMAILS["coordinator"], EMAILS["staff"]
NEW = "a brand new passphrase for Sam"


@dataclass(frozen=True)
class Desk:
    url: str
    services: Services
    clock: FixedClock


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[Desk]:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    settings = Settings(
        data_dir=tmp_path / "data",
        site_dir=None,
        public_url=url,
        coordinator_email="coordinator@library.example",
        from_address="pra@library.example",
        secret_key="browser-test-secret",
        rate_limits=(),
    )
    clock = FixedClock(datetime(2026, 11, 16, 10, 0, tzinfo=PACIFIC))
    services = bootstrap(settings, clock=clock)
    services.staff.add_staff(account_for("coordinator", name="Ana Ruiz"))
    services.staff.add_staff(account_for("staff", name="Sam Lee"))
    server = make_server("127.0.0.1", port, create_app(services=services), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Desk(url, services, clock)
    finally:
        server.shutdown()


def open_page(browser: Browser, desk: Desk) -> Page:
    context = browser.new_context(base_url=desk.url, locale="en-US")
    context.set_default_timeout(10_000)
    return context.new_page()


def sign_in(page: Page, email: str, password: str = PASSWORD) -> None:
    page.goto("/staff/sign-in")
    page.fill("#pra-email", email)
    page.fill("#pra-password", password)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Request log")


def email_link(page: Page, desk: Desk, name: str) -> str:
    """Send `name` a reset link from the accounts page; the path of the link emailed."""
    before = len(read_outbox(desk.services.settings.outbox_dir))
    page.get_by_role("button", name=f"Email a password-reset link to {name}").click()
    expect(page.locator("#pra-banner")).to_contain_text("A password-reset link was emailed")
    sent = read_outbox(desk.services.settings.outbox_dir)
    assert len(sent) == before + 1
    found = re.search(re.escape(desk.url) + r"(/staff/reset/[A-Za-z0-9_-]+)", text_body(sent[-1]))
    assert found is not None, text_body(sent[-1])
    return found.group(1)


def test_reset_by_link_its_expiry_and_deactivation_ending_a_live_session(
    browser: Browser, desk: Desk
) -> None:
    coordinator = open_page(browser, desk)
    sign_in(coordinator, ANA)
    coordinator.get_by_role("link", name="Your account").click()
    expect(coordinator.get_by_role("heading", level=1)).to_have_text("Your account")
    assert_no_axe_violations(coordinator, "your account page")
    coordinator.get_by_role("link", name="Staff accounts").click()
    expect(coordinator.get_by_role("heading", level=1)).to_have_text("Staff accounts")
    assert_no_axe_violations(coordinator, "the staff accounts page")

    # A link, used once: the new password is set and this browser is signed in.
    link = email_link(coordinator, desk, "Sam Lee")
    sam = open_page(browser, desk)
    sam.goto(link)
    expect(sam.get_by_role("heading", level=1)).to_have_text("Choose a new password")
    assert_no_axe_violations(sam, "the reset link's page")
    sam.get_by_label("New password", exact=True).fill(NEW)
    sam.get_by_label("New password again").fill(NEW + "?")
    sam.get_by_role("button", name="Set the new password").click()
    expect(sam.locator("#pra-error-summary")).to_contain_text("The two new passwords differ")
    assert_no_axe_violations(sam, "the reset link's page with an error")
    sam.get_by_label("New password", exact=True).fill(NEW)
    sam.get_by_label("New password again").fill(NEW)
    sam.get_by_role("button", name="Set the new password").click()
    expect(sam.locator("#pra-banner")).to_contain_text("Your new password is set")
    expect(sam.get_by_role("heading", level=1)).to_have_text("Your account")
    sam.goto(link)
    expect(sam.get_by_role("heading", level=1)).to_have_text(
        "This password-reset link has already been used"
    )
    expect(sam.locator("#pra-ask-again")).to_contain_text("Ask the PRA Coordinator for a new link")
    assert_no_axe_violations(sam, "a used reset link")

    # A second link, opened after its hour: it says to ask for a new one.
    coordinator.goto("/staff/accounts")
    late_link = email_link(coordinator, desk, "Sam Lee")
    desk.clock.advance(hours=1, seconds=1)
    late = open_page(browser, desk)
    late.goto(late_link)
    expect(late.get_by_role("heading", level=1)).to_have_text(
        "This password-reset link has expired"
    )
    expect(late.locator("#pra-ask-again")).to_contain_text("Ask the PRA Coordinator for a new link")
    assert_no_axe_violations(late, "an expired reset link")

    # Sam is signed in in one browser; the coordinator deactivates the account in another.
    sam.goto("/staff/")
    expect(sam.get_by_role("heading", level=1)).to_have_text("Request log")
    coordinator.goto("/staff/accounts")
    coordinator.get_by_role("button", name="Deactivate Sam Lee").click()
    expect(coordinator.locator("#pra-banner")).to_contain_text("Sam Lee's account is deactivated")
    expect(coordinator.locator("#pra-inactive-accounts")).to_contain_text(SAM)
    expect(coordinator.locator("#pra-account-changes")).to_contain_text("deactivated")
    assert_no_axe_violations(coordinator, "the accounts page with a deactivated account")
    sam.get_by_role("navigation", name="Staff").get_by_role("link", name="Released records").click()
    expect(sam.get_by_role("heading", level=1)).to_have_text("Sign in to the public records desk")
    sam.fill("#pra-email", SAM)
    sam.fill("#pra-password", NEW)
    sam.get_by_role("button", name="Sign in").click()
    expect(sam.locator("#pra-error-summary")).to_contain_text(
        "The email address or password is wrong"
    )

    # Nobody deactivates themselves: the error names the field.
    coordinator.get_by_role("button", name="Deactivate Ana Ruiz").click()
    summary = coordinator.locator("#pra-error-summary")
    expect(summary).to_contain_text("You cannot deactivate your own account")
    assert_no_axe_violations(coordinator, "the accounts page with an error")
