"""The request and status forms in a real browser: JavaScript on and off, errors, keyboard."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, Route, expect

from tests.browser.flows import (
    PREFIX,
    Receipt,
    check_status,
    fill_request,
    read_receipt,
    send,
)
from tests.browser.test_pages import assert_no_axe_violations
from tests.conftest import outbox_when, text_body
from tests.e2e.test_serve import Server

pytestmark = pytest.mark.e2e

DESCRIPTIONS = {
    "en": "Board of trustees meeting minutes for March 2026",
    "es": "Actas de las reuniones de la junta de marzo de 2026",
}


@pytest.mark.parametrize("language", ["en", "es"])
def test_request_and_status_with_javascript_off(
    new_page: Callable[..., Page], language: str
) -> None:
    page = new_page(javascript=False)
    fill_request(page, language, DESCRIPTIONS[language], f"nojs.{language}@example.org")
    send(page)
    page.wait_for_url("**/api/requests/confirmation")
    receipt = read_receipt(page)
    assert page.locator("html").get_attribute("lang") == language

    check_status(page, language, receipt)
    page.wait_for_url("**/api/status")
    assert page.locator("html").get_attribute("lang") == language
    expect(page.locator("#pra-asked")).to_have_text(DESCRIPTIONS[language])


@pytest.mark.parametrize("language", ["en", "es"])
def test_request_and_status_with_javascript_on(
    new_page: Callable[..., Page], language: str
) -> None:
    page = new_page()
    fill_request(page, language, DESCRIPTIONS[language], f"js.{language}@example.org")
    send(page)
    receipt = read_receipt(page)
    in_place = page.locator("#pra-confirmation").count() > 0
    print(f"{language}: confirmation {'in place' if in_place else 'on a new page'}")
    assert page.locator("html").get_attribute("lang") == language

    check_status(page, language, receipt)
    assert page.locator("html").get_attribute("lang") == language
    expect(page.locator("#pra-asked")).to_have_text(DESCRIPTIONS[language])


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_link_in_the_acknowledgement_shows_the_status_at_once(
    new_page: Callable[..., Page], server: Server, language: str
) -> None:
    page = new_page()
    email = f"link.{language}@example.org"
    fill_request(page, language, DESCRIPTIONS[language], email)
    send(page)
    receipt = read_receipt(page)

    mail = outbox_when(server.data_dir / "outbox", lambda mail: any(m["To"] == email for m in mail))
    ack = next(m for m in mail if m["To"] == email)
    link = f"{server.url}{PREFIX[language]}/status/#{receipt.tracking_number}:{receipt.access_code}"
    assert link in text_body(ack)

    page.goto(link)
    # No click: the page asks for the status itself, and drops the code from the address.
    expect(page.locator("#pra-status")).to_be_visible()
    expect(page.locator("#pra-asked")).to_have_text(DESCRIPTIONS[language])
    form = page.locator("#pra-status-form")
    expect(form.locator("input[name=tracking_number]")).to_have_value(receipt.tracking_number)
    expect(form.locator("input[name=code]")).to_have_value(receipt.access_code)
    assert receipt.access_code not in page.url


def _fill_invalid(page: Page) -> None:
    page.goto("/request/")
    page.fill("#pra-description", "short")
    page.check("#pra-format-paper")
    page.check("#pra-delivery-mail")


def _summary_links(page: Page) -> list[str]:
    links = page.locator("#pra-error-summary a")
    return [links.nth(i).get_attribute("href") or "" for i in range(links.count())]


def test_invalid_input_with_javascript_off_answers_with_the_error_summary(
    new_page: Callable[..., Page],
) -> None:
    page = new_page(javascript=False)
    _fill_invalid(page)
    # The page's scripts stay off; Playwright turns off the browser's own checks (required,
    # minlength), as a browser without constraint validation would, so the server's page shows.
    page.evaluate("document.getElementById('pra-request-form').noValidate = true")
    with page.expect_response("**/api/requests") as answer:
        send(page)
    assert answer.value.status == 400

    summary = page.locator(".pra-error-summary")
    expect(summary).to_be_visible()
    assert summary.get_attribute("role") == "alert"
    assert summary.get_attribute("tabindex") == "-1"
    links = [
        summary.locator("a").nth(i).get_attribute("href")
        for i in range(summary.locator("a").count())
    ]
    assert "#pra-description" in links and "#pra-mailing-address" in links, links
    expect(page.locator("#pra-description-error.pra-error-message")).to_be_visible()
    expect(page.locator("#pra-mailing-address-error.pra-error-message")).to_be_visible()
    expect(page.locator("#pra-description")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#pra-mailing-address")).to_have_attribute("aria-invalid", "true")
    # What was typed is kept.
    expect(page.locator("#pra-description")).to_have_value("short")
    expect(page.locator("#pra-delivery-mail")).to_be_checked()


def test_invalid_input_with_javascript_on_moves_focus_to_the_summary(
    new_page: Callable[..., Page],
) -> None:
    page = new_page()
    _fill_invalid(page)
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url) if "/api/requests" in r.url else None)
    send(page)

    summary = page.locator("#pra-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    links = _summary_links(page)
    assert "#pra-description" in links and "#pra-mailing-address" in links, links
    expect(page.locator("#pra-description-error.pra-error-message")).to_be_visible()
    expect(page.locator("#pra-mailing-address-error.pra-error-message")).to_be_visible()
    expect(page.locator("#pra-description")).to_have_attribute("aria-invalid", "true")
    assert page.url.endswith("/request/"), page.url
    assert requests == [], f"invalid input was sent: {requests}"

    # Corrected, it goes through and the summary goes away.
    page.fill("#pra-description", "Invoices paid to library vendors in 2025")
    page.fill("#pra-mailing-address", "1 Main Street\nSanta Rosa, CA 95404")
    send(page)
    read_receipt(page)
    expect(page.locator("#pra-error-summary")).to_have_count(0)


def _tab_to(page: Page, element_id: str, limit: int = 60) -> None:
    """Press Tab until the element with this id has focus."""
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "document.activeElement && (document.activeElement.id"
            " || document.activeElement.tagName + ' ' + document.activeElement.textContent.trim())"
        )
        if focused == element_id:
            return
        seen.append(focused)
    pytest.fail(f"Tab never reached #{element_id}; focus went through {seen}")


def test_keyboard_only_request(new_page: Callable[..., Page]) -> None:
    page = new_page()
    page.goto("/request/")
    _tab_to(page, "pra-description")
    page.keyboard.type("Contracts with the library's cleaning vendor, 2024 to 2026")
    _tab_to(page, "pra-format-electronic")
    page.keyboard.press("ArrowDown")  # arrows move through a radio group and choose
    expect(page.locator("#pra-format-paper")).to_be_checked()
    page.keyboard.press("ArrowUp")
    expect(page.locator("#pra-format-electronic")).to_be_checked()
    _tab_to(page, "pra-delivery-email")
    page.keyboard.press("Space")
    expect(page.locator("#pra-delivery-email")).to_be_checked()
    _tab_to(page, "pra-email")
    page.keyboard.type("keyboard@example.org")
    submit = page.locator("#pra-request-form button[type=submit]")
    for _ in range(30):
        page.keyboard.press("Tab")
        if submit.evaluate("button => button === document.activeElement"):
            break
    else:
        pytest.fail("Tab never reached the Send button")
    page.keyboard.press("Enter")
    receipt: Receipt = read_receipt(page)
    assert re.match(r"PRA-\d{4}-\d{5,}$", receipt.tracking_number)


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_the_requester_withdraws_from_the_status_page(
    new_page: Callable[..., Page], javascript: bool
) -> None:
    page = new_page(javascript=javascript, width=375, height=740)
    fill_request(page, "es", DESCRIPTIONS["es"], f"retira.{javascript}@example.org")
    send(page)
    receipt = read_receipt(page)
    check_status(page, "es", receipt)
    page.get_by_text("Retirar esta solicitud").click()  # folded away until asked for
    if javascript:
        assert_no_axe_violations(page, "the status page with the withdrawal open")
    page.fill("#pra-reason", "Ya los encontré en la web.")
    page.get_by_role("button", name="Retirar la solicitud").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Su solicitud está retirada")
    expect(page.locator("main")).to_contain_text(receipt.tracking_number)


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_retry_after_a_lost_answer_stores_the_request_once(
    new_page: Callable[..., Page], server: Server, language: str
) -> None:
    """The first answer is lost on the way back (the request was stored); the person sends
    again, and the page shows the same tracking number without storing a second request."""
    page = new_page()
    stored: list[str] = []

    def lose_the_answer(route: Route) -> None:
        if not stored:
            stored.append(route.fetch().json()["tracking_number"])
            route.abort("connectionreset")
        else:
            route.continue_()

    page.route("**/api/requests", lose_the_answer)
    description = f"{DESCRIPTIONS[language]} (retried)"
    fill_request(page, language, description, f"retry.{language}@example.org")
    send(page)
    expect(page.locator("#pra-error-summary")).to_be_visible()
    send(page)
    expect(page.locator("#pra-tracking-number")).to_have_text(stored[0])
    assert page.locator("#pra-access-code").count() == 0
    repeated = {"en": "had already reached us", "es": "ya nos había llegado"}[language]
    expect(page.locator("#pra-confirmation")).to_contain_text(repeated)
    assert_no_axe_violations(page, f"repeated receipt ({language})")
    acks = outbox_when(
        server.data_dir / "outbox",
        lambda mail: any(stored[0] in str(m["Subject"]) for m in mail),
    )
    assert len([m for m in acks if f"retry.{language}@" in str(m["To"])]) == 1


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_inspecting_in_person_cannot_be_mailed_in_the_browser_or_on_the_server(
    new_page: Callable[..., Page], javascript: bool
) -> None:
    page = new_page(javascript=javascript)
    page.goto("/request/")
    page.fill("#pra-description", DESCRIPTIONS["en"])
    page.check("#pra-format-inspect")
    page.check("#pra-delivery-mail")
    page.fill("#pra-mailing-address", "1 Main Street\nSanta Rosa, CA 95404")
    send(page)
    error = page.locator("#pra-delivery-error.pra-error-message")
    expect(error).to_contain_text("Records you inspect in person are not mailed")
    assert _summary_links(page) == ["#pra-delivery-email"]  # the first choice of the group
