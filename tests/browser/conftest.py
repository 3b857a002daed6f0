"""Browser tests: `pra serve` as a real process, driven by Debian's Chromium through Playwright.

One server and one browser per session; a fresh browser context per test. Every request any
page makes is recorded, and a test fails if one leaves the server's host (Policy 4005: no
fonts, CDNs or analytics), or if the Content Security Policy refused anything on a page.
Never run `playwright install`: the browser is /usr/bin/chromium.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Page,
    Request,
    sync_playwright,
)

from tests.e2e.test_serve import PRA, ROOT, Server, _wait_until_up
from tests.smtp_server import free_port

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
SITE = ROOT / "site"
ARTIFACTS = ROOT / "test-artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
HOST = "127.0.0.1"
# Schemes that never touch the network.
LOCAL_SCHEMES = {"data", "blob", "about"}


def site_pages() -> list[str]:
    """Paths of every page of the built site, both languages (not 404 or search)."""
    pages = []
    for index in sorted(SITE.rglob("index.html")):
        relative = index.parent.relative_to(SITE).as_posix()
        if relative == "search" or relative.startswith("search/"):
            continue
        pages.append("/" if relative == "." else f"/{relative}/")
    return pages


def screenshot_name(path: str) -> str:
    return path.strip("/").replace("/", "-") or "home"


@contextmanager
def serving(
    folder: Path, clamav_db: Path, prepare: Callable[[dict[str, str], Path], object] | None = None
) -> Iterator[Server]:
    """`pra serve` on a free port with the built site and a data folder in `folder`;
    `prepare(env, data_dir)` runs first (seeding with the CLI, say)."""
    if not (SITE / "index.html").exists():
        pytest.fail("the site is not built: run `make site` (make test does)")
    port = free_port()
    url = f"http://{HOST}:{port}"
    data_dir, log = folder / "data", folder / "server.log"
    env = {
        **os.environ,
        "PRA_SITE_DIR": str(SITE),
        "PRA_PUBLIC_URL": url,
        "PRA_COORDINATOR_EMAIL": "coordinator@library.example",
        "PRA_CLAMAV_DB": str(clamav_db),
        # One browser session submits far more than a person would: no per-client limits.
        "PRA_RATE_LIMITS": "off",
    }
    if prepare is not None:
        prepare(env, data_dir)
    command = [str(PRA), "serve", "--port", str(port), "--data-dir", str(data_dir)]
    with log.open("w") as output:
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT, env=env)
        try:
            _wait_until_up(url, process)
            yield Server(url, data_dir, log)
        finally:
            process.terminate()
            process.wait(timeout=10)


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory, clamav_db: Path) -> Iterator[Server]:
    with serving(tmp_path_factory.mktemp("pra-serve"), clamav_db) as running:
        yield running


@dataclass(frozen=True)
class StaffLogin:
    email: str
    password: str
    name: str
    title: str


@pytest.fixture(scope="session")
def coordinator(server: Server) -> StaffLogin:
    """A coordinator account made with `pra staff add` in the server's data folder."""
    login = StaffLogin(
        "ana.coordinator@library.example",
        "a long coordinator passphrase",
        "Ana Ruiz",
        "PRA Coordinator",
    )
    return _add_staff(server, login, "coordinator", "--phone", "707-555-0101")


@pytest.fixture(scope="session")
def director(server: Server) -> StaffLogin:
    """The Library Director, who decides appeals; her title has a Spanish form."""
    login = StaffLogin(
        "dana.director@library.example",
        "a long director passphrase",
        "Dana Ortiz",
        "Library Director",
    )
    return _add_staff(server, login, "director", "--title-es", "Directora de la Biblioteca")


def _add_staff(server: Server, login: StaffLogin, role: str, *options: str) -> StaffLogin:
    command = [str(PRA), "staff", "add", login.email, "--role", role]
    command += ["--name", login.name, "--title", login.title, *options]
    command += ["--data-dir", str(server.data_dir)]
    made = subprocess.run(
        command, input=login.password + "\n", capture_output=True, text=True, timeout=60
    )
    assert made.returncode == 0, made.stderr
    return login


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"{CHROMIUM} is missing: apt-get install -y chromium (never playwright install)"
        )
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def foreign(urls: list[str]) -> list[str]:
    """The URLs that would reach a host other than the server."""
    return [
        url
        for url in urls
        if urlsplit(url).scheme not in LOCAL_SCHEMES and urlsplit(url).hostname != HOST
    ]


class Contexts:
    """Opens browser contexts on the server and records every request their pages make."""

    def __init__(self, browser: Browser, server: Server) -> None:
        self.browser, self.server = browser, server
        self.opened: list[BrowserContext] = []
        self.requests: list[str] = []
        self.csp_violations: list[str] = []

    def page(self, *, javascript: bool = True, width: int = 1280, height: int = 800) -> Page:
        context = self.browser.new_context(
            base_url=self.server.url,
            java_script_enabled=javascript,
            viewport={"width": width, "height": height},
            locale="en-US",
        )
        context.set_default_timeout(10_000)
        context.on("request", self._record)
        context.on("console", self._watch_console)
        self.opened.append(context)
        return context.new_page()

    def _watch_console(self, message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text:
            self.csp_violations.append(
                f"{message.page.url if message.page else '?'}: {message.text}"
            )

    def _record(self, request: Request) -> None:
        self.requests.append(request.url)

    def close(self) -> None:
        for context in self.opened:
            context.close()


@pytest.fixture
def contexts(browser: Browser, server: Server) -> Iterator[Contexts]:
    opened = Contexts(browser, server)
    try:
        yield opened
    finally:
        opened.close()
    leaks = foreign(opened.requests)
    if leaks:
        pytest.fail(f"pages made requests to other hosts than {HOST}: {leaks}")
    if opened.csp_violations:
        pytest.fail(f"the Content Security Policy refused: {opened.csp_violations}")


@pytest.fixture
def new_page(contexts: Contexts) -> Callable[..., Page]:
    return contexts.page
