"""The released-records library: publish and unpublish (its public pages: services.manifest).

A record released to one member of the public is released to all (Policy 1002 §III.B), never
a requester's own patron records (Policy 4005) nor a file marked private: those refusals live
here, so every entry point (desk, command line, a crafted request) meets them.

Each record is kept as its own description (withdrawn ones too, for staff: records_kept).
"""

from __future__ import annotations

import dataclasses
import logging
import shutil
import tempfile
from collections.abc import Iterable

from pra.domain.files import RequestFile, Visibility
from pra.domain.records import RecordFile, ReleasedRecord, Withdrawal
from pra.domain.request import HistoryEvent
from pra.services import Services
from pra.services.files import (
    LIBRARY_UPLOADS,
    Upload,
    adopt_file,
    await_verdict,
    find_file,
    forget,
    upload_files,
)
from pra.services.findings import Finding, personal_data
from pra.services.manifest import rebuild
from pra.services.records_kept import (
    find_record,
    mark_withdrawn,
    new_record_id,
    save_record,
)

log = logging.getLogger(__name__)
TITLE_MAX, DESCRIPTION_MAX = 200, 2000


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
        # The readers need to seek, which an S3 body cannot: read it into a local copy first.
        with stream, tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024) as local:
            shutil.copyfileobj(stream, local, 1024 * 1024)
            local.seek(0)
            findings = personal_data(local, file.content_type)  # type: ignore[arg-type]
        found += [(file.name, finding) for finding in findings]
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
    _check_request(services, number)
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
    """Publish new files: on their own (proactive disclosure), or for a request.

    The files are staged and checked first (scanned clean, findings confirmed); a refusal
    keeps nothing of them. For a request they are then attached to it as public files, with
    the verdict of the scan of these very bytes, and published.
    """
    if number is not None:
        _check_request(services, number)
    _new_record(services, title, description, number, [], actor)  # the title and description
    public = [dataclasses.replace(upload, visibility=Visibility.PUBLIC) for upload in uploads]
    staged = upload_files(services, LIBRARY_UPLOADS, public, actor)
    staged = [await_verdict(services, file) for file in staged]
    try:
        for file in staged:
            if not file.usable:
                raise PublishRefused(
                    f"{file.name} has not been scanned clean ({file.scan.note or 'pending'}); "
                    "nothing was published"
                )
        _check_findings(services, staged, confirmed)
    except PublishRefused:
        for file in staged:
            forget(services, file)
        raise
    if number is None:
        record = publish_record(
            services, staged, title=title, description=description, actor=actor, confirmed=True
        )
        for file in staged:  # the library keeps its own copy
            forget(services, file)
        return record
    attached = [adopt_file(services, file, number, actor) for file in staged]
    for file in staged:
        forget(services, file)
    return publish_request_files(
        services,
        number,
        [file.id for file in attached],
        title=title,
        description=description,
        actor=actor,
        confirmed=True,
    )


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
    save_record(services, withdrawn)
    mark_withdrawn(services, record)
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


def _check_request(services: Services, number: str) -> None:
    """KeyError for an unknown request; a refusal for the requester's own patron records."""
    request = services.stored_request(number)
    if request.patron_records:
        raise PublishRefused(
            f"{number} is about the requester's own patron records: nothing of it is ever "
            "published (Policy 4005)"
        )


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
        id=new_record_id(services.today().year),
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
    save_record(services, record)
    rebuild(services, record)
    log.info("record %s published with %d file(s)", record.id, len(files))
