"""Valid and accessible beyond axe (issue 15): the Nu HTML Checker and pa11y (HTML_CodeSniffer,
WCAG 2 AA) find no error on any page: every page of the site in both languages, the pages the
API renders (the form with errors, the confirmation, status, the reply forms and receipts,
released records, problems) and the staff desk's pages, signed in.

Each page's HTML is fetched from `pra serve` as a browser without JavaScript would (a form's
post, a session's cookies) and saved. The Nu checker reads all the files in one run (one JVM);
pa11y sees each saved page served again at its own address in Debian's Chromium
(tests/browser/pa11y_pages.js), so its styles and scripts load from the server. Both are
installed by `make validators` (package.json, package-lock.json).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import requests
from playwright.sync_api import Page

from tests.browser.conftest import StaffLogin, site_pages
from tests.e2e.test_serve import ROOT, Server

pytestmark = pytest.mark.e2e

HERE = Path(__file__).parent
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
PA11Y = ROOT / "node_modules" / "pa11y"
PA11Y_CONFIG = HERE / "pa11y.json"
PA11Y_PAGES = HERE / "pa11y_pages.js"
INSTALL = "run `make validators` (Debian's Java, then npm ci of package-lock.json)"


@dataclass(frozen=True)
class Saved:
    """A page as the server sent it: what it is, its address, its HTML in `file`."""

    what: str
    url: str
    file: Path


class Pages:
    def __init__(self, server: Server, folder: Path) -> None:
        self.server, self.folder = server, folder
        self.saved: list[Saved] = []

    def keep(self, what: str, response: requests.Response, status: int = 200) -> str:
        assert response.status_code == status, f"{what}: {response.status_code} {response.url}"
        assert response.headers["Content-Type"].startswith("text/html"), what
        name = re.sub(r"[^a-z0-9]+", "-", what.lower()).strip("-")
        file = self.folder / f"{len(self.saved):03d}-{name}.html"
        file.write_bytes(response.content)
        self.saved.append(Saved(what, response.url, file))
        return response.text

    def url(self, path: str) -> str:
        return self.server.url + path


def _hidden(html: str, name: str) -> str:
    found = re.search(rf'name="{name}" value="([^"]*)"', html)
    assert found, f"no {name} field"
    return found.group(1)


def _text(html: str, element_id: str) -> str:
    found = re.search(rf'id="{element_id}"[^>]*>\s*([^<]+?)\s*<', html)
    assert found, f"no #{element_id}"
    return found.group(1)


REQUEST = {
    "description": "Library board meeting minutes for 2025, checked by the validators",
    "format": "electronic",
    "delivery": "email",
    "email": "validators@example.org",
}
REASONS = {
    "appeal": ("reasons", "The records are public."),
    "clarification": ("answer", "The minutes of the March meeting."),
    "withdrawal": ("reason", "I found them elsewhere."),
}


def _public_pages(pages: Pages) -> None:
    for path in site_pages():
        pages.keep(f"site {path}", requests.get(pages.url(path), timeout=30))
    for language, prefix in (("en", ""), ("es", "/es")):
        query = "?lang=es" if language == "es" else ""
        get = lambda path: requests.get(pages.url(path), timeout=30)  # noqa: E731
        pages.keep(f"{language} page not found", get(f"{prefix}/no-such-page/"), 404)
        pages.keep(f"{language} released records", get(f"/api/records/{query}"))
        pages.keep(f"{language} no receipt", get(f"/api/requests/confirmation{query}"), 404)
        pages.keep(f"{language} file link not found", get(f"/api/files/no-such-file{query}"), 404)
        _requester_pages(pages, language)
        # After the requester pages: the request just made is in the log.
        listing = f"?lang={language}"
        pages.keep(f"{language} request log", get(f"/api/log{listing}"))
        newest = requests.get(pages.url(f"/api/log.json{listing}"), timeout=30).json()
        pages.keep(f"{language} log entry", get(newest["entries"][0]["url"]))
        pages.keep(f"{language} statistics", get(f"/api/statistics{listing}"))


def _requester_pages(pages: Pages, language: str) -> None:
    """What a requester without JavaScript sees, from the form's post to a withdrawal."""
    person = requests.Session()
    post = lambda path, data: person.post(pages.url(path), data=data, timeout=30)  # noqa: E731
    bad = {"description": "short", "format": "paper", "delivery": "mail", "language": language}
    pages.keep(f"{language} request form with errors", post("/api/requests", bad), 400)
    html = pages.keep(
        f"{language} confirmation", post("/api/requests", {**REQUEST, "language": language})
    )
    number, code = _text(html, "pra-tracking-number"), _text(html, "pra-access-code")
    again = person.get(pages.url("/api/requests/confirmation"), timeout=30)
    pages.keep(f"{language} confirmation reloaded", again)
    reply = {"tracking_number": number, "code": code, "language": language}
    pages.keep(f"{language} status", post("/api/status", reply))
    wrong = {**reply, "code": "WRONG-CODE"}
    pages.keep(f"{language} status not found", post("/api/status", wrong), 404)
    for kind, (field, words) in REASONS.items():
        sent = post(f"/api/{kind}", {**wrong, field: words})
        pages.keep(f"{language} {kind} form, wrong code", sent, 404)
    appeal = post("/api/appeal", {**reply, "reasons": REASONS["appeal"][1]})
    pages.keep(f"{language} appeal form, not open", appeal, 409)
    withdrawn = post("/api/withdrawal", {**reply, "reason": REASONS["withdrawal"][1]})
    pages.keep(f"{language} withdrawal received", withdrawn)


def _staff_pages(pages: Pages, login: StaffLogin) -> None:
    staff = requests.Session()
    form = pages.keep("staff sign-in", staff.get(pages.url("/staff/sign-in"), timeout=30))
    token = _hidden(form, "csrf_token")
    empty = {"csrf_token": token, "email": "", "password": ""}
    refused = staff.post(pages.url("/staff/sign-in"), data=empty, timeout=30)
    pages.keep("staff sign-in with errors", refused, 400)
    signed = {"csrf_token": token, "email": login.email, "password": login.password}
    log = pages.keep(
        "staff request log", staff.post(pages.url("/staff/sign-in"), data=signed, timeout=30)
    )
    numbers = re.findall(r"/staff/requests/(PRA-\d{4}-\d+)\"", log)
    assert numbers, "the request log lists no request"
    for what, path in (
        ("staff request page", f"/staff/requests/{numbers[0]}"),
        ("staff intake form", "/staff/requests/new"),
        ("staff released records", "/staff/records/"),
        ("staff account", "/staff/account"),
        ("staff accounts", "/staff/accounts"),
    ):
        pages.keep(what, staff.get(pages.url(path), timeout=30))


@pytest.fixture(scope="module")
def saved_pages(
    server: Server, coordinator: StaffLogin, tmp_path_factory: pytest.TempPathFactory
) -> list[Saved]:
    pages = Pages(server, tmp_path_factory.mktemp("validators"))
    _public_pages(pages)
    _staff_pages(pages, coordinator)
    return pages.saved


def _need(path: Path, what: str) -> None:
    if not path.exists():
        pytest.fail(f"{what} is missing ({path.relative_to(ROOT)}): {INSTALL}")


def test_the_pages_were_found(saved_pages: list[Saved]) -> None:
    kinds = {page.what.split()[0] for page in saved_pages}
    assert {"site", "en", "es", "staff"} <= kinds, kinds
    print(f"{len(saved_pages)} pages saved")


def test_nu_html_checker_finds_no_error(saved_pages: list[Saved]) -> None:
    _need(VNU, "The Nu HTML Checker")
    if not shutil.which("java"):
        pytest.fail(f"java is missing: {INSTALL}")
    by_file = {page.file.name: page for page in saved_pages}
    command = ["java", "-jar", str(VNU), "--format", "json", "--errors-only", "--stdout"]
    checked = subprocess.run(
        [*command, *(str(page.file) for page in saved_pages)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert checked.stdout.strip(), f"the Nu checker said nothing: {checked.stderr}"
    messages = json.loads(checked.stdout)["messages"]
    errors = [m for m in messages if m.get("type") in ("error", "non-document-error")]
    report = []
    for message in errors:
        page = by_file.get(Path(unquote(urlsplit(message.get("url", "")).path)).name)
        where = f"{page.what} ({page.url})" if page else message.get("url", "?")
        extract = message.get("extract", "").strip()
        report.append(f"{where} line {message.get('lastLine', '?')}: {message['message']}")
        report.append(f"    {extract}")
    print(f"Nu HTML Checker: {len(errors)} errors on {len(saved_pages)} pages")
    assert not errors, "the Nu HTML Checker's errors:\n" + "\n".join(report)


def test_pa11y_finds_no_error(saved_pages: list[Saved], tmp_path: Path) -> None:
    _need(PA11Y, "pa11y")
    listing = tmp_path / "pages.json"
    listing.write_text(json.dumps([{"url": p.url, "file": str(p.file)} for p in saved_pages]))
    checked = subprocess.run(
        ["node", str(PA11Y_PAGES), str(PA11Y_CONFIG), str(listing)],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=ROOT,
    )
    assert checked.returncode == 0, f"pa11y did not run: {checked.stderr[-3000:]}"
    found: list[list[dict[str, str]]] = json.loads(checked.stdout)
    assert len(found) == len(saved_pages)
    report = [
        f"{page.what} ({page.url}): {issue['code']}\n    {issue['message']}\n"
        f"    {issue['selector']}: {issue['context'][:200]}"
        for page, issues in zip(saved_pages, found, strict=True)
        for issue in issues
    ]
    print(f"pa11y (WCAG2AA, HTML_CodeSniffer): {len(report)} errors on {len(found)} pages")
    assert not report, "pa11y's errors:\n" + "\n".join(report)


def test_site_pages_request_nothing_missing(new_page: Callable[..., Page]) -> None:
    """No request a site page makes answers an error (Lighthouse once saw /es/sitemap.xml
    asked for and missing)."""
    failed: list[str] = []
    page = new_page()
    page.on(
        "response",
        lambda response: (
            response.status >= 400
            and failed.append(f"{response.status} {response.url} from {page.url}")
        ),
    )
    for path in site_pages():
        page.goto(path, wait_until="networkidle")
    assert not failed, failed
