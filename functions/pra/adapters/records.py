"""Plain-dict forms of domain values, shared by every store adapter."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import UTC, date, datetime
from typing import Any

from pra.domain.deadlines import Deadlines
from pra.domain.fees import FeeEstimate, Payment
from pra.domain.lifecycle import Status
from pra.domain.patron import Identity, PatronCase, PatronCheck
from pra.domain.request import (
    Appeal,
    Channel,
    DeliveryMethod,
    Extension,
    HistoryEvent,
    PraRequest,
    PublicListing,
    Question,
    RecordsDelivery,
    Release,
    SentLetter,
    Submission,
)


def request_to_dict(request: PraRequest) -> dict[str, Any]:
    deadlines = {k: _iso(v) for k, v in asdict(request.deadlines).items()}
    return {
        "tracking_number": request.tracking_number,
        "access_code_digest": request.access_code_digest,
        "received_at": request.received_at.isoformat(),
        "status": request.status.value,
        "next_due": _iso(request.next_due),
        "deadlines": deadlines,
        "submission": request.submission.model_dump(mode="json", exclude={"website"}),
        "letters": [_plain(asdict(letter)) for letter in request.letters],
        "assignee": request.assignee,
        "extension": _plain(asdict(request.extension)) if request.extension else None,
        "determined_on": _iso(request.determined_on),
        "appeal": _plain(asdict(request.appeal)) if request.appeal else None,
        "release": _plain(asdict(request.release)) if request.release else None,
        "deliveries": [_delivery_to_dict(delivery) for delivery in request.deliveries],
        "patron_records": request.patron_records,
        "channel": request.channel.value,
        "question": _plain(asdict(request.question)) if request.question else None,
        "patron_check": _plain(asdict(request.patron_check)) if request.patron_check else None,
        "fees": _plain(asdict(request.fees)) if request.fees else None,
        "payments": [_plain(asdict(payment)) for payment in request.payments],
        "contacts_erased_on": _iso(request.contacts_erased_on),
        "public_listing": asdict(request.public_listing),
        "exemptions_cited": list(request.exemptions_cited),
    }


def contacts_key(request: PraRequest) -> str | None:
    """The request's place among closed requests still holding contacts, oldest closing
    first; None for an open request or one already erased (out of that index)."""
    closed = request.closed_on
    if closed is None or request.contacts_erased_on is not None:
        return None
    return f"{closed.isoformat()}|{request.tracking_number}"


def assigned_as(request: PraRequest, assignee: str | None) -> bool:
    """Whether the request passes the log's assignee filter: None lets every request through,
    UNASSIGNED ("") those assigned to no one, an email those assigned to it."""
    if assignee is None:
        return True
    return (request.assignee or "") == assignee


def log_key(request: PraRequest) -> str:
    """The request's place in the log, as one string every store sorts the same way: open
    requests by next due date first, then the rest, each by received date and number."""
    due = request.next_due
    when = f"0{due.isoformat()}" if due else "1"
    return f"{when}|{request.deadlines.received_date.isoformat()}|{request.tracking_number}"


def request_from_dict(data: dict[str, Any]) -> PraRequest:
    raw = dict(data["deadlines"])
    rule_set = raw.pop("rule_set")
    erased = _day(data.get("contacts_erased_on"))
    deadlines = Deadlines(**{k: date.fromisoformat(v) for k, v in raw.items()}, rule_set=rule_set)
    return PraRequest(
        tracking_number=data["tracking_number"],
        access_code_digest=data["access_code_digest"],
        received_at=datetime.fromisoformat(data["received_at"]),
        deadlines=deadlines,
        submission=Submission.model_validate(data["submission"], context={"stored": True}),
        status=Status(data["status"]),
        letters=tuple(_letter(item) for item in data.get("letters", ()) if isinstance(item, dict)),
        # Absent from requests stored before they existed.
        assignee=data.get("assignee"),
        extension=_extension(data.get("extension")),
        determined_on=_day(data.get("determined_on")),
        appeal=_appeal(data.get("appeal")),
        release=_release(data.get("release")),
        deliveries=tuple(_delivery(item) for item in data.get("deliveries", ())),
        patron_records=bool(data.get("patron_records", False)),
        channel=Channel(data.get("channel", Channel.ONLINE.value)),
        question=_question(data.get("question")),
        patron_check=_patron_check(data.get("patron_check")),
        fees=_fees(data.get("fees")),
        payments=tuple(_payment(item) for item in data.get("payments", ())),
        contacts_erased_on=erased,
        public_listing=PublicListing(**data.get("public_listing") or {}),
        exemptions_cited=tuple(data.get("exemptions_cited") or ()),
    )


def _plain(data: dict[str, Any]) -> dict[str, Any]:
    """Dates and times as ISO strings, so every store keeps the same JSON."""
    return {k: v.isoformat() if isinstance(v, date) else v for k, v in data.items()}


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _moment(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _letter(data: dict[str, Any]) -> SentLetter:
    return SentLetter(
        **{
            **data,
            "sent_at": datetime.fromisoformat(data["sent_at"]),
            "address": tuple(data.get("address", ())),
        }
    )


def _extension(data: dict[str, Any] | None) -> Extension | None:
    if not data:
        return None
    return Extension(
        data["reason"], date.fromisoformat(data["new_due"]), date.fromisoformat(data["sent_on"])
    )


def _appeal(data: dict[str, Any] | None) -> Appeal | None:
    if not data:
        return None
    return Appeal(
        received_at=datetime.fromisoformat(data["received_at"]),
        reasons=data["reasons"],
        window_closed=date.fromisoformat(data["window_closed"]),
        late=bool(data["late"]),
        decision_due=date.fromisoformat(data["decision_due"]),
        outcome=data.get("outcome"),
        decided_at=_moment(data.get("decided_at")),
    )


def _question(data: dict[str, Any] | None) -> Question | None:
    if not data:
        return None
    return Question(
        asked_at=datetime.fromisoformat(data["asked_at"]),
        answered_at=_moment(data.get("answered_at")),
    )


def _patron_check(data: dict[str, Any] | None) -> PatronCheck | None:
    if not data:
        return None
    return PatronCheck(
        case=PatronCase(data["case"]),
        identity=Identity(data["identity"]),
        checked_at=datetime.fromisoformat(data["checked_at"]),
        checked_by=data["checked_by"],
        card_last_four=data.get("card_last_four", ""),
        authorisation_seen=bool(data.get("authorisation_seen", False)),
    )


def _fees(data: dict[str, Any] | None) -> FeeEstimate | None:
    if not data:
        return None
    return FeeEstimate(**{**data, "estimated_on": date.fromisoformat(data["estimated_on"])})


def _payment(data: dict[str, Any]) -> Payment:
    return Payment(date.fromisoformat(data["received_on"]), int(data["amount"]), data["note"])


def _release(data: dict[str, Any] | None) -> Release | None:
    if not data:
        return None
    return Release(
        due_on=date.fromisoformat(data["due_on"]),
        due_at=data["due_at"],
        delivered_on=_day(data.get("delivered_on")),
    )


def _delivery_to_dict(delivery: RecordsDelivery) -> dict[str, Any]:
    return {**_plain(asdict(delivery)), "file_ids": list(delivery.file_ids)}


def _delivery(data: dict[str, Any]) -> RecordsDelivery:
    return RecordsDelivery(
        delivered_at=datetime.fromisoformat(data["delivered_at"]),
        method=DeliveryMethod(data["method"]),
        file_ids=tuple(data.get("file_ids", ())),
        final=bool(data.get("final", True)),
        note=data.get("note", ""),
    )


def event_to_dict(event: HistoryEvent) -> dict[str, Any]:
    return {**asdict(event), "at": event.at.isoformat()}


def event_from_dict(data: dict[str, Any]) -> HistoryEvent:
    return HistoryEvent(**{**data, "at": datetime.fromisoformat(data["at"])})


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _iso(value: date | str | None) -> str | None:
    return value.isoformat() if isinstance(value, date) else value


def utc_text(moment: datetime) -> str:
    """A moment as UTC ISO text: such texts compare as the moments do, in SQL and DynamoDB."""
    return moment.astimezone(UTC).isoformat()
