"""The desk on AWS in Chromium: several files at once, from the browser straight to S3.

The app runs as the Lambda module builds it, over real HTTP, on moto's server (S3 answering
CORS like a bucket with the template's rule, DynamoDB). S3 takes one file a post, so the
page's script posts each chosen file to a presigned form and brings it back to the desk;
without JavaScript the same form sends one file and S3 redirects the browser back.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from pra.aws import wiring
from pra.domain.files import Visibility
from pra.domain.request import parse_submission
from pra.services.files import request_files
from pra.services.submit import submit_request
from tests.aws import test_e2e_moto_server as on_moto
from tests.aws.resources import FILES_BUCKET
from tests.aws.test_e2e_moto_server import Stack
from tests.browser.test_pages import assert_no_axe_violations, screenshots
from tests.conftest import VALID_REQUEST
from tests.files.conftest import PDF
from tests.staff.conftest import PASSWORD, account_for

pytestmark = pytest.mark.e2e
# The app on moto's server, as the end-to-end tests on AWS run it.
emulator, stack = on_moto.emulator, on_moto.stack


def desk_page(browser: Browser, stack: Stack, *, javascript: bool) -> tuple[Page, str]:
    services = wiring.services()
    services.staff.add_staff(account_for("coordinator"))
    number = submit_request(services, parse_submission(VALID_REQUEST)).tracking_number
    context = browser.new_context(base_url=stack.url, java_script_enabled=javascript)
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto("/staff/sign-in")
    page.fill("#pra-email", account_for("coordinator").email)
    page.fill("#pra-password", PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.goto(f"/staff/requests/{number}")
    return page, number


def pdf(name: str) -> dict[str, object]:
    return {"name": name, "mimeType": "application/pdf", "buffer": PDF}


def test_the_desk_sends_several_files_straight_to_s3(browser: Browser, stack: Stack) -> None:
    page, number = desk_page(browser, stack, javascript=True)
    expect(page.get_by_label("Files", exact=True)).to_have_attribute("multiple", "")
    assert_no_axe_violations(page, "the request page on AWS")
    page.set_input_files("#pra-files", [pdf("minutes.pdf"), pdf("agenda.pdf")])
    page.get_by_label("Public", exact=True).check()
    page.get_by_role("button", name="Upload").click()

    banners = page.locator(".pra-banner")
    expect(banners).to_have_count(2)
    expect(banners.nth(0)).to_contain_text("Uploaded 1 file: minutes.pdf.")
    expect(banners.nth(1)).to_contain_text("Uploaded 1 file: agenda.pdf.")
    assert_no_axe_violations(page, "the request page after several files")
    screenshots(page, "staff-request-aws-several-files")
    files = request_files(wiring.services(), number)
    assert sorted((f.name, f.title, f.visibility) for f in files) == [
        ("agenda.pdf", "agenda", Visibility.PUBLIC),  # titled after their names
        ("minutes.pdf", "minutes", Visibility.PUBLIC),
    ]
    incoming = stack.aws.s3.list_objects_v2(
        Bucket=FILES_BUCKET, Prefix=f"requests/{number}/incoming/"
    )
    assert incoming.get("Contents", []) == []  # each incoming copy went once taken


def test_a_refused_file_among_several_is_said_and_the_others_are_kept(
    browser: Browser, stack: Stack
) -> None:
    page, number = desk_page(browser, stack, javascript=True)
    tool = {"name": "tool.pdf", "mimeType": "application/pdf", "buffer": b"MZ\x90\x00" + bytes(64)}
    page.set_input_files("#pra-files", [pdf("minutes.pdf"), tool])
    page.get_by_role("button", name="Upload").click()

    expect(page.locator(".pra-banner--error")).to_contain_text(
        "Tool.pdf: this kind of file is not accepted"
    )
    expect(page.locator("#pra-banner")).to_contain_text("Uploaded 1 file: minutes.pdf.")
    assert [f.name for f in request_files(wiring.services(), number)] == ["minutes.pdf"]


def test_nothing_chosen_is_said_before_anything_is_sent(browser: Browser, stack: Stack) -> None:
    page, number = desk_page(browser, stack, javascript=True)
    page.get_by_role("button", name="Upload").click()
    expect(page.locator("#pra-upload-progress")).to_have_text("Choose one or more files to upload.")
    expect(page.get_by_label("Files", exact=True)).to_be_focused()
    assert request_files(wiring.services(), number) == []


def test_without_javascript_one_file_goes_and_s3_brings_the_browser_back(
    browser: Browser, stack: Stack
) -> None:
    page, number = desk_page(browser, stack, javascript=False)
    page.set_input_files("#pra-files", pdf("minutes.pdf"))
    page.fill("#pra-title", "Commission minutes")
    page.get_by_role("button", name="Upload").click()

    expect(page.locator("#pra-banner")).to_contain_text("Uploaded 1 file: minutes.pdf.")
    (file,) = request_files(wiring.services(), number)
    assert (file.title, file.visibility) == ("Commission minutes", Visibility.PRIVATE)
