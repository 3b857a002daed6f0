"""Files on a request: upload (type by content, size, malware scan), list, download, scan again.

A file's bytes and its description are kept side by side in the file store, one description
per file, so two people uploading to one request at once never overwrite each other. Only a
file whose scan came back clean can be downloaded, delivered or published.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import secrets
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from datetime import datetime, timedelta
from typing import Any, BinaryIO

from pra.domain.files import RequestFile, ScanState, ScanVerdict, Visibility
from pra.domain.request import HistoryEvent
from pra.domain.tracking import normalize_tracking_number
from pra.services import Services
from pra.services.filetypes import UnacceptedType, content_type

log = logging.getLogger(__name__)
TITLE_MAX = 200
NAME_MAX = 150
CHUNK = 1024 * 1024
UPLOADED, REFUSED, DOWNLOADED, SCANNED = "file_added", "file_refused", "downloaded_file", "scanned"
# Records published without a request (proactive disclosure) are uploaded, typed and scanned
# like a request's files, in a folder of their own, with no request history to write to.
LIBRARY_UPLOADS = "library"


class FileRefused(ValueError):
    """An upload that breaks a rule; nothing of it was stored. The message says which file."""


class FileNotUsable(ValueError):
    """The file's scan is not clean (yet): it cannot be downloaded, delivered or published."""


@dataclass(frozen=True)
class Upload:
    stream: BinaryIO  # seekable: a spooled upload or an open file
    name: str  # as the browser or the command line gave it
    title: str = ""
    visibility: Visibility = Visibility.PRIVATE


def upload_files(
    services: Services, number: str, uploads: list[Upload], actor: str
) -> list[RequestFile]:
    """Check every upload, then store and scan each; a refusal leaves nothing stored."""
    number = number if number == LIBRARY_UPLOADS else normalize_tracking_number(number)
    if number != LIBRARY_UPLOADS and services.store.get(number) is None:
        raise KeyError(number)
    if not uploads:
        raise FileRefused("choose at least one file")
    now = services.clock.now()
    # A microsecond apart, so the list keeps the order the files were chosen in.
    checked = [
        _checked(services, number, upload, actor, now + timedelta(microseconds=position))
        for position, upload in enumerate(uploads)
    ]
    stored: list[RequestFile] = []
    try:
        for file, upload in zip(checked, uploads, strict=True):
            stored.append(_store_and_scan(services, file, upload.stream))
    except BaseException:
        for file in stored:
            forget(services, file)
        raise
    for file in stored if number != LIBRARY_UPLOADS else []:
        note = f"{file.id} {file.name} ({file.visibility.value}); scan: {file.scan.state.value}"
        services.store.append_event(number, HistoryEvent(now, actor, UPLOADED, note))
    log.info("%d file(s) added to %s", len(stored), number)
    return stored


def request_files(services: Services, number: str) -> list[RequestFile]:
    """The request's files, oldest first; a pending scan is asked again for its verdict."""
    prefix = _records_prefix(normalize_tracking_number(number))
    files = [_read(services, key) for key in services.files.keys(prefix)]
    return sorted(
        (_refreshed(services, file) for file in files if file is not None),
        key=lambda file: (file.uploaded_at, file.id),
    )


def find_file(services: Services, number: str, file_id: str) -> RequestFile | None:
    if not re.fullmatch(r"[0-9a-f]{16}", file_id):
        return None
    file = _read(services, _record_key(normalize_tracking_number(number), file_id))
    return _refreshed(services, file) if file else None


def open_file(
    services: Services, number: str, file_id: str, actor: str
) -> tuple[RequestFile, BinaryIO] | None:
    """The file and its bytes to stream, recorded as downloaded; FileNotUsable unless clean."""
    file = find_file(services, number, file_id)
    if file is None:
        return None
    _require_usable(file)
    stream = services.files.open(file.key)
    if stream is None:
        return None
    event = HistoryEvent(services.clock.now(), actor, DOWNLOADED, f"{file.id} {file.name}")
    services.store.append_event(file.tracking_number, event)
    return file, stream


def scan_again(services: Services, number: str, file_id: str, actor: str) -> RequestFile | None:
    """Ask the scanner once more, e.g. after ClamAV was installed or its signatures updated."""
    file = find_file(services, number, file_id)
    if file is None:
        return None
    verdict = services.scanner.scan(file.key)
    file = _save(services, replace(file, scan=verdict))
    note = f"{file.id} {file.name}: {verdict.state.value} {verdict.note}".strip()
    services.store.append_event(
        file.tracking_number, HistoryEvent(services.clock.now(), actor, SCANNED, note)
    )
    return file


def adopt_file(services: Services, file: RequestFile, number: str, actor: str) -> RequestFile:
    """A staged, checked file attached to a request: the same bytes, so the same verdict."""
    adopted = replace(file, id=secrets.token_hex(8), tracking_number=number, uploaded_by=actor)
    stream = services.files.open(file.key)
    if stream is None:
        raise FileRefused(f"{file.name} is missing from the file store")
    with stream:
        services.files.put_stream(adopted.key, stream, adopted.content_type)
    _save(services, adopted)
    note = f"{adopted.id} {adopted.name} (public); scan: {adopted.scan.state.value}"
    event = HistoryEvent(services.clock.now(), actor, UPLOADED, note)
    services.store.append_event(number, event)
    return adopted


def _require_usable(file: RequestFile) -> None:
    messages = {
        ScanState.PENDING: "is still being scanned for malware; try again in a minute",
        ScanState.INFECTED: f"contains malware ({file.scan.note}) and cannot be used",
        ScanState.FAILED: f"could not be scanned for malware ({file.scan.note}); scan it again",
    }
    if not file.usable:
        raise FileNotUsable(f"{file.name} {messages[file.scan.state]}")


def _checked(
    services: Services, number: str, upload: Upload, actor: str, now: datetime
) -> RequestFile:
    name = safe_name(upload.name)
    size, sha256 = _measure(upload.stream)
    limit = services.settings.max_upload_mb
    if size > limit * 1024 * 1024:
        raise FileRefused(f"{name} is larger than the {limit} MB limit; nothing was stored")
    try:
        kind = content_type(upload.stream, name)
    except UnacceptedType as refused:
        raise FileRefused(f"{name}: {refused}; nothing was stored") from None
    title = " ".join(upload.title.split()) or _title_from(name)
    if len(title) > TITLE_MAX:
        raise FileRefused(f"shorten the title of {name} to {TITLE_MAX} characters")
    return RequestFile(
        id=secrets.token_hex(8),
        tracking_number=number,
        name=name,
        title=title,
        visibility=upload.visibility,
        content_type=kind,
        size=size,
        sha256=sha256,
        uploaded_at=now,
        uploaded_by=actor,
    )


def _store_and_scan(services: Services, file: RequestFile, stream: BinaryIO) -> RequestFile:
    services.files.put_stream(file.key, stream, file.content_type)
    verdict = services.scanner.scan(file.key)
    if verdict.state is ScanState.INFECTED:
        services.files.delete(file.key)
        if file.tracking_number != LIBRARY_UPLOADS:
            note = f"{file.name}: malware"
            event = HistoryEvent(file.uploaded_at, file.uploaded_by, REFUSED, note)
            services.store.append_event(file.tracking_number, event)
        raise FileRefused(f"{file.name} contains malware ({verdict.note}); nothing was stored")
    return _save(services, replace(file, scan=verdict))


def _measure(stream: BinaryIO) -> tuple[int, str]:
    digest, size = hashlib.sha256(), 0
    while chunk := stream.read(CHUNK):
        digest.update(chunk)
        size += len(chunk)
    stream.seek(0)
    return size, digest.hexdigest()


def safe_name(raw: str) -> str:
    """The last part of the name, in letters, digits, dots, dashes and underscores."""
    base = re.split(r"[\\/]", raw.strip())[-1]
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "_", base).strip("._") or "file"
    if len(cleaned) > NAME_MAX:
        stem, dot, suffix = cleaned.rpartition(".")
        cleaned = (stem[: NAME_MAX - len(suffix) - 1] + dot + suffix) if dot else cleaned[:NAME_MAX]
    return cleaned


def _title_from(name: str) -> str:
    stem = name.rsplit(".", 1)[0] if "." in name else name
    return " ".join(re.split(r"[_-]+", stem)).strip() or name


def await_verdict(
    services: Services, file: RequestFile, sleep: Callable[[float], None] = time.sleep
) -> RequestFile:
    """The file once its scan has answered, or still pending after PRA_SCAN_WAIT_SECONDS.

    ClamAV answers at once; GuardDuty tags an object some seconds after it lands, so a command
    that publishes at once waits for the tag, asking every two seconds.
    """
    waited = 0.0
    while file.scan.state is ScanState.PENDING and waited < services.settings.scan_wait_seconds:
        sleep(2.0)
        waited += 2.0
        file = _refreshed(services, file)
    return file


def _refreshed(services: Services, file: RequestFile) -> RequestFile:
    if file.scan.state is not ScanState.PENDING:
        return file
    verdict = services.scanner.scan(file.key)
    return file if verdict == file.scan else _save(services, replace(file, scan=verdict))


def _records_prefix(number: str) -> str:
    return f"requests/{number}/file-records/"


def _record_key(number: str, file_id: str) -> str:
    return f"{_records_prefix(number)}{file_id}.json"


def _save(services: Services, file: RequestFile) -> RequestFile:
    data = json.dumps(_to_dict(file), sort_keys=True).encode()
    services.files.put(_record_key(file.tracking_number, file.id), data, "application/json")
    return file


def forget(services: Services, file: RequestFile) -> None:
    services.files.delete(file.key)
    services.files.delete(_record_key(file.tracking_number, file.id))


def _read(services: Services, key: str) -> RequestFile | None:
    data = services.files.get(key)
    return _from_dict(json.loads(data)) if data else None


def _to_dict(file: RequestFile) -> dict[str, Any]:
    data = asdict(file)
    data["uploaded_at"] = file.uploaded_at.isoformat()
    data["scan"] = {"state": file.scan.state.value, "note": file.scan.note}
    return data


def _from_dict(data: dict[str, Any]) -> RequestFile:
    return RequestFile(
        **{
            **data,
            "visibility": Visibility(data["visibility"]),
            "uploaded_at": datetime.fromisoformat(data["uploaded_at"]),
            "scan": ScanVerdict(ScanState(data["scan"]["state"]), data["scan"]["note"]),
        }
    )
