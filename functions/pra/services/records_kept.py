"""Where released records are kept: one description each, by year, withdrawn ones too.

The listings alone say which records of a year are public (published, not withdrawn), so a
rebuild of that year's page reads only the records it does not have yet.
"""

from __future__ import annotations

import json
import re
import secrets
from dataclasses import asdict
from datetime import date, datetime
from typing import Any

from pra.domain.records import RecordFile, ReleasedRecord, Withdrawal
from pra.services import Services

RECORDS_PREFIX = "library/records/"
WITHDRAWN_PREFIX = "library/withdrawn/"  # a marker per unpublished record
RECORD_ID = re.compile(r"(\d{4})-[0-9a-f]{12}")


def new_record_id(year: int) -> str:
    """The year first: it says where the record is kept, and ids sort by year."""
    return f"{year}-{secrets.token_hex(6)}"


def save_record(services: Services, record: ReleasedRecord) -> None:
    data = json.dumps(_to_dict(record), sort_keys=True).encode()
    services.files.put(_key(record.id), data, "application/json")


def mark_withdrawn(services: Services, record: ReleasedRecord) -> None:
    services.files.put(f"{WITHDRAWN_PREFIX}{_year(record.id)}/{record.id}", b"", "text/plain")


def find_record(services: Services, record_id: str) -> ReleasedRecord | None:
    if not RECORD_ID.fullmatch(record_id):
        return None
    data = services.files.get(_key(record_id))
    return _from_dict(json.loads(data)) if data else None


def library(services: Services) -> list[ReleasedRecord]:
    """Every record, withdrawn ones too (staff), newest first."""
    found = (find_record(services, _id_of(key)) for key in services.files.keys(RECORDS_PREFIX))
    records = [record for record in found if record is not None]
    return sorted(records, key=lambda r: (r.released_on, r.id), reverse=True)


def public_ids(services: Services, year: int) -> set[str]:
    """The year's records published and not withdrawn, from the listings alone."""
    published = {_id_of(key) for key in services.files.keys(f"{RECORDS_PREFIX}{year}/")}
    return published - {_id_of(k) for k in services.files.keys(f"{WITHDRAWN_PREFIX}{year}/")}


def _key(record_id: str) -> str:
    return f"{RECORDS_PREFIX}{_year(record_id)}/{record_id}.json"


def _year(record_id: str) -> str:
    return record_id.split("-", 1)[0]


def _id_of(key: str) -> str:
    return key.rsplit("/", 1)[-1].removesuffix(".json")


def _to_dict(record: ReleasedRecord) -> dict[str, Any]:
    data = asdict(record)
    data["released_on"] = record.released_on.isoformat()
    if record.withdrawn:
        data["withdrawn"]["at"] = record.withdrawn.at.isoformat()
    return data


def _from_dict(data: dict[str, Any]) -> ReleasedRecord:
    withdrawn = data.get("withdrawn")
    return ReleasedRecord(
        id=data["id"],
        title=data["title"],
        description=data["description"],
        request=data.get("request"),
        released_on=date.fromisoformat(data["released_on"]),
        files=tuple(RecordFile(**item) for item in data.get("files", ())),
        published_by=data.get("published_by", ""),
        withdrawn=Withdrawal(
            datetime.fromisoformat(withdrawn["at"]), withdrawn["by"], withdrawn["reason"]
        )
        if withdrawn
        else None,
    )
