"""The written responses: each one a letter, a move in the lifecycle and a history event.

Staff preview a response (`prepare_response`) and then send it (`send_response`); both run
the same checks, so what was previewed is what is sent. A request stored without an email
address still gets its letter: stored with the request, and sent to the coordinator to post.
"""

from __future__ import annotations

import dataclasses
import logging
import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from email.message import EmailMessage

from pra.domain.deadlines import ExtensionReason
from pra.domain.exemptions import exemption
from pra.domain.lifecycle import Action, Status, next_status
from pra.domain.request import (
    Extension,
    HistoryEvent,
    PraRequest,
    Question,
    Release,
    SentLetter,
)
from pra.domain.responses import (
    APPEAL_WINDOW_DAYS,
    ResponseRefused,
    ResponsiblePerson,
    answer_by,
    appeal_window_closes,
    check_extension,
    extension_open,
)
from pra.letters.builder import APPEALABLE, LetterFacts, Withholding, render_letter
from pra.letters.pdf import letter_pdf
from pra.letters.words import HELP_PARAGRAPHS
from pra.ports import QueuedEmail, StaffAccount
from pra.services import Services
from pra.services.notices import staff_notice
from pra.services.outbox import deliver
from pra.staff.roles import Permission, may

log = logging.getLogger(__name__)

ACTIONS: dict[str, Action] = {
    "initial_response": Action.SEND_INITIAL_RESPONSE,
    "clarification": Action.REQUEST_CLARIFICATION,
    "extension": Action.EXTEND,
    "released": Action.RELEASE,
    "partly_released": Action.RELEASE_IN_PART,
    "no_records": Action.REPORT_NO_RECORDS,
    "denied": Action.DENY,
    "withdrawn": Action.WITHDRAW,
    "appeal_upheld": Action.UPHOLD_APPEAL,
    "appeal_overturned": Action.OVERTURN_APPEAL,
    "appeal_overturned_in_part": Action.OVERTURN_APPEAL,
}
DETERMINATIONS = frozenset({"released", "partly_released", "no_records", "denied"})
# Letters that promise records by a date and time: that date becomes the release due date.
PROMISES = frozenset(
    {
        "initial_response",
        "released",
        "partly_released",
        "appeal_overturned",
        "appeal_overturned_in_part",
    }
)
# Letters after which no records are owed: a promise made earlier lapses.
NOTHING_TO_RELEASE = frozenset({"no_records", "denied", "withdrawn"})
OTHER_LAW = "other_law"
# Letters that deny records in full or in part, or find none: each names everyone
# responsible (§ 7922.540(b)); those that give nothing offer help (§ 7922.600).
DENIALS = frozenset({"partly_released", "denied", "no_records"})
HELPS = frozenset({"denied", "no_records"})
# Letters that answer the request itself, which may go out while a question is open.
ANSWERS_REQUEST = DETERMINATIONS | {"initial_response", "extension"}
APPEAL_DECISIONS = {
    "appeal_upheld": "upheld",
    "appeal_overturned": "overturned",
    "appeal_overturned_in_part": "overturned_in_part",
}


@dataclass(frozen=True)
class Response:
    """What the coordinator (or Director) fills in; a kind uses only its own fields."""

    kind: str
    presumed_scope: str = ""
    available_on: date | None = None
    available_at: str = ""
    question: str = ""
    reason: str = ""  # an ExtensionReason key
    new_due: date | None = None
    # (what is withheld, exemption key[, the provision cited, for "another provision of law"])
    withheld: tuple[tuple[str, ...], ...] = ()
    explanation: str = ""
    note: str = ""  # for the history only, e.g. "the requester asked by phone"
    # § 7922.540(b): each other person responsible for a denial, as "Name, title or position".
    others_responsible: tuple[str, ...] = ()
    help: str = ""  # § 7922.600: the coordinator's suggestions after a denial or no records
    closed_by: str = "requester"  # a withdrawal: "requester", or "library" when it closes it


@dataclass(frozen=True)
class Prepared:
    """A response ready to send: the request's next state, the letter, and its email."""

    before: PraRequest
    after: PraRequest
    letter: SentLetter
    message: EmailMessage
    event: HistoryEvent


def actions_allowed(request: PraRequest, account: StaffAccount, today: date) -> list[str]:
    """The response kinds this person may send on this request today, in lifecycle order."""
    allowed = []
    for kind, action in ACTIONS.items():
        try:
            next_status(request.status, action)
        except ValueError:
            continue
        if kind == "extension" and not extension_open(request.deadlines, today):
            continue
        if may(account.role, _permission(kind)):
            allowed.append(kind)
    return allowed


def prepare_response(
    services: Services, tracking_number: str, account: StaffAccount, response: Response
) -> Prepared:
    """Check everything and render the letter; store nothing (the preview)."""
    request = services.stored_request(tracking_number)
    if response.kind not in ACTIONS:
        raise ResponseRefused(f"there is no response called {response.kind!r}")
    if not may(account.role, _permission(response.kind)):
        raise ResponseRefused(f"the {account.role} role may not send this response")
    status = next_status(request.status, ACTIONS[response.kind])
    now, today = services.clock.now(), services.today()
    responsible = responsible_person(account, request.submission.language.value)
    facts = _facts(services, request, response, responsible, today)
    after = _next_state(request, response, status, facts, now, today)
    return _render(services, request, after, facts, response, account, now)


def responsible_person(account: StaffAccount, language: str) -> ResponsiblePerson:
    """The signer as a letter in that language names them (§ 7922.540)."""
    return ResponsiblePerson(account.name, account.title_in(language), account.email, account.phone)


def send_response(
    services: Services, tracking_number: str, account: StaffAccount, response: Response
) -> PraRequest:
    """Send the response: store the new state, the letter, the event and the email together."""
    prepared = prepare_response(services, tracking_number, account, response)
    notices = _decision_notice(services, prepared.after, response.kind, account)
    after = send_prepared(services, prepared, notices)
    log.info("%s sent for %s; now %s", response.kind, tracking_number, after.status.value)
    return after


def send_prepared(
    services: Services, prepared: Prepared, notices: list[QueuedEmail] | None = None
) -> PraRequest:
    """Store a prepared letter's new state with the letter kept, its event, its email and
    any notices, in one write; then send them. Every letter goes out this way."""
    after = dataclasses.replace(prepared.after, letters=(*prepared.after.letters, prepared.letter))
    email = QueuedEmail(
        id=uuid.uuid4().hex,
        tracking_number=after.tracking_number,
        kind=f"letter_{prepared.letter.kind}",
        message=prepared.message.as_bytes(),
    )
    emails = [email, *(notices or [])]
    services.store.save(after, prepared.before.status, prepared.event, emails)
    deliver(services, emails)
    return after


def _decision_notice(
    services: Services, after: PraRequest, kind: str, account: StaffAccount
) -> list[QueuedEmail]:
    """The coordinator hears of every appeal decision, which may reopen the request."""
    if kind not in APPEAL_DECISIONS:
        return []
    outcome = APPEAL_DECISIONS[kind].replace("_", " ")
    message = f"The appeal was {outcome}. The decision letter went to the requester."
    if after.release is not None:
        message += " The records it releases are now owed by the date it gave."
    return [
        staff_notice(
            services.settings,
            after,
            services.clock.now(),
            to=services.settings.coordinator_email,
            subject=f"Appeal {outcome} for {after.tracking_number}",
            message=message,
            facts=[("Decided by", f"{account.name}, {account.title}")],
        )
    ]


def _permission(kind: str) -> Permission:
    return Permission.DECIDE_APPEALS if kind in APPEAL_DECISIONS else Permission.ACT_ON_REQUESTS


def _facts(
    services: Services,
    request: PraRequest,
    response: Response,
    responsible: ResponsiblePerson,
    today: date,
) -> LetterFacts:
    kind = response.kind
    _require_fields(response)
    reason = _extension_reason(response.reason) if kind == "extension" else None
    new_due = None
    if kind == "extension":
        assert reason is not None and response.new_due is not None  # _require_fields
        new_due = check_extension(
            request.deadlines, reason, response.new_due, today, services.calendar
        )
    settings, language = services.settings, request.submission.language.value
    # Appealed once: a release after the Library Director's decision is not appealed again.
    appealable = kind in APPEALABLE and request.appeal is None
    appeal_by = appeal_window_closes(today, services.calendar) if appealable else None
    due = request.deadlines.initial_response_due
    return LetterFacts(
        kind=kind,
        tracking_number=request.tracking_number,
        language=request.submission.language.value,
        received_date=request.deadlines.received_date,
        responsible=responsible,
        requester_name=request.submission.name,
        available_on=response.available_on,
        available_at=response.available_at.strip(),
        presumed_scope=response.presumed_scope.strip(),
        question=response.question.strip(),
        reason=reason,
        new_due=new_due,
        withheld=tuple(_withholding(*row) for row in response.withheld),
        appeal_by=appeal_by,
        appeal_moved=appeal_by is not None
        and appeal_by != today + timedelta(days=APPEAL_WINDOW_DAYS),
        appeal_url=f"{settings.public_url}{'/es' if language == 'es' else ''}/appeal/",
        office=settings.agency.email,
        delivery=request.usual_delivery().value,
        answer_by=answer_by(today, due) if kind == "clarification" else None,
        due=due if kind == "clarification" else None,
        closed_by=response.closed_by,
        after_appeal=request.appeal is not None,
        explanation=response.explanation.strip(),
        question_asked_on=_open_question(request, kind),
        others_responsible=_others(response, kind),
        help=response.help.strip() if kind in HELPS else "",
        help_paragraph=_help_paragraph(services, request) if kind in HELPS else "",
        fee_owed=request.fee_owed,
        patron_case=request.patron_check.case.value if request.patron_check else "",
    )


def _help_paragraph(services: Services, request: PraRequest) -> str:
    language = request.submission.language.value
    return services.settings.help_paragraph(language) or HELP_PARAGRAPHS[language]


def _others(response: Response, kind: str) -> tuple[str, ...]:
    """Each other person responsible, once, for letters that deny (§ 7922.540(b))."""
    if kind not in DENIALS:
        return ()
    named = (" ".join(other.split()) for other in response.others_responsible)
    return tuple(dict.fromkeys(other for other in named if other))


def _open_question(request: PraRequest, kind: str) -> date | None:
    """The day an unanswered question was asked, for a letter that decides without its answer."""
    return request.question_asked_on if kind in ANSWERS_REQUEST else None


_REQUIRED: dict[str, tuple[tuple[str, str], ...]] = {
    # § 7922.535(a): the estimated date and time records will be available.
    # Its letter says "available on {date}, from {time}": both are needed.
    "initial_response": (
        ("available_on", "the anticipated date of production"),
        ("available_at", "the time the records will be available"),
    ),
    "released": (
        ("available_on", "the date the records will be available"),
        ("available_at", "the time the records will be available"),
    ),
    "partly_released": (
        ("available_on", "the date the records will be available"),
        ("available_at", "the time the records will be available"),
        ("withheld", "each record or part withheld and its exemption"),
    ),
    "denied": (("withheld", "each record withheld and its exemption"),),
    "clarification": (("question", "the question for the requester"),),
    "extension": (
        ("reason", "one of the unusual circumstances"),
        ("new_due", "the date the determination will be dispatched"),
    ),
    "appeal_upheld": (("explanation", "the reasons for the decision"),),
    "appeal_overturned": (
        ("explanation", "the reasons for the decision"),
        ("available_on", "the date the records will be available"),
        ("available_at", "the time the records will be available"),
    ),
    "appeal_overturned_in_part": (
        ("explanation", "the reasons for the decision"),
        ("available_on", "the date the records will be available"),
        ("available_at", "the time the records will be available"),
    ),
}


def _require_fields(response: Response) -> None:
    missing = [
        words
        for field_name, words in _REQUIRED.get(response.kind, ())
        if not _given(getattr(response, field_name))
    ]
    if missing:
        raise ResponseRefused("the letter needs " + "; ".join(missing))


def _given(value: object) -> bool:
    return bool(value.strip()) if isinstance(value, str) else bool(value)


def _extension_reason(key: str) -> ExtensionReason:
    for reason in ExtensionReason:
        if reason.key == key:
            return reason
    raise ResponseRefused(f"{key!r} is not one of the unusual circumstances of § 7922.535(c)")


def _withholding(what: str, key: str, law: str = "") -> Withholding:
    if not what.strip():
        raise ResponseRefused("say what each withholding covers")
    try:
        ground = exemption(key)
    except KeyError:
        raise ResponseRefused(f"{key!r} is not in the exemption catalogue") from None
    if key == OTHER_LAW and not law.strip():
        raise ResponseRefused("cite the provision of law for each 'another provision' row")
    return Withholding(what.strip(), ground, law.strip() if key == OTHER_LAW else "")


def _next_state(
    request: PraRequest,
    response: Response,
    status: Status,
    facts: LetterFacts,
    now: datetime,
    today: date,
) -> PraRequest:
    changes: dict[str, object] = {"status": status}
    kind = response.kind
    if kind == "extension":
        assert facts.reason is not None and facts.new_due is not None
        changes["extension"] = Extension(facts.reason.key, facts.new_due, today)
    if kind == "clarification":
        changes["question"] = Question(asked_at=now)
    if kind in DETERMINATIONS:
        changes["determined_on"] = today
    if kind in PROMISES:
        assert facts.available_on is not None  # _require_fields
        changes["release"] = Release(facts.available_on, facts.available_at)
    if kind in NOTHING_TO_RELEASE:
        changes["release"] = None
    if response.withheld:  # the grounds cited, each once, for the open data
        cited = (*request.exemptions_cited, *(row[1] for row in response.withheld))
        changes["exemptions_cited"] = tuple(dict.fromkeys(cited))
    if kind in APPEAL_DECISIONS:
        assert request.appeal is not None  # the lifecycle allows decisions on appeals only
        changes["appeal"] = dataclasses.replace(
            request.appeal, outcome=APPEAL_DECISIONS[kind], decided_at=now
        )
    return dataclasses.replace(request, **changes)  # type: ignore[arg-type]


def _render(
    services: Services,
    request: PraRequest,
    after: PraRequest,
    facts: LetterFacts,
    response: Response,
    account: StaffAccount,
    now: datetime,
) -> Prepared:
    message, letter = write_letter(services, request, facts, now)
    event = HistoryEvent(
        at=now, actor=account.email, action=response.kind, note=_note(response, after), public=True
    )
    return Prepared(request, after, letter, message, event)


def write_letter(
    services: Services,
    request: PraRequest,
    facts: LetterFacts,
    now: datetime,
) -> tuple[EmailMessage, SentLetter]:
    """The letter to send, and the copy kept with the request for its status page.

    The kept copy is the letter as sent, but for download links: they are private, and they
    expire (the status page makes fresh ones). Without an email address the letter goes to
    the coordinator to post, with its PDF laid out for a window envelope.
    """
    settings, signer = services.settings, facts.responsible
    sender = (settings.agency_name, settings.from_address)
    to = request.submission.email or settings.coordinator_email
    message = render_letter(facts, agency=settings.agency_name, sender=sender, to=to, now=now)
    if request.submission.email:  # a reply to the letter reaches the coordinator
        message["Reply-To"] = settings.agency.email
    kept = message
    if facts.files:  # only links make the kept copy differ from the one sent
        kept_facts = dataclasses.replace(
            facts, files=tuple((label, "") for label, _ in facts.files)
        )
        kept = render_letter(kept_facts, agency=settings.agency_name, sender=sender, to=to, now=now)
    body = kept.get_body(("plain",))
    letter = SentLetter(
        kind=facts.kind,
        sent_at=now,
        language=facts.language,
        subject=str(kept["Subject"]),
        text=body.get_content() if body is not None else "",
        signed_by="; ".join([f"{signer.name}, {signer.title}", *facts.others_responsible]),
        address=_postal_address(request),
    )
    if not request.submission.email:
        subject = message["Subject"]
        message.replace_header("Subject", f"To post to the requester: {subject}")
        pdf = letter_pdf(letter, settings.agency)
        name = f"{request.tracking_number}-{facts.kind}.pdf"
        message.add_attachment(pdf, maintype="application", subtype="pdf", filename=name)
    return message, letter


def _postal_address(request: PraRequest) -> tuple[str, ...]:
    """The envelope's window: the requester's name and address, when the letter is posted."""
    submission = request.submission
    if submission.email or not submission.mailing_address:
        return ()
    lines = [line.strip() for line in submission.mailing_address.splitlines() if line.strip()]
    return tuple(([submission.name] if submission.name else []) + lines)


def _note(response: Response, after: PraRequest) -> str:
    """What the log shows of the response, beside the letter itself."""
    parts = []
    if after.extension is not None and response.kind == "extension":
        parts.append(f"due {after.extension.new_due.isoformat()} ({after.extension.reason})")
    if response.withheld:
        parts.append("grounds: " + ", ".join(row[1] for row in response.withheld))
    if response.available_on:
        parts.append(f"available {response.available_on.isoformat()} {response.available_at}")
    if response.note.strip():
        parts.append(response.note.strip())
    return "; ".join(p.strip() for p in parts)
