"""Only the portal's own front door: on AWS, answer only what came through CloudFront.

The HTTP API has an address of its own (execute-api), where a request would bypass
CloudFront's headers, its WAF rule and the viewer's address. CloudFront adds a header with a
value only the stack knows (PRA_ORIGIN_VERIFY: the stack's own id, never shown to the
public); a request without it is refused before any view runs. Off where the setting is
unset (`pra serve` has no proxy in front).
"""

from __future__ import annotations

import hmac
from typing import Any

from flask import Flask, Response, request

from pra.config import Settings

HEADER = "X-Origin-Verify"


def attach(app: Flask, settings: Settings) -> None:
    expected = settings.origin_verify
    if not expected:
        return

    def check() -> Any:
        sent = request.headers.get(HEADER, "")
        if hmac.compare_digest(sent.encode(), expected.encode()):
            return None
        return Response("Use the portal's own address.\n", 403, mimetype="text/plain")

    app.before_request(check)
