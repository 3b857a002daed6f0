"""gzip for `pra serve`: text responses travel compressed when the browser accepts it.

On AWS, CloudFront compresses at the edge, so only the one-machine server wraps its app in
this. Streamed responses (the CSV export) and small ones go as they are.
"""

from __future__ import annotations

import gzip

from flask import Flask, Response, request

MIN_BYTES = 1024
TEXT = (
    "text/",
    "application/json",
    "application/javascript",
    "image/svg+xml",
    "application/atom+xml",
    "application/xml",
)


def compress_text_responses(app: Flask) -> None:
    app.after_request(_gzip)


def _gzip(response: Response) -> Response:
    if (
        "gzip" not in request.headers.get("Accept-Encoding", "")
        or (response.is_streamed and not response.direct_passthrough)
        or response.status_code != 200
        or "Content-Encoding" in response.headers
        or not (response.mimetype or "").startswith(TEXT)
    ):
        return response
    response.direct_passthrough = False  # a file sent from the site folder: read it here
    data = response.get_data()
    if len(data) < MIN_BYTES:
        return response
    response.set_data(gzip.compress(data, compresslevel=6))
    response.headers["Content-Encoding"] = "gzip"
    response.vary.add("Accept-Encoding")
    return response
