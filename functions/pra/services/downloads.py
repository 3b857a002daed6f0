"""What the requester downloads with a private link: one delivered file, or all as one ZIP.

Only files that were delivered to this request and scanned clean; each download is recorded
in the request's history as the requester's, with nothing else about who.
"""

from __future__ import annotations

import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from datetime import timedelta
from typing import BinaryIO

from pra.domain.files import RequestFile
from pra.domain.request import HistoryEvent, PraRequest
from pra.services import Services
from pra.services.files import find_file
from pra.services.links import ALL, LinkTarget, link_url

# A presigned address is used at once: the private link is what lasts.
HANDOFF = timedelta(minutes=5)
DOWNLOADED = "downloaded_file"


@dataclass(frozen=True)
class Download:
    """Either a stream to send (with its name and type) or an address to redirect to."""

    name: str
    content_type: str
    stream: BinaryIO | None = None
    url: str | None = None
    size: int | None = None


def delivered_files(services: Services, request: PraRequest) -> list[RequestFile]:
    """The clean files delivered to the requester, in the order they were delivered."""
    found = (find_file(services, request.tracking_number, i) for i in _delivered_ids(request))
    return [file for file in found if file is not None and file.usable]


def fresh_links(services: Services, request: PraRequest) -> list[tuple[RequestFile, str]]:
    return [
        (f, link_url(services, request.tracking_number, f.id))
        for f in delivered_files(services, request)
    ]


def download(services: Services, target: LinkTarget) -> Download | None:
    """The download a valid link names; None when its request or file is not delivered."""
    request = services.store.get(target.tracking_number)
    if request is None:
        return None
    files = delivered_files(services, request)
    if target.file_id == ALL:
        return _zip(services, request, files) if files else None
    file = next((f for f in files if f.id == target.file_id), None)
    if file is None:
        return None
    _record(services, request, file.name)
    url = services.files.download_url(file.key, file.name, HANDOFF)
    if url is not None:
        return Download(file.name, file.content_type, url=url)
    stream = services.files.open(file.key)
    return Download(file.name, file.content_type, stream=stream, size=file.size) if stream else None


def _zip(services: Services, request: PraRequest, files: list[RequestFile]) -> Download:
    """One ZIP named after the request, built on disk so memory stays flat."""
    spool = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115 - returned open
    with zipfile.ZipFile(spool, "w", zipfile.ZIP_DEFLATED) as archive:
        used: set[str] = set()
        for file in files:
            stream = services.files.open(file.key)
            if stream is None:
                continue
            with stream, archive.open(_unique(file.name, used), "w") as member:
                shutil.copyfileobj(stream, member, 1024 * 1024)
    size = spool.tell()
    spool.seek(0)
    name = f"{request.tracking_number}.zip"
    _record(services, request, name)
    return Download(name, "application/zip", stream=spool, size=size)  # type: ignore[arg-type]


def _unique(name: str, used: set[str]) -> str:
    stem, dot, suffix = name.rpartition(".")
    candidate, number = name, 2
    while candidate in used:
        candidate = f"{stem}-{number}{dot}{suffix}" if dot else f"{name}-{number}"
        number += 1
    used.add(candidate)
    return candidate


def _record(services: Services, request: PraRequest, what: str) -> None:
    event = HistoryEvent(services.clock.now(), "requester", DOWNLOADED, what)
    services.store.append_event(request.tracking_number, event)


def _delivered_ids(request: PraRequest) -> list[str]:
    return list(dict.fromkeys(i for delivery in request.deliveries for i in delivery.file_ids))
