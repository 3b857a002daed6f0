"""Assignment and internal notes in Chromium against `pra serve`: a coordinator assigns a new
request to herself, finds it under "Mine", and adds a note the requester never sees."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import StaffLogin
from tests.browser.flows import RECEIVED, fill_request, read_receipt, send
from tests.browser.test_coordinator import open_request, sign_in
from tests.browser.test_pages import assert_no_axe_violations, screenshots

pytestmark = pytest.mark.e2e

DESCRIPTION = "Work orders for the Rohnert Park branch roof repair, 2026"
NOTE = "Facilities keeps the work orders; asked Lee to pull them by Friday."


def test_a_coordinator_assigns_a_request_finds_it_under_mine_and_adds_a_note(
    new_page: Callable[..., Page], coordinator: StaffLogin
) -> None:
    requester = new_page()
    fill_request(requester, "en", DESCRIPTION, "pat.requester@example.org")
    send(requester)
    receipt = read_receipt(requester)

    desk = new_page()
    sign_in(desk, coordinator)
    open_request(desk, receipt)
    expect(desk.locator("#pra-assignee-now")).to_have_text("Unassigned")
    desk.get_by_label("Assign to").select_option(label=f"{coordinator.name} ({coordinator.title})")
    desk.get_by_role("button", name="Assign", exact=True).click()
    expect(desk.locator("#pra-banner")).to_have_text(f"Assigned to {coordinator.name}.")
    expect(desk.locator("#pra-assignee-now")).to_have_text(coordinator.name)
    history = desk.locator("#pra-history + table")
    expect(history).to_contain_text(f"assigned to {coordinator.name}")

    # The log: "Mine" with the status filter, the short description, channel and assignee.
    desk.get_by_role("link", name="Back to the request log").click()
    desk.get_by_label("Assignee").select_option(label="Mine")
    desk.get_by_label("Status").select_option(label="Received")
    desk.get_by_role("button", name="Show requests").click()
    expect(desk.locator("table caption")).to_contain_text("status Received, assigned to you")
    row = desk.get_by_role("row").filter(has_text=receipt.tracking_number)
    expect(row).to_contain_text(DESCRIPTION)
    expect(row).to_contain_text("Web")
    expect(row).to_contain_text(coordinator.name)
    expect(desk.get_by_label("Assignee")).to_have_value("mine")
    assert_no_axe_violations(desk, "the log filtered to Mine")
    screenshots(desk, "staff-log-mine")
    desk.get_by_label("Assignee").select_option(label="Unassigned")
    desk.get_by_role("button", name="Show requests").click()
    expect(desk.get_by_role("link", name=receipt.tracking_number, exact=True)).to_have_count(0)

    # A note: in the history with who and when; the requester's status page never shows it.
    desk.get_by_label("Assignee").select_option(label="Mine")
    desk.get_by_role("button", name="Show requests").click()
    desk.get_by_role("link", name=receipt.tracking_number, exact=True).click()
    desk.get_by_role("button", name="Add the note").click()
    expect(desk.locator("#pra-error-summary")).to_contain_text("Write the note first.")
    desk.get_by_label("Note", exact=True).fill(NOTE)
    desk.get_by_role("button", name="Add the note").click()
    expect(desk.locator("#pra-banner")).to_have_text("Note added to the history.")
    note_row = desk.locator("tr.pra-history-note")
    expect(note_row).to_contain_text(coordinator.name)
    expect(note_row).to_contain_text(NOTE)
    # Each opening is kept; the history folds this person's consecutive views into one line.
    desk.reload()
    expect(history.locator("tr").filter(has_text="viewed ×2")).to_have_count(1)
    assert_no_axe_violations(desk, "a request page with an assignee and a note")
    screenshots(desk, "staff-request-assigned-note")

    requester.goto("/status/")
    requester.fill("input[name=tracking_number]", receipt.tracking_number)
    requester.fill("input[name=code]", receipt.access_code)
    requester.click("#pra-status-form button[type=submit]")
    expect(requester.locator("#pra-status")).to_have_text(RECEIVED["en"])
    expect(requester.locator("main")).not_to_contain_text("Facilities keeps")
