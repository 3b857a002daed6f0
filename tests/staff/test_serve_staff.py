"""The desk over real HTTP: `pra staff add`, then `pra serve`, a sign-in and the log."""

from __future__ import annotations

import re
import subprocess

import pytest
import requests

from tests.e2e.test_serve import PRA, Server, server  # noqa: F401  (the fixture)
from tests.services.test_privacy import PERSONAL

pytestmark = pytest.mark.e2e
PASSWORD = "a long enough passphrase"


def _token(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found is not None
    return found.group(1)


def test_a_coordinator_signs_in_and_reads_the_log(server: Server) -> None:  # noqa: F811
    add = [str(PRA), "staff", "add", "ana@library.example", "--role", "coordinator"]
    add += ["--name", "Ana", "--title", "Coordinator", "--data-dir", str(server.data_dir)]
    made = subprocess.run(add, input=PASSWORD + "\n", capture_output=True, text=True)
    assert made.returncode == 0, made.stderr
    public = requests.post(f"{server.url}/api/requests", json=PERSONAL, timeout=10)
    number = public.json()["tracking_number"]

    browser = requests.Session()
    closed = browser.get(f"{server.url}/staff/", timeout=10)
    assert closed.url.startswith(f"{server.url}/staff/sign-in")
    form = {"email": "ana@library.example", "password": PASSWORD}
    signed = browser.post(
        f"{server.url}/staff/sign-in", data={**form, "csrf_token": _token(closed.text)}, timeout=10
    )
    assert [r.status_code for r in signed.history] == [303]
    cookie = signed.history[0].headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Expires=" in cookie
    assert f'href="/staff/requests/{number}"' in signed.text

    page = browser.get(f"{server.url}/staff/requests/{number}", timeout=10)
    assert PERSONAL["email"] in page.text
    out = browser.post(
        f"{server.url}/staff/sign-out", data={"csrf_token": _token(page.text)}, timeout=10
    )
    assert "You have signed out, on this and every other device." in out.text
    assert browser.get(f"{server.url}/staff/", timeout=10).url.startswith(
        f"{server.url}/staff/sign-in"
    )
    server_output = server.log.read_text()
    assert PASSWORD not in server_output and "ana@library.example" not in server_output
