"""Plain-dict forms of domain values, shared by every store adapter."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import date, datetime
from typing import Any

from pra.domain.deadlines import Deadlines
from pra.domain.lifecycle import Status
from pra.domain.request import HistoryEvent, PraRequest, Submission


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
        "letters": list(request.letters),
        "assignee": request.assignee,
    }


def request_from_dict(data: dict[str, Any]) -> PraRequest:
    raw = dict(data["deadlines"])
    rule_set = raw.pop("rule_set")
    deadlines = Deadlines(**{k: date.fromisoformat(v) for k, v in raw.items()}, rule_set=rule_set)
    return PraRequest(
        tracking_number=data["tracking_number"],
        access_code_digest=data["access_code_digest"],
        received_at=datetime.fromisoformat(data["received_at"]),
        deadlines=deadlines,
        submission=Submission.model_validate(data["submission"]),
        status=Status(data["status"]),
        letters=tuple(data.get("letters", ())),
        assignee=data.get("assignee"),  # absent from requests stored before it existed
    )


def event_to_dict(event: HistoryEvent) -> dict[str, Any]:
    return {**asdict(event), "at": event.at.isoformat()}


def event_from_dict(data: dict[str, Any]) -> HistoryEvent:
    return HistoryEvent(**{**data, "at": datetime.fromisoformat(data["at"])})


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _iso(value: date | str | None) -> str | None:
    return value.isoformat() if isinstance(value, date) else value
