"""The public status of a request: what anyone with the number and the code may see."""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from datetime import date

from pra.domain.lifecycle import Status
from pra.domain.tracking import access_code_digest, normalize_tracking_number
from pra.services import Services


@dataclass(frozen=True)
class PublicStatus:
    """Never the requester's contact data: the number and code may have been shared."""

    tracking_number: str
    status: Status
    received_date: date
    initial_response_target: date
    initial_response_due: date
    extended_due: date | None
    letters: tuple[str, ...]
    language: str


def public_status(services: Services, number: str, code: str) -> PublicStatus | None:
    """None when the number is unknown or the code wrong: callers cannot tell which."""
    request = services.store.get(normalize_tracking_number(number))
    given = access_code_digest(code or "")
    if request is None or not code or not hmac.compare_digest(given, request.access_code_digest):
        return None
    dates = request.deadlines
    return PublicStatus(
        tracking_number=request.tracking_number,
        status=request.status,
        received_date=dates.received_date,
        initial_response_target=dates.initial_response_target,
        initial_response_due=dates.initial_response_due,
        extended_due=dates.extended_due if request.status is Status.EXTENDED else None,
        letters=request.letters,
        language=request.submission.language.value,
    )
