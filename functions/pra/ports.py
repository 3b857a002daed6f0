"""The ports: small Protocols the service layer needs. Adapters live in pra.adapters."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import BinaryIO, Protocol

from pra.domain.files import ScanVerdict
from pra.domain.lifecycle import Status
from pra.domain.request import HistoryEvent, PraRequest
from pra.domain.throttle import Failures


class DuplicateRequest(Exception):
    """A request with that tracking number is already stored."""


class DuplicateSubmission(Exception):
    """A request was already stored under that idempotency key: `tracking_number` is its."""

    def __init__(self, tracking_number: str) -> None:
        super().__init__(tracking_number)
        self.tracking_number = tracking_number


class StaleRequest(Exception):
    """The request changed since it was read; nothing was stored. Read it again and retry."""


class MailerError(Exception):
    """The message could not be handed over for delivery.

    Transient (a server down, a timeout, a 4xx): it is kept and retried later. Permanent (a
    5xx refusal, an email service's rejection): retrying cannot help, so it is not retried and
    staff are told. `kind` names the error's class or code only: a server's text can quote
    addresses.
    """

    def __init__(self, kind: str, *, permanent: bool = False) -> None:
        super().__init__(kind)
        self.kind, self.permanent = kind, permanent


@dataclass(frozen=True)
class QueuedEmail:
    """An email waiting in the store until a Mailer has taken it (the outbox pattern)."""

    id: str
    tracking_number: str
    kind: str
    # RFC 5322 bytes, so any mailer can send it as it was rendered; the store drops them once
    # the email is sent or given up (they carry the requester's address).
    message: bytes
    attempts: int = 0
    sent_at: datetime | None = None


# log_page's and search's `assignee` for the requests no one is assigned (None: anyone's).
UNASSIGNED = ""


@dataclass(frozen=True)
class LogPage:
    """One page of the request log, and where the next one starts (None: the last page)."""

    requests: list[PraRequest]
    next_after: str | None


class RequestStore(Protocol):
    def allocate_tracking_sequence(self, year: int) -> int:
        """The next sequence number for the year; never the same number twice."""
        ...

    def reserve_tracking_sequences(self, year: int, count: int) -> int:
        """The first of `count` consecutive sequence numbers for the year, none of which any
        other caller gets (imports and the demo seed)."""
        ...

    def add(
        self,
        request: PraRequest,
        event: HistoryEvent,
        emails: list[QueuedEmail],
        idempotency_key: str | None = None,
    ) -> None:
        """Store the request, its first event and its emails together, or nothing.

        With an idempotency key, the key is stored in the same write under a unique constraint:
        a second request with the key, even at the same instant, stores nothing and raises
        DuplicateSubmission naming the first. Keys are kept at least a day.
        """
        ...

    def submitted_with(self, idempotency_key: str) -> str | None:
        """The tracking number of the request stored under the key, if any."""
        ...

    def add_many(self, requests: list[tuple[PraRequest, list[HistoryEvent]]]) -> None:
        """Store many requests with their history in as few writes as the store allows, for
        imports and the demo seed (no emails). DuplicateRequest if a number is taken."""
        ...

    def save(
        self,
        request: PraRequest,
        expected_status: Status,
        event: HistoryEvent,
        emails: list[QueuedEmail],
    ) -> None:
        """Store the request's new state, its event and its emails together, or nothing.

        Only if the stored request still has `expected_status` (else StaleRequest), so two
        coordinators acting at once cannot both move it. KeyError for an unknown number.
        """
        ...

    def get(self, tracking_number: str) -> PraRequest | None: ...

    def get_many(self, tracking_numbers: Sequence[str]) -> list[PraRequest]:
        """The stored requests among `tracking_numbers`, in any order; absent ones left out."""
        ...

    def last_sequences(self, years: Sequence[int]) -> dict[int, int]:
        """The last tracking sequence given out in each of `years` that has had one."""
        ...

    def requests(self, status: Status | None = None) -> list[PraRequest]: ...

    def log_page(
        self, status: Status | None, after: str | None, limit: int, assignee: str | None = None
    ) -> LogPage:
        """Up to `limit` requests in the log's order (soonest due first, those without a due
        date last, then by received date and number), after the position `after` a previous
        page gave; a page costs the same at 1,000 requests as at 100,000. With `assignee`,
        only the requests assigned to that staff email (UNASSIGNED: to no one)."""
        ...

    def search(
        self,
        words: list[str],
        status: Status | None,
        after: str | None,
        limit: int,
        assignee: str | None = None,
    ) -> LogPage:
        """Requests whose tracking number or description has a word beginning with each of
        `words`, a page at a time in the log's order (`assignee` as for log_page)."""
        ...

    def count(self, status: Status | None = None) -> int:
        """How many requests there are (with that status); may be approximate."""
        ...

    def rebuild_log(self) -> int:
        """Give every stored request its place in the log and count them again; how many.
        Once after upgrading a DynamoDB table made before the log paged (SQLite migrates
        itself); safe to repeat."""
        ...

    def history(self, tracking_number: str) -> list[HistoryEvent]: ...

    def append_event(self, tracking_number: str, event: HistoryEvent) -> None: ...

    def append_events(self, events: list[tuple[str, HistoryEvent]]) -> None:
        """Append each (tracking number, event) in one write, e.g. a page of an export."""
        ...

    def open_due_by(self, day: date) -> list[PraRequest]:
        """Requests still owed a response whose next due date is on or before `day`."""
        ...

    def closed_with_contacts(self, closed_by: date, limit: int) -> list[PraRequest]:
        """Up to `limit` closed requests that still hold the requester's contacts and closed
        on or before `closed_by`, oldest closing first (the retention schedule's work)."""
        ...

    def pending_emails(self) -> list[QueuedEmail]: ...

    def queue_email(self, email: QueuedEmail) -> None: ...

    def queue_email_once(self, email: QueuedEmail) -> bool:
        """Queue it unless an email with its id was ever queued; True if this call queued it.

        Atomic, so of two callers with the same id exactly one gets True: the sweep gives
        each reminder, escalation and digest a deterministic id and sends it only then.
        """
        ...

    def was_queued(self, email_id: str) -> bool:
        """Whether an email with this id was ever queued (the sweep asks before building
        one: a repeat run the same day builds nothing it will not send)."""
        ...

    def claim_email(self, email_id: str, claim: str, now: datetime, until: datetime) -> bool:
        """Take a pending email for sending under `claim` until `until`; True if taken.

        Atomic, so of two senders at once (the sweep and a server thread) exactly one gets it.
        Refused when the email was sent or given up, when another claim holds it past `now`,
        or when its next try is after `now`. An expired claim can be taken over: a sender that
        died does not keep its emails.
        """
        ...

    def mark_email_sent(self, email_id: str, claim: str, at: datetime) -> bool:
        """Record that the claimant sent it; False (nothing changed) if `claim` no longer
        holds it."""
        ...

    def mark_email_failed(
        self, email_id: str, claim: str, at: datetime, retry_at: datetime | None
    ) -> bool:
        """Record a failed try by the claimant and release the claim: the email is tried
        again from `retry_at`, or never when it is None (given up: it leaves the pending ones).
        False (nothing changed) if `claim` no longer holds it."""
        ...


class DuplicateStaff(Exception):
    """A staff account with that email already exists."""


@dataclass(frozen=True)
class StaffAccount:
    """A person at the library who signs in to the coordinator's desk.

    name, title and phone are printed on letters as the person responsible (Policy 1002 §IV.A.2);
    title_es is the title Spanish letters print (the English one when it is blank).
    Only a hash of the password is kept; failed sign-ins are counted apart (StaffStore
    sign_in_failures), per account and client.
    """

    email: str  # lower-cased; the key
    name: str
    title: str
    role: str  # coordinator, director or staff
    password_hash: str
    phone: str = ""
    active: bool = True
    title_es: str = ""
    # Sessions carry the version they began under; ending sessions raises it (end_sessions).
    session_version: int = 0

    def title_in(self, language: str) -> str:
        return self.title_es if language == "es" and self.title_es else self.title


@dataclass(frozen=True)
class AccountChange:
    """One change to a staff account, kept for the desk's list of recent changes."""

    at: datetime
    by: str  # who made it: a staff account's email, or "cli:<OS user>" from the command line
    account: str  # the email of the account changed
    what: str  # e.g. "role changed from staff to coordinator"


@dataclass(frozen=True)
class PasswordReset:
    """A one-time password-reset link as stored: a digest of its token, never the token."""

    digest: str
    email: str
    expires_at: datetime
    # The account's session version when the link was made: any later change that ends its
    # sessions (a new password, role, deactivation, a sign-out) makes the link stale.
    session_version: int
    used_at: datetime | None = None


class StaffStore(Protocol):
    def add_staff(self, account: StaffAccount) -> None:
        """Store a new account; DuplicateStaff if the email is taken."""
        ...

    def staff(self, email: str) -> StaffAccount | None: ...

    def all_staff(self) -> list[StaffAccount]:
        """Every account, ordered by email."""
        ...

    def update_staff(self, account: StaffAccount) -> None:
        """Replace a stored account (password, role, failed sign-ins); KeyError if unknown.
        Never its session version: only end_sessions moves that."""
        ...

    def sign_in_failures(self, key: str) -> Failures:
        """The failed sign-ins counted under `key` (a digest: pra.staff.signin); none if never."""
        ...

    def record_sign_in_failures(self, key: str, failures: Failures) -> None:
        """Keep `failures` under `key`; Failures() forgets it. Counts untouched for a day may
        be dropped: their locks ended long before."""
        ...

    def end_sessions(self, email: str) -> None:
        """End every session the account signed in before now, on every device: its session
        version goes up by one, atomically. KeyError if unknown."""
        ...

    def record_account_change(self, change: AccountChange) -> None:
        """Keep `change` in the accounts' change log (added, never rewritten)."""
        ...

    def account_changes(self, limit: int, account: str | None = None) -> list[AccountChange]:
        """The newest `limit` changes, newest first; only those to `account` when given."""
        ...

    def add_password_reset(self, reset: PasswordReset) -> None:
        """Keep a new reset link (by its digest); links long expired may be dropped."""
        ...

    def password_reset(self, digest: str) -> PasswordReset | None:
        """The link stored under `digest`, used or not; None if unknown (or dropped)."""
        ...

    def use_password_reset(self, digest: str, at: datetime) -> bool:
        """Mark the link used at `at`, atomically: True for exactly one caller, and only
        while it is unused and `at` is before it expires."""
        ...


@dataclass(frozen=True)
class UploadForm:
    """Where a browser posts a file itself, and the fields the post must carry."""

    url: str
    fields: dict[str, str]


class FileStore(Protocol):
    def put(self, key: str, data: bytes, content_type: str) -> None: ...

    def put_stream(self, key: str, source: BinaryIO, content_type: str) -> None:
        """Store what `source` holds from where it stands, without reading it all into memory."""
        ...

    def get(self, key: str) -> bytes | None: ...

    def open(self, key: str) -> BinaryIO | None:
        """The stored file to read as a stream (the caller closes it), or None."""
        ...

    def upload_form(
        self, prefix: str, max_bytes: int, expires: timedelta, redirect: str | None
    ) -> UploadForm | None:
        """A form that uploads one file under `prefix` (the browser's own file name after it),
        then sends the browser to `redirect` with the key, or answers 201 without one (a page's
        script posts it and goes on itself); None where the app takes uploads."""
        ...

    def metadata(self, key: str) -> dict[str, str]:
        """What the uploader's form said of the file (title, visibility); {} if nothing."""
        ...

    def download_url(self, key: str, filename: str, expires: timedelta) -> str | None:
        """An address the browser may fetch the file from itself (as a download named
        `filename`) until `expires`; None where the app must stream it instead."""
        ...

    def keys(self, prefix: str) -> list[str]: ...

    def delete(self, key: str) -> None: ...


class MalwareScanner(Protocol):
    def scan(self, key: str) -> ScanVerdict:
        """The verdict on the stored file at `key`: PENDING while the scanner has none yet."""
        ...


class Mailer(Protocol):
    def send(self, message: bytes) -> None:
        """Hand the message (RFC 5322 bytes as rendered, with the X-PRA headers of
        pra.emails.headers) over for delivery, or raise MailerError."""
        ...


class Clock(Protocol):
    def now(self) -> datetime:
        """The current time, with its time zone."""
        ...
