"""Use cases on the ports; no Flask, SQL, boto3. Imports: domain, ports, emails, letters, roles."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from pra.config import Settings
from pra.domain.calendar import BusinessCalendar
from pra.domain.deadlines import ReceiptRules
from pra.domain.request import PraRequest
from pra.ports import (
    Clock,
    FileStore,
    Mailer,
    MalwareScanner,
    QueuedEmail,
    RequestStore,
    StaffStore,
)


@dataclass(frozen=True)
class Services:
    settings: Settings
    store: RequestStore
    files: FileStore
    mailer: Mailer
    clock: Clock
    calendar: BusinessCalendar
    staff: StaffStore
    scanner: MalwareScanner
    signing_key: str  # signs sessions, confirmations and private download links
    random_bytes: Callable[[int], bytes] = field(default=secrets.token_bytes)
    # Emails handed to a sender that works after the response (`pra serve` with SMTP), so a
    # slow mail server never slows a request; None: sent before the response.
    send_later: Callable[[list[QueuedEmail]], None] | None = None

    def today(self) -> date:
        """Today in the agency's time zone, by the clock: the day deadlines are counted in."""
        return self.clock.now().astimezone(self.receipt_rules.zone).date()

    def stored_request(self, tracking_number: str) -> PraRequest:
        """The request as stored; KeyError when there is none (the callers' "not found")."""
        request = self.store.get(tracking_number)
        if request is None:
            raise KeyError(tracking_number)
        return request

    @property
    def receipt_rules(self) -> ReceiptRules:
        s = self.settings
        return ReceiptRules(s.timezone, s.after_hours_next_day, s.office_closes_at)
