"""Mailers of the embedded default: an outbox folder of .eml files, or SMTP."""

from __future__ import annotations

import hashlib
import os
import smtplib
import tempfile
from datetime import UTC, datetime
from email.utils import getaddresses, parseaddr, parsedate_to_datetime
from pathlib import Path

from pra.emails.headers import header_block, wire_bytes, without_our_headers
from pra.ports import MailerError


class OutboxMailer:
    """Writes each message as an .eml file: try the product without a mail server.

    Idempotent by message: the file is named after the message's Message-ID (one per queued
    email, kept in its stored bytes), so a message sent again after a crash is written once.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)

    def send(self, message: bytes) -> None:
        path = self.folder / file_name(message)
        try:
            handle, temporary = tempfile.mkstemp(dir=self.folder, prefix=".tmp-")
            with os.fdopen(handle, "wb") as stream:
                stream.write(message)
            try:
                os.link(temporary, path)  # fails if the message was written before: kept
            except FileExistsError:
                pass
            finally:
                os.unlink(temporary)
        except OSError as error:
            raise MailerError(type(error).__name__) from error


def file_name(message: bytes) -> str:
    """The time the message was written (its Date) then its Message-ID's digest, so a listing
    sorts by time and one message always gets the same name."""
    head = header_block(message)
    identity = str(head.get("Message-ID") or hashlib.sha256(message).hexdigest())
    digest = hashlib.sha256(identity.encode()).hexdigest()[:16]
    try:
        written = parsedate_to_datetime(str(head["Date"])).astimezone(UTC)
    except (TypeError, ValueError):
        written = datetime(1970, 1, 1, tzinfo=UTC)
    return f"{written:%Y%m%dT%H%M%SZ}-{digest}.eml"


class SmtpMailer:
    def __init__(
        self,
        host: str,
        port: int = 25,
        *,
        user: str | None = None,
        password: str | None = None,
        starttls: bool = False,
        timeout: float = 10.0,
    ) -> None:
        self._host, self._port, self._timeout = host, port, timeout
        self._user, self._password, self._starttls = user, password, starttls

    def send(self, message: bytes) -> None:
        headers = header_block(message)
        sender = parseaddr(str(headers.get("From", "")))[1]
        recipients = [a for _, a in getaddresses([str(v) for v in headers.get_all("To", [])])]
        recipients += [a for _, a in getaddresses([str(v) for v in headers.get_all("Cc", [])])]
        try:
            with smtplib.SMTP(self._host, self._port, timeout=self._timeout) as smtp:
                if self._starttls:
                    smtp.starttls()
                if self._user and self._password:
                    smtp.login(self._user, self._password)
                smtp.sendmail(sender, recipients, wire_bytes(without_our_headers(message)))
        except (smtplib.SMTPException, OSError) as error:
            # The error text can carry addresses: only its kind and code travel on.
            code = refusal_code(error)
            kind = f"{type(error).__name__} {code}" if code else type(error).__name__
            raise MailerError(kind, permanent=code >= 500) from error


def refusal_code(error: Exception) -> int:
    """The SMTP reply code of a refusal (0 if none): 5xx is permanent, 4xx worth a retry.
    When every recipient was refused, the mildest of their codes decides."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return min((code for code, _ in error.recipients.values()), default=0)
    if isinstance(error, smtplib.SMTPResponseException):
        return int(error.smtp_code)
    return 0
