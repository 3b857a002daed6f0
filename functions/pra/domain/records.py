"""Released records: what the public library lists (Policy 1002 §III.B: released to one, to all)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(frozen=True)
class RecordFile:
    name: str
    size: int
    sha256: str
    content_type: str


@dataclass(frozen=True)
class Withdrawal:
    """An unpublished record: gone from the public list; when and why stays for staff."""

    at: datetime
    by: str
    reason: str


@dataclass(frozen=True)
class ReleasedRecord:
    id: str
    title: str
    description: str  # the coordinator's words, never the requester's unless copied on purpose
    request: str | None  # the tracking number, or None for proactive disclosure
    released_on: date
    files: tuple[RecordFile, ...] = field(default=())
    published_by: str = ""
    withdrawn: Withdrawal | None = None

    @property
    def public(self) -> bool:
        return self.withdrawn is None

    def file_key(self, name: str) -> str:
        return f"public/records/{self.id}/{name}"


# Words that mark a request for the requester's own library use (Policy 4005 §III.B): the
# coordinator is asked to confirm, and such a request never publishes anything.
_OWN = r"\b(my|mine|our|own)\b"
_PATRON = (
    r"\b(borrowing|checkouts?|checked out|circulation|loans?|holds?|account|library card|"
    r"card|fines?|fees|reading history|patron record|registration)\b"
)


def reads_like_own_patron_records(description: str) -> bool:
    """True when the request asks, in the first person, for borrowing or account records."""
    text = description.lower()
    return bool(re.search(_OWN, text) and re.search(_PATRON, text))
