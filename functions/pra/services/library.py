"""The released-records library: publish, unpublish, and the manifest and feed behind them.

A record released to one member of the public is released to all (Policy 1002 §III.B), never
a requester's own patron records (Policy 4005) nor a file marked private: those refusals live
here, so every entry point (desk, command line, a crafted request) meets them.

Each record is kept as its own description (withdrawn ones too, for staff); the public
manifest and the Atom feed are rebuilt from all of them after every change. A rebuild writes
whole files (a reader never sees half of one) and checks itself: if another publish landed
meanwhile, it builds again, so two publishes at once lose neither.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import secrets
from collections.abc import Iterable
from dataclasses import asdict
from datetime import date, datetime
from typing import Any

from pra.domain.files import RequestFile, Visibility
from pra.domain.records import RecordFile, ReleasedRecord, Withdrawal
from pra.domain.request import HistoryEvent
from pra.services import Services
from pra.services.feed import atom_feed
from pra.services.files import LIBRARY_UPLOADS, Upload, find_file, forget, upload_files
from pra.services.findings import Finding, personal_data

log = logging.getLogger(__name__)
RECORDS_PREFIX = "library/records/"
WITHDRAWN_PREFIX = "library/withdrawn/"  # a marker per unpublished record
MANIFEST_KEY = "public/manifest.json"
FEED_KEY = "public/feed.atom"
TITLE_MAX, DESCRIPTION_MAX = 200, 2000
REBUILDS = 5


class PublishRefused(ValueError):
    """Nothing was published; the message says why."""


class FindingsToConfirm(PublishRefused):
    """The files may expose personal data: a person confirms, or redacts and uploads again."""

    def __init__(self, findings: list[tuple[str, Finding]]) -> None:
        listed = "; ".join(f"{name}: {finding.label}" for name, finding in findings)
        super().__init__(
            f"check before publishing: {listed}. Confirm that they may be published, or redact "
            "the file and upload it again"
        )
        self.findings = findings


def publication_findings(services: Services, files: list[RequestFile]) -> list[tuple[str, Finding]]:
    """What each file may expose (and PDFs without text), for a person to confirm."""
    found = []
    for file in files:
        stream = services.files.open(file.key)
        if stream is None:
            continue
        with stream:
            found += [(file.name, finding) for finding in personal_data(stream, file.content_type)]
    return found


def _check_findings(services: Services, files: list[RequestFile], confirmed: bool) -> None:
    if not confirmed and (findings := publication_findings(services, files)):
        raise FindingsToConfirm(findings)


def publish_request_files(
    services: Services,
    number: str,
    file_ids: Iterable[str],
    *,
    title: str,
    description: str,
    actor: str,
    confirmed: bool = False,
) -> ReleasedRecord:
    """Publish delivered public files of a request as one released record.

    `confirmed`: a person has seen the personal-data findings and says they may go out.
    """
    request = services.store.get(number)
    if request is None:
        raise KeyError(number)
    if request.patron_records:
        raise PublishRefused(
            f"{number} is about the requester's own patron records: nothing of it is ever "
            "published (Policy 4005)"
        )
    files = [_publishable(services, number, file_id) for file_id in dict.fromkeys(file_ids)]
    if not files:
        raise PublishRefused("choose the public files to publish")
    record = _new_record(services, title, description, number, files, actor)
    _check_findings(services, files, confirmed)
    _copy(services, record, files)
    event = HistoryEvent(services.clock.now(), actor, "published", f"record {record.id}", True)
    services.store.append_event(number, event)
    return record


def publish_record(
    services: Services,
    files: list[RequestFile],
    *,
    title: str,
    description: str,
    actor: str,
    confirmed: bool = False,
) -> ReleasedRecord:
    """Proactive disclosure (board minutes, contracts): files scanned clean, no request."""
    for file in files:
        if not file.usable:
            raise PublishRefused(f"{file.name} has not been scanned clean; nothing was published")
    record = _new_record(services, title, description, None, files, actor)
    _check_findings(services, files, confirmed)
    _copy(services, record, files)
    return record


def publish_uploads(
    services: Services,
    uploads: list[Upload],
    *,
    title: str,
    description: str,
    actor: str,
    number: str | None = None,
    confirmed: bool = False,
) -> ReleasedRecord:
    """Publish new files: for a request (attached to it first, as public files), or on their
    own (proactive disclosure). Checked before anything is stored."""
    if number is not None:
        request = services.store.get(number)
        if request is None:
            raise KeyError(number)
        if request.patron_records:
            raise PublishRefused(
                f"{number} is about the requester's own patron records: nothing of it is ever "
                "published (Policy 4005)"
            )
    _new_record(services, title, description, number, [], actor)  # the title and description
    public = [dataclasses.replace(upload, visibility=Visibility.PUBLIC) for upload in uploads]
    files = upload_files(services, number or LIBRARY_UPLOADS, public, actor)
    try:
        if number is None:
            return publish_record(
                services,
                files,
                title=title,
                description=description,
                actor=actor,
                confirmed=confirmed,
            )
        ids = [file.id for file in files]
        return publish_request_files(
            services,
            number,
            ids,
            title=title,
            description=description,
            actor=actor,
            confirmed=confirmed,
        )
    except FindingsToConfirm:
        if number is None:  # nothing of a refused proactive upload is kept
            for file in files:
                forget(services, file)
        raise


def unpublish(services: Services, record_id: str, reason: str, actor: str) -> ReleasedRecord:
    """Take a record off the public list and its files offline; the reason stays for staff."""
    record = find_record(services, record_id)
    if record is None:
        raise KeyError(record_id)
    if not reason.strip():
        raise PublishRefused("give the reason for unpublishing")
    if record.withdrawn is not None:
        raise PublishRefused(f"record {record_id} was already unpublished")
    withdrawn = dataclasses.replace(
        record, withdrawn=Withdrawal(services.clock.now(), actor, " ".join(reason.split()))
    )
    _save(services, withdrawn)
    services.files.put(f"{WITHDRAWN_PREFIX}{record.id}", b"", "text/plain")
    for file in record.files:
        services.files.delete(record.file_key(file.name))
    rebuild(services, withdrawn)
    if record.request:
        note = f"record {record.id} unpublished: {withdrawn.withdrawn.reason}"  # type: ignore[union-attr]
        services.store.append_event(
            record.request, HistoryEvent(services.clock.now(), actor, "unpublished", note)
        )
    log.info("record %s unpublished", record_id)
    return withdrawn


def library(services: Services) -> list[ReleasedRecord]:
    """Every record, withdrawn ones too (staff), newest first."""
    records = [_read(services, key) for key in services.files.keys(RECORDS_PREFIX)]
    found = [record for record in records if record is not None]
    return sorted(found, key=lambda r: (r.released_on, r.id), reverse=True)


def find_record(services: Services, record_id: str) -> ReleasedRecord | None:
    if not record_id.isalnum():
        return None
    return _read(services, f"{RECORDS_PREFIX}{record_id}.json")


def rebuild(services: Services, change: ReleasedRecord | None = None) -> None:
    """Bring the manifest and the feed up to date with `change` and with every other record.

    The stored manifest is the starting point, so a publish reads one record, not all of them;
    the listing of records (and of withdrawals) says what the manifest must hold, and any
    record it lacks, published meanwhile by someone else, is read and added. It repeats until
    the manifest it wrote is still there and still complete.
    """
    for _ in range(REBUILDS):
        stored = services.files.get(MANIFEST_KEY)
        entries = {entry["id"]: entry for entry in _entries(stored)}
        if change is not None:
            entries.pop(change.id, None)
            if change.public:
                entries[change.id] = _entry(services, change)
        public = _public_ids(services)
        for record_id in public - entries.keys():
            record = find_record(services, record_id)
            if record is not None and record.public:
                entries[record_id] = _entry(services, record)
        for record_id in entries.keys() - public:
            del entries[record_id]
        ordered = sorted(entries.values(), key=lambda e: (e["released_on"], e["id"]), reverse=True)
        # Compact: json's C encoder writes it, and readers download fewer bytes.
        data = json.dumps({"records": ordered}, ensure_ascii=False, separators=(",", ":")).encode()
        if data != stored:
            services.files.put(FEED_KEY, atom_feed(services, ordered), "application/atom+xml")
            services.files.put(MANIFEST_KEY, data, "application/json")
        if _public_ids(services) == entries.keys() and services.files.get(MANIFEST_KEY) == data:
            return
        change = None
    log.warning("the manifest changed during %d rebuilds; the next publish settles it", REBUILDS)


def _entries(stored: bytes | None) -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = json.loads(stored)["records"] if stored else []
    return entries


def _public_ids(services: Services) -> set[str]:
    """Records published and not withdrawn, from the listings alone (no record is read)."""
    published = {_id_of(key) for key in services.files.keys(RECORDS_PREFIX)}
    return published - {_id_of(key) for key in services.files.keys(WITHDRAWN_PREFIX)}


def _id_of(key: str) -> str:
    return key.rsplit("/", 1)[-1].removesuffix(".json")


def _entry(services: Services, record: ReleasedRecord) -> dict[str, Any]:
    """A record as the manifest lists it."""
    url = services.settings.public_url
    return {
        "id": record.id,
        "title": record.title,
        "description": record.description,
        "request": record.request,
        "released_on": record.released_on.isoformat(),
        "files": [
            {
                "name": file.name,
                "url": f"{url}/{record.file_key(file.name)}",
                "size": file.size,
                "sha256": file.sha256,
                "type": file.content_type,
            }
            for file in record.files
        ],
    }


def _publishable(services: Services, number: str, file_id: str) -> RequestFile:
    file = find_file(services, number, file_id)
    if file is None:
        raise PublishRefused(f"there is no file {file_id} on {number}")
    if file.visibility is not Visibility.PUBLIC:
        raise PublishRefused(f"{file.name} is private to the requester and is never published")
    if not file.usable:
        raise PublishRefused(f"{file.name} has not been scanned clean; nothing was published")
    return file


def _new_record(
    services: Services,
    title: str,
    description: str,
    number: str | None,
    files: list[RequestFile],
    actor: str,
) -> ReleasedRecord:
    title, description = " ".join(title.split()), description.strip()
    if not title:
        raise PublishRefused("give the record a title")
    if len(title) > TITLE_MAX or len(description) > DESCRIPTION_MAX:
        raise PublishRefused(
            f"shorten the title to {TITLE_MAX} and the description to {DESCRIPTION_MAX} characters"
        )
    return ReleasedRecord(
        id=secrets.token_hex(6),
        title=title,
        description=description,
        request=number,
        released_on=services.today(),
        files=tuple(RecordFile(f.name, f.size, f.sha256, f.content_type) for f in files),
        published_by=actor,
    )


def _copy(services: Services, record: ReleasedRecord, files: list[RequestFile]) -> None:
    for file in files:
        stream = services.files.open(file.key)
        if stream is None:
            raise PublishRefused(f"{file.name} is missing from the file store")
        with stream:
            services.files.put_stream(record.file_key(file.name), stream, file.content_type)
    _save(services, record)
    rebuild(services, record)
    log.info("record %s published with %d file(s)", record.id, len(files))


def _save(services: Services, record: ReleasedRecord) -> None:
    data = json.dumps(_to_dict(record), sort_keys=True).encode()
    services.files.put(f"{RECORDS_PREFIX}{record.id}.json", data, "application/json")


def _read(services: Services, key: str) -> ReleasedRecord | None:
    data = services.files.get(key)
    return _from_dict(json.loads(data)) if data else None


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
