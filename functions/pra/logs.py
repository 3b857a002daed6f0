"""Log lines: one JSON object a line, each naming the HTTP request it belongs to.

A value someone typed (an email at sign-in, a path, a form field) never reaches a log line: at
most its short digest (`log_tag`), which an administrator can compute from a known address
to find its lines. JSON escapes every character, so nothing typed can forge a line either.
`pra serve` and the CLI log through `configure`; on AWS, Lambda's JSON log format does the
same (infra/template.yaml, LoggingConfig) and adds its own request id.
"""

from __future__ import annotations

import hashlib
import logging
from contextvars import ContextVar

# The id of the HTTP request a thread is answering (pra.web sets it), or None outside one.
REQUEST_ID: ContextVar[str | None] = ContextVar("pra_request_id", default=None)
_FIELDS = "{asctime}{levelname}{name}{message}"


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = REQUEST_ID.get()
        return True


def configure(level: int = logging.INFO) -> None:
    """JSON lines on stderr for every logger, with the request id when there is one; nothing
    when logging was set up already (a test runner's capture, an embedding program)."""
    from pythonjsonlogger.json import JsonFormatter

    handler = logging.StreamHandler()
    handler.setFormatter(
        JsonFormatter(
            _FIELDS,
            style="{",
            rename_fields={"asctime": "time", "levelname": "level", "name": "logger"},
        )
    )
    handler.addFilter(RequestIdFilter())
    logging.basicConfig(level=level, handlers=[handler])


def log_tag(value: str) -> str:
    """A short digest of a typed value (an email is compared lower-cased and stripped)."""
    return hashlib.sha256(value.strip().lower().encode()).hexdigest()[:10]
