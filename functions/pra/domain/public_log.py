"""What the public may know of each request: facts that identify no one.

Policy 1002 opens with the aim of "providing information to the public which illuminates its
operations"; Policy 4005 allows statistics that identify no one. So the public request log,
the statistics and the open data are built from RequestFacts, which hold dates, statuses and
the grounds cited, never a name, a contact or the requester's own words. A request's public
summary is text the coordinator wrote or approved (request.PublicListing); until then none.

Requests for the requester's own patron records, and those the coordinator keeps off the log
(with a reason, kept in the history), are never listed: they are only counted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from pra.domain.lifecycle import Status
from pra.domain.request import FINAL, Channel, PraRequest

SUMMARY_MAX = 500  # characters: a line or two, as the peers' logs show


@dataclass(frozen=True)
class RequestFacts:
    """One request as the public log, the statistics and the open data see it."""

    tracking_number: str
    received_on: date
    channel: Channel
    status: Status
    records_owed: bool
    patron_records: bool
    determination_due: date  # the first due date, or the extended one
    determined_on: date | None  # the determination letter's day
    extended_to: date | None
    extension_reason: str | None  # an ExtensionReason key
    release_due: date | None  # the day the records were promised for
    released_on: date | None  # the day the last of them was handed over
    appealed_on: date | None
    appeal_outcome: str | None  # upheld, overturned or overturned_in_part
    closed_on: date | None
    overdue: bool  # something owed is past its due date today
    exemptions: tuple[str, ...]  # the grounds cited for what was withheld

    @property
    def determination_on_time(self) -> bool | None:
        """Whether the determination went out by its due date; None until it does."""
        if self.determined_on is None:
            return None
        return self.determined_on <= self.determination_due

    @property
    def release_on_time(self) -> bool | None:
        if self.release_due is None or self.released_on is None:
            return None
        return self.released_on <= self.release_due

    @property
    def days_to_determination(self) -> int | None:
        """Calendar days from the day received to the determination."""
        if self.determined_on is None:
            return None
        return (self.determined_on - self.received_on).days

    @property
    def days_to_release(self) -> int | None:
        """Calendar days from the day received to the last records handed over."""
        if self.released_on is None:
            return None
        return (self.released_on - self.received_on).days


def request_facts(request: PraRequest, today: date) -> RequestFacts:
    """The request's public facts on `today` (which decides what is overdue)."""
    extension = request.extension
    release = request.release
    appeal = request.appeal
    return RequestFacts(
        tracking_number=request.tracking_number,
        received_on=request.received_at.date(),
        channel=request.channel,
        status=request.status,
        records_owed=request.records_owed,
        patron_records=request.patron_records,
        determination_due=extension.new_due
        if extension
        else request.deadlines.initial_response_due,
        determined_on=request.determined_on,
        extended_to=extension.new_due if extension else None,
        extension_reason=extension.reason if extension else None,
        release_due=release.due_on if release else None,
        released_on=release.delivered_on if release else None,
        appealed_on=appeal.received_at.date() if appeal else None,
        appeal_outcome=appeal.outcome if appeal else None,
        closed_on=request.closed_on,
        overdue=any(due < today for due, _kind in request.dues()),
        exemptions=request.exemptions_cited,
    )


def listed(request: PraRequest) -> bool:
    """Whether the request appears in the public log: never one about the requester's own
    patron records (Policy 4005), nor one the coordinator keeps off it."""
    return not request.patron_records and request.public_listing.listed


def outcome(facts: RequestFacts) -> str | None:
    """The request's outcome once it has one: released, partly_released, no_records, denied,
    withdrawn, or appeal_decided (a denial upheld); None while it is open."""
    return facts.status.value if facts.status in FINAL else None
