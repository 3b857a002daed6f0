"""Per-client rate limits on what a flood would abuse: submissions, status look-ups, replies
and staff sign-in. Over the limit, the answer is 429 with Retry-After and a plain-language
page (or JSON), and nothing is stored or checked.

The counting is the `limits` library's (a sliding window in this process's memory), which
is right for `pra serve`: one process answers every request. On AWS the API Gateway stage's
route throttles and CloudFront stand in front (infra/template.yaml), and the functions run
with PRA_RATE_LIMITS=off.
"""

from __future__ import annotations

import math
import time
from typing import Any

from flask import Flask, request

from pra.config import Settings
from pra.web.errors import too_many_requests

# The POST endpoints each group limits.
GROUPS = {
    "api.submit": "submissions",
    "api.status": "status",
    "pages.status_form": "status",
    "replies.appeal": "replies",
    "replies.appeal_form": "replies",
    "replies.clarification": "replies",
    "replies.clarification_form": "replies",
    "replies.withdrawal": "replies",
    "replies.withdrawal_form": "replies",
    "staff.sign_in": "sign_in",
}


def attach(app: Flask, settings: Settings) -> None:
    if not settings.rate_limits:
        return
    from limits import parse_many
    from limits.storage import MemoryStorage
    from limits.strategies import SlidingWindowCounterRateLimiter

    items = {group: parse_many(value) for group, value in settings.rate_limits}
    limiter = SlidingWindowCounterRateLimiter(MemoryStorage())

    def check() -> Any:
        group = GROUPS.get(request.endpoint or "")
        if group is None or request.method != "POST":
            return None
        client = request.remote_addr or "unknown"
        if all(limiter.hit(item, group, client) for item in items[group]):
            return None
        spent = [i for i in items[group] if not limiter.test(i, group, client)] or items[group]
        reset = max(limiter.get_window_stats(i, group, client).reset_time for i in spent)
        wait = max(1, math.ceil(reset - time.time()))
        return too_many_requests(wait)

    app.before_request(check)
