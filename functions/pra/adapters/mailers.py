"""Mailers of the embedded default: an outbox folder of .eml files, or SMTP."""

from __future__ import annotations

import os
import smtplib
import tempfile
import time
import uuid
from email.utils import getaddresses, parseaddr
from pathlib import Path

from pra.emails.headers import header_block, wire_bytes, without_our_headers
from pra.ports import MailerError


class OutboxMailer:
    """Writes each message as an .eml file: try the product without a mail server."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)

    def send(self, message: bytes) -> None:
        # Names sort by the time written, so the newest message is last in a listing.
        name = f"{time.time_ns()}-{uuid.uuid4().hex[:8]}.eml"
        try:
            handle, temporary = tempfile.mkstemp(dir=self.folder, prefix=".tmp-")
            with os.fdopen(handle, "wb") as stream:
                stream.write(message)
            os.replace(temporary, self.folder / name)
        except OSError as error:
            raise MailerError(type(error).__name__) from error


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
            # The error text can carry addresses: only its kind travels on.
            raise MailerError(type(error).__name__) from error
