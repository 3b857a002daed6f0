"""The public request log: every listed request, newest first, as facts that identify no one
and the summary the coordinator approved (pra.domain.public_log).

Tracking numbers are dense within a year (PRA-2026-00001, -00002, …), so a page is the next
run of numbers below the cursor, read at once by number: each page costs the same whatever
the number of requests ever made, and no index is needed in either store. Numbers of requests
not listed (patron records, kept off) or never stored are skipped.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from pra.domain.public_log import SUMMARY_MAX, RequestFacts, listed, request_facts
from pra.domain.request import HistoryEvent, PraRequest, PublicListing
from pra.domain.text import has_hidden_characters
from pra.domain.tracking import parse_tracking_number, tracking_number
from pra.logs import log_tag
from pra.services import Services

log = logging.getLogger(__name__)

PAGE_SIZE = 50
YEARS_BACK = 30  # the log reaches back this many years before this one


class PublicLogOff(LookupError):
    """The agency has not switched the public log on (PRA_PUBLIC_LOG=off)."""


@dataclass(frozen=True)
class PublicEntry:
    facts: RequestFacts
    summary: str | None  # None: "Request received — summary pending"


@dataclass(frozen=True)
class PublicLogPage:
    entries: tuple[PublicEntry, ...]
    next_before: str | None  # the cursor of the next (older) page, or None at the end


def public_entry(request: PraRequest, today: date) -> PublicEntry:
    return PublicEntry(request_facts(request, today), request.public_listing.summary)


def public_log_page(
    services: Services, before: str | None = None, limit: int = PAGE_SIZE
) -> PublicLogPage:
    """Up to `limit` listed requests with numbers below `before` (a tracking number), newest
    first. ValueError for a cursor that is not a tracking number."""
    _require_on(services)
    today = services.today()
    requests, next_before = _listed_below(services, before, limit)
    return PublicLogPage(tuple(public_entry(r, today) for r in requests), next_before)


def _listed_below(
    services: Services, before: str | None, limit: int
) -> tuple[list[PraRequest], str | None]:
    """The listed requests of the next page, read by number, and the next page's cursor."""
    requests: list[PraRequest] = []
    numbers = _numbers_below(services, before)
    for batch in _batches(numbers, limit):
        found = {r.tracking_number: r for r in services.store.get_many(batch)}
        for number in batch:
            request = found.get(number)
            if request is not None and listed(request):
                requests.append(request)
                if len(requests) == limit:  # a next page if any number is left below
                    more = number != batch[-1] or next(numbers, None) is not None
                    return requests, number if more else None
    return requests, None


def listed_request(services: Services, number: str) -> PublicEntry | None:
    """One request's public entry, or None when it is unknown or not listed."""
    _require_on(services)
    request = services.store.get(number)
    if request is None or not listed(request):
        return None
    return public_entry(request, services.today())


def _require_on(services: Services) -> None:
    if not services.settings.public_log:
        raise PublicLogOff()


def _numbers_below(services: Services, before: str | None) -> Iterator[str]:
    """Every tracking number given out, below `before`, newest first."""
    this_year = services.today().year
    start = parse_tracking_number(before) if before else None
    if start is not None and start[0] > this_year:
        start = None
    years = range(start[0] if start else this_year, this_year - YEARS_BACK - 1, -1)
    last = services.store.last_sequences(list(years))
    for year in years:
        top = last.get(year, 0)
        if start is not None and year == start[0]:
            top = min(top, start[1] - 1)
        for sequence in range(top, 0, -1):
            yield tracking_number(year, sequence)


def _batches(numbers: Iterator[str], size: int) -> Iterator[list[str]]:
    batch: list[str] = []
    for number in numbers:
        batch.append(number)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


class ListingRefused(ValueError):
    """The summary or reason cannot be kept as written; nothing was stored."""


def approve_summary(services: Services, number: str, summary: str, actor: str) -> PraRequest:
    """The public summary the coordinator wrote (or the requester's words, on purpose):
    from now on the log shows it instead of "summary pending". KeyError if no such request."""
    text = " ".join(summary.split())
    if not text:
        raise ListingRefused("Write the summary the public will read.")
    if len(text) > SUMMARY_MAX:
        raise ListingRefused(f"A summary holds at most {SUMMARY_MAX} characters.")
    if has_hidden_characters(text):
        raise ListingRefused("Remove the hidden characters from the summary.")
    request = services.stored_request(number)
    listing = dataclasses.replace(request.public_listing, summary=text)
    return _save(services, request, listing, "public_summary", text, actor)


def keep_off_log(services: Services, number: str, reason: str, actor: str) -> PraRequest:
    """The request leaves the public log (it is still counted); the reason stays in the
    history, for staff only."""
    text = " ".join(reason.split())
    if not text:
        raise ListingRefused("Say why this request is kept off the public log.")
    if len(text) > SUMMARY_MAX or has_hidden_characters(text):
        raise ListingRefused(f"Give the reason in at most {SUMMARY_MAX} plain characters.")
    request = services.stored_request(number)
    listing = dataclasses.replace(request.public_listing, kept_off=text)
    return _save(services, request, listing, "kept_off_public_log", text, actor)


def list_again(services: Services, number: str, actor: str) -> PraRequest:
    """A request kept off the public log is listed again."""
    request = services.stored_request(number)
    listing = dataclasses.replace(request.public_listing, kept_off=None)
    return _save(services, request, listing, "listed_on_public_log", "", actor)


def _save(
    services: Services,
    request: PraRequest,
    listing: PublicListing,
    action: str,
    note: str,
    actor: str,
) -> PraRequest:
    if listing == request.public_listing:
        return request
    after = dataclasses.replace(request, public_listing=listing)
    event = HistoryEvent(services.clock.now(), actor, action, note, public=False)
    services.store.save(after, request.status, event, [])
    log.info("request %s: %s by %s", request.tracking_number, action, log_tag(actor))
    return after


FEED_SIZE = 50


@dataclass(frozen=True)
class FeedItem:
    entry: PublicEntry
    updated: datetime  # the last thing that happened to the request


def feed_items(services: Services, size: int = FEED_SIZE) -> list[FeedItem]:
    """What the log's Atom feed carries: the newest listed requests and every open one (where
    statuses change), by their last change, newest first. Costs a page and the open requests,
    whatever the size of the store."""
    _require_on(services)
    today = services.today()
    newest, _next = _listed_below(services, None, size)
    open_now = services.store.open_due_by(today + timedelta(days=3650))
    found = {r.tracking_number: r for r in [*newest, *open_now] if listed(r)}
    items = [FeedItem(public_entry(r, today), last_change(r)) for r in found.values()]
    return sorted(items, key=lambda item: item.updated, reverse=True)[:size]


def last_change(request: PraRequest) -> datetime:
    """The moment of the latest public event: received, a letter, a delivery, an appeal."""
    moments = [request.received_at, *(letter.sent_at for letter in request.letters)]
    moments += [delivery.delivered_at for delivery in request.deliveries]
    if request.appeal is not None:
        moments.append(request.appeal.received_at)
        if request.appeal.decided_at is not None:
            moments.append(request.appeal.decided_at)
    return max(moments)
