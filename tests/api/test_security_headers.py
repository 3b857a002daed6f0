"""Every response carries the security headers; the site's own inline scripts are allowed by
hash and nothing else inline; released files keep their sandbox."""

from __future__ import annotations

import base64
import dataclasses
import hashlib
from pathlib import Path

import pytest
from flask import Flask

from pra.config import SHELL_DIR
from pra.services import Services
from pra.web import create_app
from pra.web.security_headers import content_security_policy, inline_script_hashes

PAGE = """<!doctype html><html><head>
<script>__md_scope=new URL(".",location)</script>
<script id="__config" type="application/json">{"base": "."}</script>
<script src="assets/bundle.js"></script>
</head><body><p>Hi</p></body></html>"""


@pytest.fixture
def site(tmp_path: Path) -> Path:
    folder = tmp_path / "site"
    (folder / "request").mkdir(parents=True)
    (folder / "index.html").write_text(PAGE)
    (folder / "request" / "index.html").write_text(PAGE)
    return folder


def app_with(services: Services, **changes: object) -> Flask:
    settings = dataclasses.replace(services.settings, **changes)  # type: ignore[arg-type]
    return create_app(services=dataclasses.replace(services, settings=settings))


def sha256(script: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()


def test_only_the_sites_running_inline_scripts_are_hashed(site: Path) -> None:
    assert inline_script_hashes(site) == [sha256('__md_scope=new URL(".",location)')]


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/request/",
        "/api/health",
        "/api/requests/confirmation",
        "/staff/sign-in",
        "/nothing-here",
    ],
)
def test_every_response_carries_the_headers(services: Services, site: Path, path: str) -> None:
    response = app_with(services, site_dir=site).test_client().get(path)
    policy = response.headers["Content-Security-Policy"]
    # The site's scripts, and those of the page shell the app's own pages extend.
    shell = inline_script_hashes(SHELL_DIR)
    assert policy == content_security_policy([sha256('__md_scope=new URL(".",location)'), *shell])
    assert (
        "script-src 'self' 'sha256-" in policy
        and "'unsafe-inline'" not in policy.split("style-src")[0]
    )
    assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["Strict-Transport-Security"].startswith("max-age=31536000")


def test_no_hsts_over_plain_http(services: Services) -> None:
    app = app_with(services, public_url="http://127.0.0.1:8000")
    assert "Strict-Transport-Security" not in app.test_client().get("/api/health").headers


@pytest.mark.parametrize(
    "path", ["/%2e%2e%2fsecret", "/%2e%2e/", "/%2e%2e%2f%2e%2e%2fetc", "/..%2f..%2fetc/passwd"]
)
def test_paths_outside_the_site_answer_as_anything_missing(
    services: Services, site: Path, path: str
) -> None:
    (site.parent / "secret").mkdir()
    client = app_with(services, site_dir=site).test_client()
    missing = client.get("/no-such-page")
    probed = client.get(path)
    assert (probed.status_code, probed.get_data()) == (404, missing.get_data())
