"""Each HTTP request gets an id that every log line it causes carries, and its response
names (X-Request-Id), so a person reporting a problem can quote it. On AWS it is API
Gateway's own request id, so the access log and the function's lines agree."""

from __future__ import annotations

import uuid
from contextvars import Token

from flask import Flask, Response, g, request

from pra.logs import REQUEST_ID

HEADER = "X-Request-Id"


def attach(app: Flask) -> None:
    app.before_request(_begin)
    app.after_request(_name_in_response)
    app.teardown_request(_end)


def _begin() -> None:
    context = request.environ.get("apig_wsgi.request_context") or {}
    request_id = str(context.get("requestId") or uuid.uuid4().hex)
    g.request_id_token = REQUEST_ID.set(request_id)


def _name_in_response(response: Response) -> Response:
    request_id = REQUEST_ID.get()
    if request_id:
        response.headers[HEADER] = request_id
    return response


def _end(_: BaseException | None) -> None:
    token: Token[str | None] | None = g.pop("request_id_token", None)
    if token is not None:
        REQUEST_ID.reset(token)
