"""Delivering released records: an instalment or the last one, with a short letter.

The promised records are owed until a final delivery (Policy 1002 §III.C's four ways: email
or private link, inspection, mail, pick-up). Each delivery is recorded on the request, in its
history and in a letter in the requester's language; the letter the requester gets carries
private links, the copy kept with the request names the files without them.
"""

from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass
from email.message import EmailMessage

from pra.domain.fees import dollars
from pra.domain.files import RequestFile, Visibility
from pra.domain.request import DeliveryMethod, HistoryEvent, PraRequest, RecordsDelivery, SentLetter
from pra.letters.builder import LetterFacts
from pra.ports import StaffAccount
from pra.services import Services
from pra.services.files import find_file
from pra.services.findings import Finding
from pra.services.library import FindingsToConfirm, publication_findings, publish_request_files
from pra.services.links import link_url, links_expire_on
from pra.services.respond import Prepared, responsible_person, send_prepared, write_letter
from pra.staff.roles import Permission, may

log = logging.getLogger(__name__)
KIND = "delivered"
NOTE_MAX = 500


class DeliveryRefused(ValueError):
    """The delivery cannot be made as asked; nothing was stored. The message says why."""


@dataclass(frozen=True)
class DeliveryOrder:
    method: DeliveryMethod
    file_ids: tuple[str, ...] = ()
    final: bool = True
    holds: str = ""  # what this instalment holds, for the letter
    # Public files go to the released-records library under this title and description.
    record_title: str = ""
    record_description: str = ""
    confirm_findings: bool = False  # the personal-data findings were seen and may be published


@dataclass(frozen=True)
class PreparedDelivery:
    before: PraRequest
    after: PraRequest
    files: tuple[RequestFile, ...]
    findings: list[tuple[str, Finding]]  # in the public files, for the preview to show
    letter: SentLetter
    message: EmailMessage
    event: HistoryEvent


def prepare_delivery(
    services: Services, number: str, account: StaffAccount, order: DeliveryOrder
) -> PreparedDelivery:
    """Check the delivery and write its letter; store nothing (the preview)."""
    request = services.stored_request(number)
    if not may(account.role, Permission.ACT_ON_REQUESTS):
        raise DeliveryRefused(f"the {account.role} role may not deliver records")
    if not request.may_deliver:
        raise DeliveryRefused("records can be delivered once released, while some are owed")
    files = _files(services, request, order)
    _check_publication(request, files, order)
    if order.method is DeliveryMethod.MAIL and request.fee_owed:
        raise DeliveryRefused(
            f"{dollars(request.fee_owed)} is still owed: record the payment before the records "
            "are mailed (Policy 1002 § III.E)"
        )
    if len(order.holds) > NOTE_MAX:
        raise DeliveryRefused(f"shorten what the delivery holds to {NOTE_MAX} characters")
    now, today = services.clock.now(), services.today()
    delivery = RecordsDelivery(now, order.method, order.file_ids, order.final, order.holds.strip())
    release = request.release
    assert release is not None  # may_deliver: records are owed
    after = dataclasses.replace(
        request,
        deliveries=(*request.deliveries, delivery),
        release=dataclasses.replace(release, delivered_on=today) if order.final else release,
    )
    responsible = responsible_person(account, request.submission.language.value)
    facts = LetterFacts(
        kind=KIND,
        tracking_number=request.tracking_number,
        language=request.submission.language.value,
        received_date=request.deadlines.received_date,
        responsible=responsible,
        requester_name=request.submission.name,
        available_on=release.due_on,
        available_at=release.due_at,
        delivery_method=order.method.value,
        holds=delivery.note,
        files=tuple((_label(file), link_url(services, number, file.id)) for file in files),
        final=order.final,
        delivered_on=today,
        links_expire=links_expire_on(services),
    )
    return _render(services, request, after, files, facts, account, delivery)


def deliver_records(
    services: Services, number: str, account: StaffAccount, order: DeliveryOrder
) -> PraRequest:
    """Record the delivery and email its letter (to the coordinator to post, without email)."""
    prepared = prepare_delivery(services, number, account, order)
    if prepared.findings and not order.confirm_findings:
        raise DeliveryRefused(str(FindingsToConfirm(prepared.findings)))
    letter = Prepared(
        prepared.before, prepared.after, prepared.letter, prepared.message, prepared.event
    )
    after = send_prepared(services, letter)
    log.info("records delivered for %s (%s)", number, order.method.value)
    public = [f.id for f in prepared.files if f.visibility is Visibility.PUBLIC]
    if public:
        # Released to one, released to all (Policy 1002 §III.B).
        publish_request_files(
            services,
            number,
            public,
            title=order.record_title,
            description=order.record_description,
            actor=account.email,
            confirmed=True,  # seen on the preview, or there were none
        )
    return after


def _check_publication(
    request: PraRequest, files: tuple[RequestFile, ...], order: DeliveryOrder
) -> None:
    """Checked before anything is stored, so a delivery never half-publishes."""
    public = [f for f in files if f.visibility is Visibility.PUBLIC]
    if not public:
        return
    if request.patron_records:
        raise DeliveryRefused(
            f"{public[0].name} is public, but this request is about the requester's own patron "
            "records, which are never published (Policy 4005): mark the file private"
        )
    if not order.record_title.strip():
        raise DeliveryRefused(
            "give the released record a title: the public files go to the released-records library"
        )


def _files(
    services: Services, request: PraRequest, order: DeliveryOrder
) -> tuple[RequestFile, ...]:
    if order.method is DeliveryMethod.LINK and not order.file_ids:
        raise DeliveryRefused("choose the files to send by link")
    files = []
    for file_id in dict.fromkeys(order.file_ids):
        file = find_file(services, request.tracking_number, file_id)
        if file is None:
            raise DeliveryRefused(f"there is no file {file_id} on this request")
        if not file.usable:
            raise DeliveryRefused(f"{file.name} has not been scanned clean, so it cannot go out")
        files.append(file)
    return tuple(files)


def _label(file: RequestFile) -> str:
    return f"{file.title} ({file.name}, {file.size_label})"


def _render(
    services: Services,
    request: PraRequest,
    after: PraRequest,
    files: tuple[RequestFile, ...],
    facts: LetterFacts,
    account: StaffAccount,
    delivery: RecordsDelivery,
) -> PreparedDelivery:
    message, letter = write_letter(services, request, facts, delivery.delivered_at)
    what = "final" if delivery.final else "instalment"
    note = f"{delivery.method.value}, {what}; files: {' '.join(f.id for f in files) or 'none'}"
    event = HistoryEvent(delivery.delivered_at, account.email, KIND, note, public=True)
    public = [f for f in files if f.visibility is Visibility.PUBLIC]
    findings = publication_findings(services, public)
    return PreparedDelivery(request, after, files, findings, letter, message, event)
