"""The public status of a request: what anyone with the number and the code may see."""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from datetime import date

from pra.domain.files import RequestFile
from pra.domain.lifecycle import Status
from pra.domain.request import Appeal, PraRequest, Release, SentLetter
from pra.domain.tracking import access_code_digest, normalize_tracking_number
from pra.services import Services
from pra.services.downloads import fresh_links
from pra.services.links import link_url


@dataclass(frozen=True)
class PublicStatus:
    """Never the requester's contact data: the number and code may have been shared."""

    tracking_number: str
    status: Status
    description: str  # what was asked, so the page says which request this is
    received_date: date
    initial_response_target: date
    initial_response_due: date
    extended_due: date | None
    letters: tuple[SentLetter, ...]  # as stored: addressed without the requester's name
    language: str
    appeal: Appeal | None = None
    release: Release | None = None  # the records promised, and whether they were delivered
    files: tuple[tuple[RequestFile, str], ...] = ()  # delivered, each with a fresh private link
    download_all: str | None = None  # one link for all of them as a ZIP
    awaiting_answer: bool = False  # a question is open: the page takes the answer
    may_appeal: bool = False  # a denial not yet appealed: the page links the appeal form
    may_withdraw: bool = False  # still open and undecided: the page offers to withdraw it

    @property
    def records_owed(self) -> bool:
        return self.release is not None and self.release.owed


def find_with_code(services: Services, number: str, code: str) -> PraRequest | None:
    """The request, if the code is its access code; None for an unknown number or wrong code."""
    request = services.store.get(normalize_tracking_number(number))
    given = access_code_digest(code or "")
    if request is None or not code or not hmac.compare_digest(given, request.access_code_digest):
        return None
    return request


def public_status(services: Services, number: str, code: str) -> PublicStatus | None:
    """None when the number is unknown or the code wrong: callers cannot tell which."""
    request = find_with_code(services, number, code)
    if request is None:
        return None
    dates = request.deadlines
    return PublicStatus(
        tracking_number=request.tracking_number,
        status=request.status,
        description=request.submission.description,
        received_date=dates.received_date,
        initial_response_target=dates.initial_response_target,
        initial_response_due=dates.initial_response_due,
        extended_due=request.extension.new_due if request.extension else None,
        letters=request.letters,
        language=request.submission.language.value,
        appeal=request.appeal,
        release=request.release,
        files=(files := tuple(fresh_links(services, request))),
        download_all=link_url(services, request.tracking_number) if files else None,
        awaiting_answer=request.awaiting_answer,
        may_appeal=request.may_appeal,
        may_withdraw=request.may_withdraw,
    )
