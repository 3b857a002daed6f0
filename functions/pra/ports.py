"""The ports: small Protocols the service layer needs. Adapters live in pra.adapters."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from email.message import EmailMessage
from typing import Protocol

from pra.domain.lifecycle import Status
from pra.domain.request import HistoryEvent, PraRequest


class DuplicateRequest(Exception):
    """A request with that tracking number is already stored."""


class MailerError(Exception):
    """The message could not be handed over for delivery; it is kept and retried."""


@dataclass(frozen=True)
class QueuedEmail:
    """An email waiting in the store until a Mailer has taken it (the outbox pattern)."""

    id: str
    tracking_number: str
    kind: str
    message: bytes  # RFC 5322 bytes, so any mailer can send it as it was rendered
    attempts: int = 0
    sent_at: datetime | None = None


class RequestStore(Protocol):
    def allocate_tracking_sequence(self, year: int) -> int:
        """The next sequence number for the year; never the same number twice."""
        ...

    def add(self, request: PraRequest, event: HistoryEvent, emails: list[QueuedEmail]) -> None:
        """Store the request, its first event and its emails together, or nothing."""
        ...

    def get(self, tracking_number: str) -> PraRequest | None: ...

    def requests(self, status: Status | None = None) -> list[PraRequest]: ...

    def history(self, tracking_number: str) -> list[HistoryEvent]: ...

    def append_event(self, tracking_number: str, event: HistoryEvent) -> None: ...

    def open_due_by(self, day: date) -> list[PraRequest]:
        """Requests still owed a response whose next due date is on or before `day`."""
        ...

    def pending_emails(self) -> list[QueuedEmail]: ...

    def queue_email(self, email: QueuedEmail) -> None: ...

    def mark_email_sent(self, email_id: str, at: datetime) -> None: ...

    def mark_email_failed(self, email_id: str, at: datetime) -> None: ...


class FileStore(Protocol):
    def put(self, key: str, data: bytes, content_type: str) -> None: ...

    def get(self, key: str) -> bytes | None: ...

    def keys(self, prefix: str) -> list[str]: ...

    def delete(self, key: str) -> None: ...


class Mailer(Protocol):
    def send(self, message: EmailMessage) -> None:
        """Hand the message over for delivery, or raise MailerError."""
        ...


class Clock(Protocol):
    def now(self) -> datetime:
        """The current time, with its time zone."""
        ...
