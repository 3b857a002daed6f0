"""Every page in a real browser: axe-core (WCAG 2.1 A and AA, and its best practices),
screenshots, network, size."""

from __future__ import annotations

import gzip
import json
from collections import defaultdict
from collections.abc import Callable

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, Response, expect

from tests.browser.conftest import (
    ARTIFACTS,
    HOST,
    SCREENSHOTS,
    foreign,
    screenshot_name,
    site_pages,
)
from tests.browser.flows import check_status, fill_request, read_receipt, send

pytestmark = pytest.mark.e2e

# axe's best practices too (landmarks, one h1, heading order, named dialogs...): issue 15.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
AXE_RULES = {"runOnly": {"type": "tag", "values": AXE_TAGS}}
WIDTHS = (1280, 375)
PAGES = site_pages()


def assert_no_axe_violations(page: Page, what: str) -> None:
    results = Axe().run(page, options=AXE_RULES)
    violations = results.response["violations"]
    report = [
        {
            "id": v["id"],
            "impact": v.get("impact"),
            "help": v["help"],
            "nodes": [
                {"target": n["target"], "html": n["html"][:200], "summary": n.get("failureSummary")}
                for n in v["nodes"]
            ],
        }
        for v in violations
    ]
    assert not violations, f"axe violations on {what} ({page.url}):\n" + json.dumps(
        report, indent=2, ensure_ascii=False
    )


def assert_no_axe_violations_without_script(page: Page, checker: Page, what: str) -> None:
    """axe runs in the page; a page opened with JavaScript off is copied into `checker`, a
    page with JavaScript on the same server, and checked there as it was served."""
    checker.set_content(page.content())
    assert checker.title() == page.title()
    assert_no_axe_violations(checker, f"{what}, as served without JavaScript")


# The outermost elements that reach past the viewport's right edge, to say what to fix.
_WIDEST = """width => [...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > width + 1)
  .filter(e => !e.parentElement || e.parentElement.getBoundingClientRect().right <= width + 1)
  .slice(0, 5).map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : ''))"""


def screenshots(page: Page, name: str) -> None:
    """Full-page screenshots at each width, each checked: the page fits the width (no sideways
    scrolling on a phone) and the image is a picture of it. The page is at its first width
    when called."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        overflow = page.evaluate("document.documentElement.scrollWidth") - width
        assert overflow <= 0, (
            f"{name} is {overflow}px wider than {width}px: it scrolls sideways past "
            f"{page.evaluate(_WIDEST, width)}"
        )
        shot = page.screenshot(path=SCREENSHOTS / f"{name}-{width}.png", full_page=True)
        assert shot[:8] == b"\x89PNG\r\n\x1a\n" and int.from_bytes(shot[16:20]) == width
    page.set_viewport_size({"width": WIDTHS[0], "height": 800})


def test_the_site_was_found() -> None:
    assert "/request/" in PAGES and "/es/request/" in PAGES, PAGES


@pytest.mark.parametrize("path", PAGES)
def test_site_page_has_no_axe_violations(new_page: Callable[..., Page], path: str) -> None:
    page = new_page()
    page.goto(path, wait_until="networkidle")
    assert_no_axe_violations(page, path)


@pytest.mark.parametrize("path", PAGES)
def test_site_page_screenshots(new_page: Callable[..., Page], path: str) -> None:
    page = new_page()
    page.goto(path, wait_until="networkidle")
    screenshots(page, screenshot_name(path))


@pytest.mark.parametrize("javascript", [True, False], ids=["js-on", "js-off"])
def test_every_page_requests_only_the_server(
    new_page: Callable[..., Page], javascript: bool
) -> None:
    seen: dict[str, list[str]] = {}
    for path in [*PAGES, "/404.html"]:
        page = new_page(javascript=javascript)
        urls: list[str] = []
        page.on("request", lambda request, urls=urls: urls.append(request.url))
        page.goto(path, wait_until="networkidle")
        seen[path] = urls
        page.close()
    leaks = {path: foreign(urls) for path, urls in seen.items() if foreign(urls)}
    assert not leaks, f"requests to hosts other than {HOST}: {leaks}"
    assert all(seen.values()), "no request was recorded"


# Pages the API renders, and pages the JavaScript changes in place, reached as a person would.


def _confirmation(page: Page, language: str = "en") -> None:
    fill_request(page, language, "Library board meeting minutes for 2025", "axe@example.org")
    send(page)
    read_receipt(page)


def _confirmation_reloaded(page: Page, language: str = "en") -> None:
    _confirmation(page, language)
    page.reload()
    expect(page.locator("h1")).to_be_visible()
    assert page.locator("#pra-access-code").count() == 0


def _status(page: Page) -> None:
    fill_request(page, "en", "Library board meeting minutes for 2024", "axe@example.org")
    send(page)
    check_status(page, "en", read_receipt(page))


def _status_not_found(page: Page) -> None:
    page.goto("/status/")
    page.fill("input[name=tracking_number]", "PRA-2026-99999")
    page.fill("input[name=code]", "WRONG-CODE")
    page.click("#pra-status-form button[type=submit]")
    expect(page.locator(".pra-error-message, h1").first).to_be_visible()
    page.wait_for_load_state("networkidle")


def _errors(page: Page) -> None:
    page.goto("/request/")
    page.fill("#pra-description", "short")
    page.check("#pra-format-paper")
    page.check("#pra-delivery-mail")
    page.evaluate("document.getElementById('pra-request-form').noValidate = true")
    send(page)
    expect(page.locator("#pra-error-summary")).to_be_visible()


STATES: dict[str, tuple[bool, Callable[[Page], None]]] = {
    "api-confirmation": (False, _confirmation),
    "api-confirmation-es": (False, lambda page: _confirmation(page, "es")),
    "api-confirmation-reloaded": (False, _confirmation_reloaded),
    "api-confirmation-reloaded-es": (False, lambda page: _confirmation_reloaded(page, "es")),
    "api-status": (False, _status),
    "api-status-not-found": (False, _status_not_found),
    "api-request-errors": (False, _errors),
    "api-not-found": (False, lambda page: page.goto("/no-such-page/")),
    "api-no-receipt": (False, lambda page: page.goto("/api/requests/confirmation")),
    "api-records": (False, lambda page: page.goto("/api/records/")),
    "api-records-es": (False, lambda page: page.goto("/api/records/?lang=es")),
    "js-confirmation": (True, _confirmation),
    "js-confirmation-es": (True, lambda page: _confirmation(page, "es")),
    "js-status": (True, _status),
    "js-status-not-found": (True, _status_not_found),
    "js-request-errors": (True, _errors),
}


@pytest.mark.parametrize("state", STATES)
def test_rendered_page_screenshots_and_axe(new_page: Callable[..., Page], state: str) -> None:
    javascript, reach = STATES[state]
    page = new_page(javascript=javascript)
    reach(page)
    screenshots(page, state)
    if not javascript:
        page = _with_scripts_on(new_page, page)
    assert_no_axe_violations(page, state)


def _with_scripts_on(new_page: Callable[..., Page], page: Page) -> Page:
    """The same document in a page that runs scripts, because axe-core is a script.

    A browser with JavaScript off never settles axe's promise. The API's pages load no script
    of their own, so the page rendered again from its HTML, at its URL, is the page people saw.
    """
    html, url = page.content(), page.url
    again = new_page()
    again.route(url, lambda route: route.fulfill(body=html, content_type="text/html"))
    again.goto(url, wait_until="networkidle")
    return again


def test_request_page_size(new_page: Callable[..., Page]) -> None:
    """HTML + CSS + JS + fonts of /request/ as the browser fetched them (printed, not judged)."""
    page = new_page()
    responses: list[Response] = []
    page.on("response", lambda response: responses.append(response))
    page.goto("/request/", wait_until="networkidle")
    kinds = {"document": "HTML", "stylesheet": "CSS", "script": "JS", "font": "fonts"}
    by_kind: dict[str, int] = defaultdict(int)
    gzipped = 0
    other: dict[str, int] = defaultdict(int)
    files = []
    for response in responses:
        kind = response.request.resource_type
        body = response.body() if response.status < 300 else b""
        size = len(body)
        if kind in kinds:
            by_kind[kinds[kind]] += size
            gzipped += len(gzip.compress(body))
            files.append(f"  {size:>9,} B  {kinds[kind]:<5} {response.url}")
        else:
            other[kind] += size
    transfer = page.evaluate(
        "performance.getEntriesByType('navigation').concat(performance.getEntriesByType"
        "('resource')).reduce((sum, e) => sum + (e.transferSize || 0), 0)"
    )
    total = sum(by_kind.values())
    lines = [
        f"/request/ (HTML + CSS + JS + fonts): {total:,} bytes ({total / 1024:.1f} KiB),"
        " uncompressed bodies as served by `pra serve`",
        *(f"  {kind}: {by_kind.get(kind, 0):,} bytes" for kind in kinds.values()),
        f"  the same gzip-compressed, as CloudFront would serve them: {gzipped:,} bytes"
        f" ({gzipped / 1024:.1f} KiB)",
        f"  other resources not counted: {dict(other) or 'none'}",
        f"  performance API transferSize, all resources with headers: {transfer:,} bytes",
        "files:",
        *files,
    ]
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "request-page-size.txt").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))
    assert by_kind["HTML"] > 0 and by_kind["CSS"] > 0 and by_kind["JS"] > 0
