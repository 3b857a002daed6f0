"""The coordinator's desk in Chromium against `pra serve`: from a new request to a partial release.

A requester submits a request on the site; the coordinator signs in, finds it in the log and
sends an extension and a partial release, each previewed first; after
each step the requester's status page shows the new status and the letter. The server runs
on the real clock, so dates are read from the pages, never assumed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import requests
from playwright.sync_api import Page, expect

from tests.browser.conftest import StaffLogin
from tests.browser.flows import Receipt, fill_request, read_receipt, send
from tests.browser.test_pages import (
    assert_no_axe_violations,
    assert_no_axe_violations_without_script,
    screenshots,
)
from tests.conftest import outbox_when, text_body
from tests.e2e.test_serve import Server
from tests.files.pdfs import scanned_pdf

pytestmark = pytest.mark.e2e

DESCRIPTION = "Budget drafts for the Roseland branch, fiscal year 2027"
COORDINATOR = "coordinator@library.example"  # the server fixture's PRA_COORDINATOR_EMAIL


def sign_in(page: Page, login: StaffLogin) -> None:
    page.goto("/staff/sign-in")
    assert_no_axe_violations(page, "the staff sign-in page")
    page.fill("#pra-email", login.email)
    page.fill("#pra-password", login.password)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Request log")


def open_request(page: Page, receipt: Receipt) -> None:
    page.get_by_role("link", name="Request log").click()
    assert_no_axe_violations(page, "the request log")
    page.get_by_role("link", name=receipt.tracking_number, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Request {receipt.tracking_number}")


def preview_and_send(page: Page, login: StaffLogin, heading: str, *, axe: bool = False) -> str:
    """Preview the filled form, check the signature, send; the subject of the letter sent."""
    page.get_by_role("button", name="Preview the letter").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Preview: {heading}")
    letter = page.locator("#pra-letter-text")
    expect(letter).to_contain_text(f"{login.name}, {login.title}")
    if axe:
        assert_no_axe_violations(page, "a letter's preview")
        screenshots(page, "staff-preview")
    subject = page.locator("#pra-letter-subject").inner_text().strip()
    page.get_by_role("button", name="Send the letter").click()
    expect(page.locator("#pra-banner")).to_contain_text(f"Letter sent: {subject}.")
    return subject


def requester_sees(page: Page, receipt: Receipt, status: str, subject: str) -> None:
    page.goto("/status/")
    page.fill("input[name=tracking_number]", receipt.tracking_number)
    page.fill("input[name=code]", receipt.access_code)
    page.click("#pra-status-form button[type=submit]")
    expect(page.locator("#pra-status")).to_have_text(status)
    expect(page.locator("#pra-letters")).to_contain_text(subject)


def available_day() -> str:
    """A week from today by the agency's clock, as the server's date inputs take it."""
    today = datetime.now(ZoneInfo("America/Los_Angeles")).date()
    return (today + timedelta(days=7)).isoformat()


def test_a_coordinator_answers_a_new_request_and_the_requester_sees_each_step(
    new_page: Callable[..., Page], coordinator: StaffLogin
) -> None:
    requester = new_page()
    fill_request(requester, "en", DESCRIPTION, "jane.requester@example.org")
    send(requester)
    receipt = read_receipt(requester)

    desk = new_page()
    sign_in(desk, coordinator)
    open_request(desk, receipt)
    assert_no_axe_violations(desk, "a request's page")
    screenshots(desk, "staff-request")
    request_page = desk.url

    # More time first (only before the determination), then the determination itself.
    desk.get_by_role("link", name="Extend the response date").click()
    desk.get_by_role("button", name="Preview the letter").click()
    summary = desk.locator("#pra-error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Choose the unusual circumstance that needs more time")
    assert_no_axe_violations(desk, "the extension form with errors")
    screenshots(desk, "staff-extension-errors")
    desk.get_by_label("A large number of separate records to find and examine").check()
    hint = desk.locator("#pra-new_due-hint").inner_text()
    latest = re.search(r"latest allowed date is .*?\((\d{4}-\d{2}-\d{2})\)", hint)
    assert latest is not None, hint
    desk.fill("#pra-new_due", latest.group(1))
    subject = preview_and_send(desk, coordinator, "Extend the response date", axe=True)
    requester_sees(requester, receipt, "Response date extended", subject)
    expect(requester.locator("#pra-extended-due")).to_contain_text(
        str(date.fromisoformat(latest.group(1)).year)
    )
    expect(desk.locator("#pra-extension")).to_contain_text("A large number of separate records")

    desk.get_by_role("link", name="Release the records in part").click()
    desk.fill("#pra-available_on", available_day())
    desk.fill("#pra-available_at", "09:30")
    desk.fill("#pra-withheld-1-what", "Home addresses of branch staff")
    desk.select_option("#pra-withheld-1-exemption", "employee_personal")
    subject = preview_and_send(desk, coordinator, "Release the records in part")
    # Not closed: the records are owed by the date the letter gave, which the page shows.
    requester_sees(requester, receipt, "Records released in part: being made available", subject)
    # As the letter writes it, in the requester's language (English here).
    expect(requester.locator("#pra-records-available")).to_contain_text("9:30 a.m.")
    expect(requester.locator("#pra-letters li")).to_have_count(2)
    requester.locator("#pra-letters summary").last.click()
    expect(requester.locator("#pra-letters")).to_contain_text("Gov. Code § 7928.300")

    assert desk.url == request_page
    expect(desk.locator("#pra-letters li")).to_have_count(2)
    expect(desk.get_by_text("Released in part: records due", exact=True)).to_be_visible()
    expect(desk.locator("#pra-actions")).to_contain_text("Log an appeal that came by email or post")
    screenshots(desk, "staff-request-released-in-part")

    # The records: a public and a private file, uploaded, scanned clean, delivered by link.
    upload_file(desk, "budget-drafts.pdf", public=True, title="Budget drafts, FY 2027")
    upload_file(desk, "staff-memo.pdf", public=False)
    expect(desk.locator("table.pra-files tbody tr")).to_have_count(2)
    assert_no_axe_violations(desk, "a request page with files")
    desk.get_by_role("link", name="Deliver records").click()
    assert_no_axe_violations(desk, "the delivery form")
    screenshots(desk, "staff-deliver")
    desk.get_by_label("Budget drafts, FY 2027 (budget-drafts.pdf)").check()
    desk.get_by_label("staff memo (staff-memo.pdf)").check()
    desk.fill("#pra-record_title", "Roseland branch budget drafts, FY 2027")
    desk.get_by_role("button", name="Preview the letter").click()
    expect(desk.get_by_role("heading", level=1)).to_have_text("Preview: Deliver records")
    expect(desk.locator("#pra-letter-text")).to_contain_text("Download them with the links")
    # The public PDF is a scan without text: the preview says so, and sending needs a yes.
    expect(desk.locator(".pra-findings")).to_contain_text("not readable by screen readers")
    assert_no_axe_violations(desk, "a delivery's preview with findings")
    subject = desk.locator("#pra-letter-subject").inner_text().strip()
    desk.get_by_label("I have checked these findings: the files may be published").check()
    desk.get_by_role("button", name="Send the letter").click()
    expect(desk.locator("#pra-banner")).to_contain_text(f"Delivered: {subject}.")

    requester_sees(requester, receipt, "Closed: records released in part", subject)
    expect(requester.locator("#pra-files li")).to_have_count(2)
    with requester.expect_download() as downloaded:
        requester.get_by_role("link", name="staff memo").click()
    assert downloaded.value.suggested_filename == "staff-memo.pdf"
    assert Path(downloaded.value.path()).read_bytes() == RECORD
    screenshots(requester, "status-delivered")

    # Released to one, released to all: the public file is in the library, the private one not.
    # A new visitor (the requester's browser may keep the manifest it read a minute ago).
    reader = new_page()
    reader.goto("/records/")
    expect(reader.locator("#pra-records-list")).to_contain_text(
        "Roseland branch budget drafts, FY 2027"
    )
    reader.fill("#pra-records-search", "Roseland")
    expect(reader.locator("#pra-records-list > li")).to_have_count(1)
    expect(reader.locator("#pra-records-list")).not_to_contain_text("staff-memo")
    reader.select_option("#pra-records-type", "spreadsheet")
    expect(reader.locator("#pra-records-list > li")).to_have_count(0)
    reader.select_option("#pra-records-type", "pdf")
    expect(reader.locator("#pra-records-list > li")).to_have_count(1)
    assert_no_axe_violations(reader, "the records page with a record")
    screenshots(reader, "records-published")
    desk.get_by_role("navigation", name="Staff").get_by_role(
        "link", name="Released records"
    ).click()
    expect(desk.locator("#pra-library")).to_contain_text("Roseland branch budget drafts, FY 2027")
    assert_no_axe_violations(desk, "the desk's released records")
    screenshots(desk, "staff-library")
    # The request form suggests the released record to the next person asking for it.
    asking = new_page()
    asking.goto("/request/")
    asking.fill("#pra-description", "Budget drafts for the Roseland branch")
    expect(asking.locator("#pra-suggestions")).to_contain_text(
        "Roseland branch budget drafts, FY 2027"
    )
    plain = new_page(javascript=False)
    plain.goto("/api/records/")  # the list without JavaScript
    expect(plain.locator("main")).to_contain_text("Roseland branch budget drafts, FY 2027")
    expect(plain.get_by_role("link", name="budget-drafts.pdf")).to_be_visible()


RECORD = scanned_pdf()  # a scan without OCR: no text layer


def upload_file(page: Page, name: str, *, public: bool, title: str = "") -> None:
    """Upload one file from the request page's form, as a coordinator would."""
    page.set_input_files(
        "#pra-files", {"name": name, "mimeType": "application/pdf", "buffer": RECORD}
    )
    if title:
        page.fill("#pra-title", title)
    who = "Public" if public else "Private to the requester"
    page.get_by_label(who, exact=True).check()
    page.get_by_role("button", name="Upload").click()
    expect(page.locator("#pra-banner")).to_contain_text(f"Uploaded 1 file: {name}.")


def test_a_spanish_speaker_on_a_phone_gets_the_records_by_link(
    new_page: Callable[..., Page], coordinator: StaffLogin, server: Server
) -> None:
    """In Spanish at 375 px: the letters and the email in Spanish, the file from the email's
    link and from the status page, with JavaScript on and off."""
    email = "lucia.solicitante@example.org"
    requester = new_page(width=375, height=740)
    fill_request(requester, "es", "Actas de la comisión de la biblioteca de marzo de 2026", email)
    send(requester)
    receipt = read_receipt(requester)

    desk = new_page()
    sign_in(desk, coordinator)
    open_request(desk, receipt)
    desk.get_by_role("link", name="Release the records in full").click()
    desk.fill("#pra-available_on", available_day())
    desk.fill("#pra-available_at", "10:00")
    preview_and_send(desk, coordinator, "Release the records in full")
    upload_file(desk, "actas-marzo.pdf", public=False, title="Actas de marzo")
    desk.get_by_role("link", name="Deliver records").click()
    desk.get_by_label("Actas de marzo (actas-marzo.pdf)").check()
    desk.get_by_role("button", name="Preview the letter").click()
    expect(desk.locator("#pra-letter-text")).to_contain_text("Sus registros están listos.")
    desk.get_by_role("button", name="Send the letter").click()
    expect(desk.locator("#pra-banner")).to_contain_text("Delivered: Su solicitud")

    mail = outbox_when(
        server.data_dir / "outbox", lambda mail: sum(m["To"] == email for m in mail) >= 3
    )
    sent = [m for m in mail if m["To"] == email]
    assert [m["Subject"] for m in sent] == [
        f"Recibimos su solicitud de registros públicos {receipt.tracking_number}",
        f"Su solicitud de registros públicos {receipt.tracking_number}: registros divulgados",
        f"Su solicitud de registros públicos {receipt.tracking_number}: sus registros",
    ]
    released, delivery = text_body(sent[1]), text_body(sent[2])
    assert "los divulgamos en su totalidad" in released and "a partir de las 10:00" in released
    assert "Con esto completamos la entrega" in delivery
    link = re.search(rf"{re.escape(server.url)}/api/files/\S+", delivery)
    assert link is not None, delivery
    assert requests.get(link.group(0), timeout=10).content == RECORD

    for javascript in (True, False):
        phone = new_page(width=375, height=740, javascript=javascript)
        phone.goto("/es/status/")
        phone.fill("input[name=tracking_number]", receipt.tracking_number)
        phone.fill("input[name=code]", receipt.access_code)
        phone.click("#pra-status-form button[type=submit]")
        expect(phone.locator("#pra-status")).to_have_text("Cerrada: registros entregados")
        with phone.expect_download() as downloaded:
            phone.get_by_role("link", name="Actas de marzo").click()
        assert Path(downloaded.value.path()).read_bytes() == RECORD
        if javascript:
            assert_no_axe_violations(phone, "the Spanish status page with records")
        else:
            checker = new_page(width=375, height=740)
            checker.goto("/es/status/")
            assert_no_axe_violations_without_script(phone, checker, "the Spanish status page")
        screenshots(phone, f"status-delivered-es-{'js' if javascript else 'nojs'}")


def test_a_phoned_request_is_answered_while_its_question_is_open(
    new_page: Callable[..., Page],
    coordinator: StaffLogin,
    director: StaffLogin,
    server: Server,
) -> None:
    """Entered by staff two days after the call; a question; the response sent without its
    answer (the clock does not wait); the answer after; a partial release naming two persons
    responsible; an appeal, confirmed to the requester and decided once by the Director; the
    status page at each step."""
    desk = new_page()
    sign_in(desk, coordinator)
    desk.get_by_role(
        "link", name="Enter a request received by email, mail, phone or in person"
    ).click()
    assert_no_axe_violations(desk, "the intake form")
    called = datetime.now(ZoneInfo("America/Los_Angeles")).date() - timedelta(days=2)
    desk.get_by_label("By phone").check()
    desk.fill("#pra-received_on", called.isoformat())
    desk.fill("#pra-received_time", "10:15")
    desk.fill("#pra-description", "Emails about the Roseland branch parking lot, 2026")
    desk.fill("#pra-name", "Pat Caller")
    desk.fill("#pra-email", "pat.caller@example.org")
    desk.get_by_role("button", name="Enter the request").click()
    expect(desk.locator("#pra-banner")).to_contain_text("entered")
    receipt = Receipt(
        desk.locator("#pra-tracking-number").inner_text().strip(),
        desk.locator("#pra-access-code").inner_text().strip(),
        "",
    )
    assert_no_axe_violations(desk, "the entered request")
    screenshots(desk, "staff-entered")
    desk.get_by_role("link", name=f"Open request {receipt.tracking_number}").click()
    expect(desk.locator("main")).to_contain_text(f"by phone, received {called.isoformat()} 10:15")

    desk.get_by_role("link", name="Ask the requester a question").click()
    desk.fill("#pra-question", "Do you mean the staff lot or the public lot?")
    asked = preview_and_send(desk, coordinator, "Ask the requester a question")
    requester = new_page(width=375, height=740)
    requester_sees(requester, receipt, "Waiting for your answer to our question", asked)
    expect(requester.locator("#pra-answer")).to_be_visible()

    # The clock runs on: the response goes out on the request as understood.
    expect(desk.locator("#pra-open-question")).to_contain_text("no answer yet")
    desk.get_by_role("link", name="Send the initial response").click()
    desk.fill("#pra-presumed_scope", "Emails about both lots")
    desk.fill("#pra-available_on", available_day())
    desk.fill("#pra-available_at", "10:00")
    desk.get_by_role("button", name="Preview the letter").click()
    expect(desk.locator("#pra-letter-text")).to_contain_text("We asked you a question on")
    desk.get_by_role("button", name="Send the letter").click()
    expect(desk.locator("#pra-banner")).to_contain_text("Letter sent")

    requester_sees(requester, receipt, "Initial response sent", asked)
    requester.fill("#pra-answer", "The public lot only.")
    requester.get_by_role("button", name="Send the answer").click()
    expect(requester.get_by_role("heading", level=1)).to_have_text("Your answer was received")
    desk.reload()
    expect(desk.locator("#pra-open-question")).to_have_count(0)
    expect(desk.locator("main")).to_contain_text("The public lot only.")
    expect(desk.locator("main")).to_contain_text("Initial response sent")

    # A partial release names each person responsible, with title (§ 7922.540(b)).
    desk.get_by_role("link", name="Release the records in part").click()
    desk.fill("#pra-available_on", available_day())
    desk.fill("#pra-available_at", "14:30")
    desk.fill("#pra-withheld-1-what", "Home addresses of two employees")
    desk.select_option("#pra-withheld-1-exemption", "employee_personal")
    desk.get_by_label(f"{director.name}, {director.title}").check()
    desk.fill("#pra-others_typed", "Alex Kim, Deputy County Counsel")
    desk.get_by_role("button", name="Preview the letter").click()
    letter = desk.locator("#pra-letter-text")
    expect(letter).to_contain_text(f"{director.name}, {director.title}")
    expect(letter).to_contain_text("Alex Kim, Deputy County Counsel")
    expect(letter).to_contain_text("from 2:30 p.m. on")
    partly = desk.locator("#pra-letter-subject").inner_text().strip()
    desk.get_by_role("button", name="Send the letter").click()
    expect(desk.locator("#pra-banner")).to_contain_text(f"Letter sent: {partly}.")
    requester_sees(requester, receipt, "Records released in part: being made available", partly)
    expect(requester.locator("#pra-letters")).to_contain_text("Alex Kim")

    # The requester appeals from the status page; an email confirms when it will be decided.
    requester.locator("#pra-appeal-link").click()
    expect(requester.locator("#pra-tracking-number")).to_have_value(receipt.tracking_number)
    requester.fill("#pra-reasons", "The addresses of staff who work at the branch are public.")
    requester.get_by_role("button", name="Send the appeal").click()
    expect(requester.get_by_role("heading", level=1)).to_have_text("Your appeal was received")
    assert_no_axe_violations(requester, "the appeal received page at 375 px")
    mail = outbox_when(
        server.data_dir / "outbox",
        lambda mail: (
            any("ppeal" in m["Subject"] for m in mail if m["To"] == COORDINATOR)
            and any("ppeal" in m["Subject"] for m in mail if m["To"] == "pat.caller@example.org")
        ),
    )
    confirmed = [m for m in mail if m["To"] == "pat.caller@example.org"][-1]
    assert "appeal" in confirmed["Subject"].lower()
    assert "decision" in " ".join(text_body(confirmed).split()).lower()
    told = [m for m in mail if m["To"] == COORDINATOR]
    assert any(receipt.tracking_number in m["Subject"] and "ppeal" in m["Subject"] for m in told)
    requester_sees(requester, receipt, "Appeal received", partly)
    expect(requester.locator("#pra-appeal")).to_be_visible()
    expect(requester.locator("#pra-appeal-link")).to_have_count(0)

    # The Director decides once: upheld is final, and nothing offers a second appeal.
    chair = new_page()
    sign_in(chair, director)
    open_request(chair, receipt)
    chair.get_by_role("link", name="Decide the appeal").click()
    chair.get_by_label("Uphold the denial").check()
    chair.fill("#pra-explanation", "Home addresses of staff are private under the policy.")
    decided = preview_and_send(chair, director, "Decide the appeal")
    expect(chair.locator("#pra-actions")).not_to_contain_text("Decide the appeal")
    requester_sees(requester, receipt, "Appeal decided", decided)
    expect(requester.locator("#pra-letters")).to_contain_text("This decision is final")
    expect(requester.locator("#pra-appeal-link")).to_have_count(0)
    upheld = f"Appeal upheld for {receipt.tracking_number}"
    mail = outbox_when(
        server.data_dir / "outbox", lambda mail: any(m["Subject"] == upheld for m in mail)
    )
    assert any(m["To"] == COORDINATOR and m["Subject"] == upheld for m in mail)
