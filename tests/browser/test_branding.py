"""One agency file brands everything: another library's name, logo, contacts, colours and fees,
set in a copy of agency.toml, reach the site (built with it), a page the server renders, the
acknowledgement email and a letter's PDF, and nothing of the shipped agency is left."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from email import message_from_bytes
from email.message import Message
from io import BytesIO
from pathlib import Path

import pytest
from playwright.sync_api import Browser
from pypdf import PdfReader

from pra.agency import shipped_agency
from pra.bootstrap import bootstrap
from pra.config import Settings
from pra.services.letter_copies import letter_as_pdf
from pra.services.respond import Response, send_response
from tests.browser.conftest import HOST
from tests.e2e.test_serve import PRA, ROOT, _wait_until_up
from tests.services.test_respond import COORDINATOR
from tests.smtp_server import free_port

pytestmark = pytest.mark.e2e

AGENCY = """
name = "Petaluma Valley Library"
short_name = "PV Library"
logo = "mark.svg"
address = ["Records Office", "100 Fair Street", "Petaluma, CA 94952"]
phone = "(707) 555-0142"
email = "records@petaluma-library.example"

[office_hours]
en = "Tuesday to Saturday, 10 a.m. to 4 p.m."
es = "De martes a sábado, de 10:00 a 16:00"

[colours]
primary = "#5a2d0c"
accent = "#7a3b10"

[open_data]
licence = "Open Government Licence"
licence_url = "https://petaluma-library.example/licence"

[fees]
per_page = "0.25"
postage = "1.10"
"""
LOGO = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24">'
    '<circle id="pv-mark" cx="12" cy="12" r="10"/></svg>'
)


@dataclass(frozen=True)
class Branded:
    url: str
    env: dict[str, str]
    data_dir: Path


@pytest.fixture(scope="module")
def branded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Branded]:
    folder = tmp_path_factory.mktemp("branded")
    (folder / "agency.toml").write_text(AGENCY, encoding="utf-8")
    (folder / "mark.svg").write_text(LOGO, encoding="utf-8")
    port = free_port()
    url = f"http://{HOST}:{port}"
    env = {
        **os.environ,
        "PRA_AGENCY_FILE": str(folder / "agency.toml"),
        "PRA_SHELL_DIR": str(folder / "shell"),
        "PRA_SITE_DIR": str(folder / "site"),
        "PRA_DATA_DIR": str(folder / "data"),
        "PRA_PUBLIC_URL": url,
        "PRA_RATE_LIMITS": "off",
        "NO_MKDOCS_2_WARNING": "1",
    }
    mkdocs = Path(sys.executable).with_name("mkdocs")
    built = subprocess.run(
        [str(mkdocs), "build", "--strict", "--quiet", "--site-dir", str(folder / "site")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert built.returncode == 0, built.stderr
    with (folder / "server.log").open("w") as log:
        process = subprocess.Popen(
            [str(PRA), "serve", "--port", str(port)], env=env, stdout=log, stderr=log
        )
        try:
            _wait_until_up(url, process)
            yield Branded(url, env, folder / "data")
        finally:
            process.terminate()
            process.wait(timeout=10)


def test_the_site_a_server_page_an_email_and_a_letter_carry_the_agency(
    branded: Branded, browser: Browser
) -> None:
    shipped = shipped_agency()
    page = browser.new_page()
    for path in ("/", "/es/fees/"):
        page.goto(branded.url + path)
        header = page.locator(".md-header")
        assert "Petaluma Valley Library" in header.inner_text()
        assert page.locator(".md-header .md-logo #pv-mark").count() == 1
        footer = page.locator(".md-footer").inner_text()
        assert "100 Fair Street" in footer and "(707) 555-0142" in footer
        assert "records@petaluma-library.example" in footer
        colour = header.evaluate("e => getComputedStyle(e).backgroundColor")
        assert colour == "rgb(90, 45, 12)"
    assert "$0.25" in page.locator("article").inner_text()
    html = page.content()
    for old in (shipped.name, shipped.email, shipped.phone):
        assert old not in html

    page.close()

    # Without JavaScript the form posts and the server renders the confirmation page.
    page = browser.new_context(java_script_enabled=False).new_page()
    page.goto(branded.url + "/request/")
    page.fill("#pra-description", "Minutes of the library board, January to March 2026.")
    page.check("#pra-format-electronic")
    page.check("#pra-delivery-email")
    page.fill("#pra-email", "reader@example.org")
    page.click("button[type=submit]")
    page.wait_for_url("**/api/requests/confirmation")
    assert "Petaluma Valley Library" in page.locator(".md-header").inner_text()
    assert "records@petaluma-library.example" in page.locator(".md-footer").inner_text()
    number = page.locator("#pra-tracking-number").inner_text().strip()
    page.close()

    acknowledgement = _email_to(branded.data_dir, "reader@example.org")[0]
    assert acknowledgement["Reply-To"] == "records@petaluma-library.example"
    text = acknowledgement.get_payload()[0].get_payload(decode=True).decode()
    assert "Petaluma Valley Library" in text and "100 Fair Street" in text
    assert shipped.name not in text and shipped.email not in text

    services = bootstrap(Settings.from_env(branded.env))
    send_response(services, number, COORDINATOR, Response("no_records", explanation="None."))
    letter = _email_to(branded.data_dir, "reader@example.org")[-1]
    assert letter["Reply-To"] == "records@petaluma-library.example"
    _name, pdf = letter_as_pdf(services, number, 1, COORDINATOR.email) or ("", b"")
    printed = "".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages)
    for line in ("Petaluma Valley Library", "100 Fair Street", "records@petaluma-library.example"):
        assert line in printed
    assert shipped.name not in printed


def _email_to(data_dir: Path, address: str) -> list[Message]:
    paths = sorted((data_dir / "outbox").glob("*.eml"), key=lambda p: p.stat().st_mtime_ns)
    mail = [message_from_bytes(p.read_bytes()) for p in paths]
    return [m for m in mail if m["To"] == address]
