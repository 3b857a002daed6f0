"""The desk on a phone: every desk page a coordinator reaches from a new request fits 375 px
(no sideways scrolling of the page) and passes axe, in the site's look (header and footer)."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page

from tests.browser.conftest import StaffLogin
from tests.browser.flows import fill_request, read_receipt, send
from tests.browser.test_coordinator import open_request, sign_in
from tests.browser.test_pages import assert_no_axe_violations, screenshots

pytestmark = pytest.mark.e2e


def test_every_desk_page_fits_a_phone_and_passes_axe(
    new_page: Callable[..., Page], coordinator: StaffLogin
) -> None:
    requester = new_page()
    fill_request(
        requester, "en", "Janitorial contract for the Central branch, 2025", "lee@example.org"
    )
    send(requester)
    receipt = read_receipt(requester)

    desk = new_page()
    sign_in(desk, coordinator)
    open_request(desk, receipt)
    request_url = urlsplit(desk.url).path
    # The request page's own forms (respond, extend, deliver, fees…), the log and the rest.
    forms = desk.eval_on_selector_all(
        "main a[href^='/staff/requests/']",
        "links => [...new Set(links.map(a => new URL(a.href).pathname))]",
    )
    addresses = [
        "/staff/",
        request_url,
        *[f for f in forms if not f.endswith((".pdf", ".csv")) and "/files/" not in f],
        "/staff/requests/new",
        "/staff/records/",
        "/staff/account",
        "/staff/accounts",
    ]
    checked = []
    for address in dict.fromkeys(addresses):
        response = desk.goto(address)
        assert response is not None and response.status == 200, address
        assert desk.locator(".md-header").count() == 1 and desk.locator(".pra-footer").count() == 1
        name = "desk-" + (address.strip("/").replace("/", "-") or "log")
        screenshots(desk, name)  # 1280 and 375 px: fails if the page scrolls sideways
        desk.set_viewport_size({"width": 375, "height": 800})
        assert_no_axe_violations(desk, f"{address} at 375 px")
        desk.set_viewport_size({"width": 1280, "height": 800})
        checked.append(address)
    assert len(checked) >= 8, checked
