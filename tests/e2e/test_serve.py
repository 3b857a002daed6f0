"""`pra serve` as a real process: a form post over HTTP, both emails, the status endpoint."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from xml.etree import ElementTree
from zoneinfo import ZoneInfo

import pytest
import requests

from tests.conftest import outbox_when, text_body
from tests.services.test_privacy import PERSONAL
from tests.smtp_server import free_port

ROOT = Path(__file__).resolve().parents[2]
PRA = Path(sys.executable).parent / "pra"
pytestmark = pytest.mark.e2e


@dataclass
class Server:
    url: str
    data_dir: Path
    log: Path


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    port = free_port()
    data_dir, log = tmp_path / "data", tmp_path / "server.log"
    site = ROOT / "site"
    if not (site / "index.html").exists():
        pytest.fail("the site is not built: run `make site` (make test does)")
    env = {
        **os.environ,
        "PRA_SITE_DIR": str(site),
        "PRA_PUBLIC_URL": f"http://127.0.0.1:{port}",
        "PRA_COORDINATOR_EMAIL": "coordinator@library.example",
    }
    command = [str(PRA), "serve", "--port", str(port), "--data-dir", str(data_dir)]
    with log.open("w") as output:
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT, env=env)
        try:
            url = f"http://127.0.0.1:{port}"
            _wait_until_up(url, process)
            yield Server(url, data_dir, log)
        finally:
            process.terminate()
            process.wait(timeout=10)


def _wait_until_up(url: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"pra serve exited with {process.returncode}")
        try:
            if requests.get(f"{url}/api/health", timeout=1).ok:
                return
        except requests.ConnectionError:
            time.sleep(0.1)
    pytest.fail("pra serve did not answer within 20 s")


def test_a_form_post_travels_the_whole_path(server: Server) -> None:
    browser = requests.Session()
    assert 'id="pra-request-form"' in browser.get(f"{server.url}/request/").text

    response = browser.post(f"{server.url}/api/requests", data=PERSONAL, timeout=10)
    assert response.status_code == 200
    assert [r.status_code for r in response.history] == [303]
    assert response.url == f"{server.url}/api/requests/confirmation"
    number = re.search(r'id="pra-tracking-number">([^<]+)<', response.text)
    code = re.search(r'id="pra-access-code">([^<]+)<', response.text)
    assert number is not None and code is not None
    assert number.group(1) == f"PRA-{datetime.now(ZoneInfo('America/Los_Angeles')).year}-00001"

    ack, notice = outbox_when(server.data_dir / "outbox", lambda mail: len(mail) == 2)
    assert ack["To"] == PERSONAL["email"]
    assert code.group(1) in text_body(ack)
    assert f"{server.url}/status/#{number.group(1)}:{code.group(1)}" in text_body(ack)
    assert notice["To"] == "coordinator@library.example"

    status = requests.post(
        f"{server.url}/api/requests/{number.group(1)}/status",
        json={"code": code.group(1)},
        timeout=10,
    )
    assert status.status_code == 200
    assert status.json()["status"] == "received"
    wrong = requests.post(
        f"{server.url}/api/requests/{number.group(1)}/status", json={"code": "x"}, timeout=10
    )
    assert wrong.status_code == 404

    server_output = server.log.read_text()
    for value in PERSONAL.values():
        if value not in {"mail", "paper"}:
            assert value not in server_output
    assert code.group(1) not in server_output


def test_the_server_logs_json_lines_naming_each_request_and_nothing_typed(
    server: Server,
) -> None:
    answer = requests.post(f"{server.url}/api/requests", json=PERSONAL, timeout=10)
    assert answer.status_code == 201
    forged = "x@evil.example\n2026-12-07 INFO pra: staff sign-in for admin@library.example"
    with requests.Session() as browser:
        form = browser.get(f"{server.url}/staff/sign-in", timeout=10).text
        token = re.search(r'name="csrf_token" value="([^"]+)"', form)
        assert token is not None
        browser.post(
            f"{server.url}/staff/sign-in",
            data={"email": forged, "password": "wrong password", "csrf_token": token.group(1)},
            timeout=10,
        )
    deadline = time.monotonic() + 10
    while "sent" not in server.log.read_text() and time.monotonic() < deadline:
        time.sleep(0.1)
    lines = [line for line in server.log.read_text().splitlines() if line.startswith("{")]
    entries = [json.loads(line) for line in lines]
    assert {"time", "level", "logger", "message", "request_id"} <= set(entries[0])
    mine = [e for e in entries if e["request_id"] == answer.headers["X-Request-Id"]]
    assert any("received" in e["message"] for e in mine), entries
    assert any("sign-in failed for account" in e["message"] for e in entries)
    text = server.log.read_text()
    for typed in [*PERSONAL.values(), "evil.example", "admin@"]:
        if typed not in {"mail", "paper"}:
            assert typed not in text


def test_the_site_and_the_api_share_one_origin(server: Server) -> None:
    home = requests.get(f"{server.url}/", timeout=10)
    assert home.status_code == 200 and "<html" in home.text
    assert (
        requests.get(f"{server.url}/status", allow_redirects=False, timeout=10).status_code == 308
    )
    assert requests.get(f"{server.url}/es/", timeout=10).status_code == 200
    missing = requests.get(f"{server.url}/no-such-page/", timeout=10)
    assert missing.status_code == 404


def test_pages_travel_gzipped_and_fingerprinted_assets_are_kept_a_year(server: Server) -> None:
    page = requests.get(f"{server.url}/request/", headers={"Accept-Encoding": "gzip"}, timeout=10)
    assert page.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in page.headers["Vary"]
    assert 'id="pra-request-form"' in page.text  # requests decompresses it
    raw = requests.get(
        f"{server.url}/request/", headers={"Accept-Encoding": "identity"}, timeout=10
    )
    assert "Content-Encoding" not in raw.headers and raw.text == page.text
    assert int(page.headers["Content-Length"]) < len(raw.content) / 2
    bundle = re.search(r'src="([^"]*bundle\.[0-9a-f]{8}\.min\.js)"', raw.text)
    assert bundle is not None
    asset = requests.get(f"{server.url}/request/{bundle.group(1)}", timeout=10)
    assert asset.status_code == 200
    assert asset.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert "immutable" not in raw.headers.get("Cache-Control", "")
    health = requests.get(
        f"{server.url}/api/health", headers={"Accept-Encoding": "gzip"}, timeout=10
    )
    assert "Content-Encoding" not in health.headers  # too small to be worth it


def test_visitors_holding_idle_connections_do_not_lock_out_the_next_one(server: Server) -> None:
    # Browsers keep up to six connections a site open between pages; 25 of them hold 150.
    # waitress's default limit of 100 connections left the 151st visitor waiting.
    host, port = server.url.removeprefix("http://").split(":")
    idle = [socket.create_connection((host, int(port)), timeout=5) for _ in range(150)]
    try:
        time.sleep(0.5)  # the server has accepted them all by now
        assert requests.get(f"{server.url}/api/health", timeout=5).ok
    finally:
        for connection in idle:
            connection.close()


def test_each_page_names_its_translation_in_the_sitemap_not_in_its_head() -> None:
    # In a page's head, the theme's script fetches a sitemap.xml beside each alternate page:
    # two 404s a page. The sitemap carries the alternates instead, with absolute addresses.
    site = ROOT / "site"
    namespaces = {
        "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
        "x": "http://www.w3.org/1999/xhtml",
    }
    urls = ElementTree.parse(site / "sitemap.xml").getroot().findall("s:url", namespaces)
    pages = list(site.rglob("index.html"))
    assert len(urls) == len(pages)  # an entry per page, each naming both languages
    for url in urls:
        alternates = {a.get("hreflang"): a.get("href") for a in url.findall("x:link", namespaces)}
        assert set(alternates) == {"en", "es"}
        assert all(re.match(r"https?://[^/]+/", href or "") for href in alternates.values())
    for page in pages:
        assert not re.search(r"<link[^>]*hreflang", page.read_text()), page
