"""Headers every response of the app carries: a Content Security Policy without inline
script, no sniffing, no framing, a same-origin referrer, and HSTS when served over HTTPS.

The built site's pages (Material for MkDocs) hold a few small inline scripts of the theme's;
they are allowed by their SHA-256 hashes, read from the site's pages when the app is made, so
nothing else inline ever runs. Responses that set their own policy (released files are served
`sandbox`) keep it. On AWS, CloudFront adds the same headers (infra/template.yaml).
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urlsplit

from flask import Flask, Response

from pra.config import Settings

_SCRIPT = re.compile(r"<script([^>]*)>(.*?)</script>", re.S)
# A data block (Material's configuration is JSON) is never run, so it needs no hash.
_DATA_TYPE = re.compile(r"""\btype=["']?application/(?:ld\+)?json""")
HSTS = "max-age=31536000; includeSubDomains"


def attach(app: Flask, settings: Settings) -> None:
    # The site's pages, and the page shell the app's own pages extend (on AWS the only one).
    hashes = inline_script_hashes(settings.site_dir) if settings.site_dir else []
    hashes += inline_script_hashes(settings.shell_dir)
    policy = content_security_policy(hashes)
    secure = settings.public_url.startswith("https://")

    def add(response: Response) -> Response:
        headers = response.headers
        headers.setdefault("Content-Security-Policy", policy)
        headers.setdefault("X-Content-Type-Options", "nosniff")
        headers.setdefault("X-Frame-Options", "DENY")
        headers.setdefault("Referrer-Policy", "same-origin")
        if secure:
            headers.setdefault("Strict-Transport-Security", HSTS)
        return response

    app.after_request(add)


def allow_uploads_to(response: Response, upload_url: str) -> Response:
    """A page whose form (and script) posts files straight to storage at another origin (S3's
    presigned POST): the policy also lets it send there. The page has no inline script."""
    parts = urlsplit(upload_url)
    if parts.scheme and parts.netloc:
        origin = f"{parts.scheme}://{parts.netloc}"
        response.headers["Content-Security-Policy"] = content_security_policy([], [origin])
    return response


def content_security_policy(script_hashes: Iterable[str], send_to: Iterable[str] = ()) -> str:
    scripts = " ".join(["'self'", *(f"'{h}'" for h in sorted(set(script_hashes)))])
    targets = " ".join(["'self'", *send_to])
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src {scripts}",
            # Material sets style attributes from its script; no style can run code.
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            "font-src 'self'",
            f"connect-src {targets}",
            "object-src 'none'",
            "base-uri 'self'",
            f"form-action {targets}",
            "frame-ancestors 'none'",
        ]
    )


def inline_script_hashes(site_dir: Path) -> list[str]:
    """The CSP hash of each distinct inline script in the built site's pages."""
    if not site_dir.is_dir():
        return []
    found = set()
    for page in site_dir.rglob("*.html"):
        html = page.read_text(encoding="utf-8", errors="replace")
        for attributes, script in _SCRIPT.findall(html):
            if re.search(r"\bsrc=", attributes) or _DATA_TYPE.search(attributes):
                continue
            digest = hashlib.sha256(script.encode("utf-8")).digest()
            found.add("sha256-" + base64.b64encode(digest).decode("ascii"))
    return sorted(found)
