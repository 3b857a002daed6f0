"""The public request log in Chromium against `pra serve`: the site's page reads the log's JSON
with JavaScript, and without it links to the server's pages; both languages, axe-clean, no
sideways scrolling at 375 px."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from tests.browser.flows import fill_request, read_receipt, send
from tests.browser.test_pages import (
    assert_no_axe_violations,
    assert_no_axe_violations_without_script,
    screenshots,
)

pytestmark = pytest.mark.e2e

PENDING = {
    "en": "Request received — summary pending",
    "es": "Solicitud recibida: resumen pendiente",
}
PREFIX = {"en": "", "es": "/es"}


@pytest.fixture
def number(new_page: Callable[..., Page]) -> str:
    page = new_page(javascript=False)
    fill_request(
        page, "en", "Contracts with the bookmobile's maintenance firm, 2025", "lee@example.org"
    )
    send(page)
    return read_receipt(page).tracking_number


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_site_page_lists_the_request_from_the_json(
    new_page: Callable[..., Page], number: str, language: str
) -> None:
    page = new_page()
    page.goto(f"{PREFIX[language]}/log/", wait_until="networkidle")
    entry = page.locator("#pra-log-list > li").filter(has_text=number)
    expect(entry).to_contain_text(PENDING[language])
    expect(page.locator("#pra-log-plain")).to_be_hidden()
    assert "Contracts with the bookmobile" not in page.content()  # not approved: not shown
    assert_no_axe_violations(page, f"the request log ({language})")
    screenshots(page, f"log-{language}")
    entry.get_by_role("link", name=number).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(number)
    assert_no_axe_violations(page, f"a request's public entry ({language})")


@pytest.mark.parametrize("language", ["en", "es"])
def test_without_javascript_the_server_pages_list_it(
    new_page: Callable[..., Page], number: str, language: str
) -> None:
    page, checker = new_page(javascript=False), new_page()
    page.goto(f"{PREFIX[language]}/log/")
    page.locator("#pra-log-plain a").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        {"en": "Request log", "es": "Registro de solicitudes"}[language]
    )
    expect(page.locator(".pra-log-list")).to_contain_text(number)
    assert_no_axe_violations_without_script(page, checker, f"the server's log ({language})")
    screenshots(page, f"log-server-{language}")
