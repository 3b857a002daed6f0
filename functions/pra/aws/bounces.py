"""Lambda entry point for SES bounces, complaints and rejections, delivered by SNS.

SES publishes the configuration set's events to the topic; each record names the message's
request and kind in the tags the SES mailer set. Addresses in the report are compared with
the staff addresses and dropped: none reaches a log line or the store.
"""

from __future__ import annotations

import json
import logging
import re
from typing import TYPE_CHECKING, Any

from pra.emails.headers import KIND_TAG, TRACKING_TAG, UNKNOWN

if TYPE_CHECKING:
    from pra.services.undeliverable import Feedback

log = logging.getLogger(__name__)

_EVENTS = {"Bounce": "bounce", "Complaint": "complaint", "Reject": "reject"}
_RECIPIENTS = {
    "Bounce": ("bounce", "bouncedRecipients"),
    "Complaint": ("complaint", "complainedRecipients"),
}
_SAFE = re.compile(r"[^A-Za-z0-9_/ .-]")


def handler(event: dict[str, Any], context: Any) -> dict[str, int]:
    from pra.aws.wiring import services
    from pra.services.undeliverable import record_feedback

    reports = [found for record in event.get("Records", []) if (found := parse_record(record))]
    recorded = sum(record_feedback(services(), report) for report in reports)
    return {"reports": len(reports), "recorded": recorded}


def parse_record(record: dict[str, Any]) -> Feedback | None:
    """One SNS record as Feedback; None (and a log line) for anything else."""
    from pra.services.undeliverable import Feedback

    notification = json.loads(record.get("Sns", {}).get("Message") or "{}")
    kind = notification.get("eventType") or notification.get("notificationType")
    if kind not in _EVENTS:
        log.info("SES notification of type %s ignored", _safe(str(kind)))
        return None
    mail = notification.get("mail", {})
    tags = mail.get("tags", {})
    return Feedback(
        event=_EVENTS[kind],
        report_id=_safe(mail.get("messageId", "")),
        tracking_number=_tag(tags, TRACKING_TAG),
        email_kind=_tag(tags, KIND_TAG) or UNKNOWN,
        detail=_detail(kind, notification),
        recipients=_recipients(kind, notification),
    )


def _tag(tags: dict[str, list[str]], name: str) -> str | None:
    values = tags.get(name) or []
    value = _safe(values[0]) if values else ""
    return value if value and value != UNKNOWN else None


def _detail(kind: str, notification: dict[str, Any]) -> str:
    """Categories only: a server's diagnostic text can quote the address."""
    if kind == "Bounce":
        bounce = notification.get("bounce", {})
        return _safe(f"{bounce.get('bounceType', '?')}/{bounce.get('bounceSubType', '?')}")
    if kind == "Complaint":
        return _safe(notification.get("complaint", {}).get("complaintFeedbackType", "complaint"))
    return "rejected"


def _recipients(kind: str, notification: dict[str, Any]) -> frozenset[str]:
    if kind not in _RECIPIENTS:
        return frozenset(a.lower() for a in notification.get("mail", {}).get("destination", []))
    part, field = _RECIPIENTS[kind]
    found = notification.get(part, {}).get(field, [])
    return frozenset(str(r.get("emailAddress", "")).lower() for r in found)


def _safe(value: str) -> str:
    return _SAFE.sub("_", value)[:200]
