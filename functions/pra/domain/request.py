"""A public records request: what the requester submits and what the agency keeps."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from pydantic import (
    BaseModel,
    ConfigDict,
    EmailStr,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from pra.domain.deadlines import Deadlines
from pra.domain.fees import FeeEstimate, Payment
from pra.domain.lifecycle import AWAITING_DETERMINATION, TRANSITIONS, Action, Status
from pra.domain.patron import PatronCheck
from pra.domain.text import has_hidden_characters

DESCRIPTION_MIN = 10
DESCRIPTION_MAX = 10_000


class RecordFormat(StrEnum):
    ELECTRONIC = "electronic"
    PAPER = "paper"
    INSPECT = "inspect"


class Delivery(StrEnum):
    EMAIL = "email"
    MAIL = "mail"
    PICKUP = "pickup"


class Language(StrEnum):
    EN = "en"
    ES = "es"


class Channel(StrEnum):
    """How a request reached the library: Policy 1002 §IV.A takes oral or written requests,
    made to any staff member; the online form is one way among five."""

    ONLINE = "online"
    EMAIL = "email"
    MAIL = "mail"
    PHONE = "phone"
    IN_PERSON = "in_person"


class Submission(BaseModel):
    """The request form. There is no purpose field: the law forbids requiring one (§ 7921.300)."""

    # defer_build: the schema (and email-validator) are made on the first submission, not on
    # import, so a cold container answering anything else never builds them.
    model_config = ConfigDict(
        str_strip_whitespace=True, frozen=True, extra="ignore", defer_build=True
    )

    description: str = Field(min_length=DESCRIPTION_MIN, max_length=DESCRIPTION_MAX)
    format: RecordFormat = RecordFormat.ELECTRONIC
    delivery: Delivery = Delivery.EMAIL
    name: str | None = Field(default=None, max_length=200)
    email: EmailStr | None = Field(default=None, max_length=254)
    phone: str | None = Field(default=None, max_length=40, pattern=r"^[0-9+().\-\s]*(x\d+)?$")
    mailing_address: str | None = Field(default=None, max_length=1000)
    language: Language = Language.EN
    date_range: str | None = Field(default=None, max_length=200)
    # Honeypot: people never see it, so anything typed here came from a robot.
    website: str = Field(default="", max_length=2000)

    @field_validator("name", "email", "phone", "mailing_address", "date_range", mode="before")
    @classmethod
    def _blank_is_none(cls, value: Any) -> Any:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("description", "mailing_address", mode="after")
    @classmethod
    def _no_hidden_characters_in_lines(cls, value: str | None) -> str | None:
        if value and has_hidden_characters(value, lines=True):
            raise PydanticCustomError("hidden_characters", "remove hidden characters")
        return value

    @field_validator("name", "phone", "date_range", "website", mode="after")
    @classmethod
    def _no_hidden_characters(cls, value: str | None) -> str | None:
        if value and has_hidden_characters(value):
            raise PydanticCustomError("hidden_characters", "remove hidden characters")
        return value

    @model_validator(mode="after")
    def _contact_for_delivery(self, info: ValidationInfo) -> Submission:
        if info.context and info.context.get("stored"):
            # Read back from a store: checked when it came in, under the rules of that day
            # (an older request may combine what a newer rule refuses), and the retention
            # schedule may since have erased the contacts a delivery needed.
            return self
        if self.format is RecordFormat.INSPECT and self.delivery is Delivery.MAIL:
            # Records looked at in person are not posted; the hint says to choose pick-up.
            raise _FieldMissing("delivery", "inspect_not_mailed")
        if self.delivery is Delivery.MAIL and not self.mailing_address:
            raise _FieldMissing("mailing_address")
        if self.delivery is Delivery.EMAIL and not self.email:
            raise _FieldMissing("email")
        return self

    @property
    def is_robot(self) -> bool:
        return bool(self.website)


class _FieldMissing(ValueError):
    """A field the other answers make wrong: missing for the delivery chosen, or in conflict."""

    def __init__(self, field_name: str, code: str = "required_for_delivery") -> None:
        super().__init__(f"{field_name}: {code}")
        self.field_name, self.code = field_name, code


@dataclass(frozen=True)
class FieldError:
    """One problem with one field; `code` is translated by whoever shows it."""

    field: str
    code: str


class InvalidSubmission(ValueError):
    def __init__(self, errors: list[FieldError]) -> None:
        super().__init__(", ".join(f"{e.field}: {e.code}" for e in errors))
        self.errors = errors


_PYDANTIC_CODES = {
    "missing": "required",
    "string_too_short": "too_short",
    "string_too_long": "too_long",
    "value_error": "invalid",
    "enum": "choose_one",
    "string_pattern_mismatch": "invalid",
    "string_type": "invalid",
    "hidden_characters": "hidden_characters",
}


def parse_submission(data: Mapping[str, Any], *, choices_required: bool = False) -> Submission:
    """Validate a submitted form or JSON body; InvalidSubmission lists every field's problem.

    `choices_required`: the form's format and delivery must be chosen (the site's form has no
    choice made for the person); the JSON API keeps its documented defaults."""
    cleaned = {k: v for k, v in data.items() if v is not None and not (k in _ENUMS and v == "")}
    unchosen = [
        FieldError(name, "choose_one")
        for name in ("format", "delivery")
        if choices_required and name not in cleaned
    ]
    try:
        submission = Submission.model_validate(cleaned)
    except ValidationError as error:
        errors = _field_errors(error)
        # Field errors stop the model check; report a missing contact too, so all show at once
        # (which contact is missing depends on the delivery: not known until it is chosen).
        named = {e.field for e in errors}
        contacts = _contact_errors(cleaned) if "delivery" in cleaned or not choices_required else []
        errors += [e for e in (*unchosen, *contacts) if e.field not in named]
        raise InvalidSubmission(_in_form_order(errors)) from None
    if unchosen:
        raise InvalidSubmission(unchosen)
    return submission


# The request form's order (site_docs/request.md), which an error summary follows.
FORM_ORDER: tuple[str, ...] = ("description", "date_range", "format", "delivery", "name")
FORM_ORDER += ("email", "phone", "mailing_address", "language", "website")


def _in_form_order(errors: list[FieldError]) -> list[FieldError]:
    return sorted(errors, key=lambda e: (*FORM_ORDER, e.field).index(e.field))


_ENUMS = {"format", "delivery", "language"}


def _contact_errors(data: Mapping[str, Any]) -> list[FieldError]:
    delivery = data.get("delivery", Delivery.EMAIL.value)
    if not isinstance(delivery, str):
        return []  # not a choice at all: the delivery field's own error says so
    if delivery == Delivery.MAIL.value and data.get("format") == RecordFormat.INSPECT.value:
        return [FieldError("delivery", "inspect_not_mailed")]
    needed = {Delivery.EMAIL.value: "email", Delivery.MAIL.value: "mailing_address"}.get(delivery)
    value = data.get(needed) if needed else "present"
    if needed and not (isinstance(value, str) and value.strip()):
        return [FieldError(needed, "required_for_delivery")]
    return []


def _field_errors(error: ValidationError) -> list[FieldError]:
    errors: list[FieldError] = []
    for item in error.errors():
        context = item.get("ctx") or {}
        missing = context.get("error")
        if isinstance(missing, _FieldMissing):
            errors.append(FieldError(missing.field_name, missing.code))
            continue
        field_name = str(item["loc"][0]) if item["loc"] else "form"
        errors.append(FieldError(field_name, _PYDANTIC_CODES.get(item["type"], "invalid")))
    return errors


@dataclass(frozen=True)
class HistoryEvent:
    """One line of the request's log: who did what, when. Appended, never rewritten."""

    at: datetime
    actor: str
    action: str
    note: str = ""
    public: bool = False


@dataclass(frozen=True)
class SentLetter:
    """A written response as it was sent, kept with the request and shown on its status page."""

    kind: str
    sent_at: datetime
    language: str
    subject: str
    text: str
    signed_by: str  # the responsible person's name and title (§ 7922.540)
    # For a letter posted: the name and postal address its envelope window shows.
    address: tuple[str, ...] = ()


@dataclass(frozen=True)
class Extension:
    """The one extension § 7922.535(b) allows: why, and the date the determination is now due."""

    reason: str  # an ExtensionReason key
    new_due: date
    sent_on: date


@dataclass(frozen=True)
class Appeal:
    """An appeal of a denial (Policy 1002 § III.D): never refused, marked late when it is."""

    received_at: datetime
    reasons: str
    window_closed: date
    late: bool
    decision_due: date
    outcome: str | None = None  # upheld, overturned or overturned_in_part
    decided_at: datetime | None = None


@dataclass(frozen=True)
class Question:
    """A clarification asked of the requester, to help them reach the records (§ 7922.600).

    It never stops the clock: § 7922.535 has no pause, so while it is open the determination
    may still go out on the scope as the library understood it (Policy 1002 §IV.A.2), and an
    answer that comes after it is still taken.
    """

    asked_at: datetime
    answered_at: datetime | None = None

    @property
    def open(self) -> bool:
        return self.answered_at is None


@dataclass(frozen=True)
class Release:
    """The records a determination promised (§ 7922.535(a)): when, and when they were all out.

    The statute sets no number of days for production, only that it be prompt; the date the
    letter promised is the deadline staff are reminded of (LEGAL-NOTES.md).
    """

    due_on: date
    due_at: str  # the time the letter gave, e.g. "10:00"
    delivered_on: date | None = None  # the final delivery: nothing more is owed

    @property
    def owed(self) -> bool:
        return self.delivered_on is None


class DeliveryMethod(StrEnum):
    """Policy 1002 §III.C: how released records reach the requester."""

    LINK = "link"  # by email, with private download links (also on the status page)
    INSPECTION = "inspection"
    MAIL = "mail"
    PICKUP = "pickup"


@dataclass(frozen=True)
class RecordsDelivery:
    """One instalment of released records: how, which files, and whether it was the last."""

    delivered_at: datetime
    method: DeliveryMethod
    file_ids: tuple[str, ...] = ()
    final: bool = True
    note: str = ""  # what this instalment holds, in the coordinator's words


@dataclass(frozen=True)
class PublicListing:
    """The coordinator's decisions about the request's place in the public request log
    (pra.domain.public_log): the summary the public reads, and whether it is listed at all."""

    summary: str | None = None  # written or approved by the coordinator; None: pending
    kept_off: str | None = None  # why the request is not listed; None: listed

    @property
    def listed(self) -> bool:
        return self.kept_off is None


# Statuses in which the library's answer is given: the request is closed once nothing is owed.
FINAL = frozenset(
    {
        Status.RELEASED,
        Status.PARTLY_RELEASED,
        Status.NO_RECORDS,
        Status.DENIED,
        Status.WITHDRAWN,
        Status.APPEAL_DECIDED,
    }
)

# Statuses after a release determination: the records promised are handed over in these.
DELIVERABLE = frozenset(
    {Status.RELEASED, Status.PARTLY_RELEASED, Status.APPEALED, Status.APPEAL_DECIDED}
)


class DueKind(StrEnum):
    """What a due date is for: the determination, the appeal decision, or the records."""

    DETERMINATION = "determination"
    APPEAL_DECISION = "appeal_decision"
    RELEASE = "release"


@dataclass(frozen=True)
class PraRequest:
    tracking_number: str
    access_code_digest: str
    received_at: datetime
    deadlines: Deadlines
    submission: Submission
    status: Status = Status.RECEIVED
    letters: tuple[SentLetter, ...] = field(default=())
    assignee: str | None = None  # the staff email of who handles it, when one is named
    extension: Extension | None = None
    determined_on: date | None = None  # the determination letter's dispatch: opens the appeal
    appeal: Appeal | None = None
    release: Release | None = None  # the latest promise of records, once a letter made one
    deliveries: tuple[RecordsDelivery, ...] = field(default=())
    # Policy 4005: a request for the requester's own patron records publishes nothing, ever.
    patron_records: bool = False
    channel: Channel = Channel.ONLINE
    question: Question | None = None  # the latest clarification asked, answered or not
    patron_check: PatronCheck | None = None  # Policy 4005: who asks, and what they may have
    fees: FeeEstimate | None = None  # the latest estimate the fee letter stated
    payments: tuple[Payment, ...] = field(default=())
    # The day the requester's name and contacts were erased under the retention schedule.
    contacts_erased_on: date | None = None
    public_listing: PublicListing = field(default_factory=PublicListing)
    # The exemption keys cited for what was withheld (pra.domain.exemptions), for open data.
    exemptions_cited: tuple[str, ...] = field(default=())

    @property
    def closed_on(self) -> date | None:
        """The day the request closed: its final answer sent and nothing more owed (the
        latest letter, delivery or appeal decision); None while anything may still follow
        but an appeal, which is never refused (Policy 1002 § III.D)."""
        if self.status not in FINAL or self.dues():
            return None
        moments = [self.received_at, *(letter.sent_at for letter in self.letters)]
        moments += [delivery.delivered_at for delivery in self.deliveries]
        if self.appeal is not None and self.appeal.decided_at is not None:
            moments.append(self.appeal.decided_at)
        return max(moments).date()

    @property
    def may_estimate_fees(self) -> bool:
        """Records may still come: before the decision, or released and not all delivered."""
        reopened = self.status is Status.REOPENED
        return self.status in AWAITING_DETERMINATION or reopened or self.records_owed

    @property
    def fee_owed(self) -> int:
        """Cents still to pay before records are mailed (Policy 1002 § III.E); 0 if none."""
        if self.fees is None:
            return 0
        return max(0, self.fees.total - sum(payment.amount for payment in self.payments))

    @property
    def may_withdraw(self) -> bool:
        """Open and not yet decided: the requester may still withdraw it."""
        return Action.WITHDRAW in TRANSITIONS[self.status]

    @property
    def may_appeal(self) -> bool:
        """A denial in full or in part may be appealed once (Policy 1002 § III.D): the
        Director's decision is final, and a release after it is not appealed again."""
        return self.status in {Status.DENIED, Status.PARTLY_RELEASED} and self.appeal is None

    @property
    def awaiting_answer(self) -> bool:
        """A question to the requester is open; the clock runs on all the same. (Requests
        asked before questions were kept have the status alone to say so.)"""
        asked = self.question is not None and self.question.open
        return asked or self.status is Status.AWAITING_REQUESTER

    @property
    def question_asked_on(self) -> date | None:
        """The day the open question was asked (from its letter for requests kept before
        questions were); None when none is open."""
        if not self.awaiting_answer:
            return None
        if self.question is not None:
            return self.question.asked_at.date()
        asked = [letter.sent_at for letter in self.letters if letter.kind == "clarification"]
        return max(asked).date() if asked else None

    @property
    def may_deliver(self) -> bool:
        """Released records still owed: the next instalment may be handed over."""
        return self.records_owed and self.status in DELIVERABLE

    @property
    def delivered_file_ids(self) -> frozenset[str]:
        return frozenset(i for delivery in self.deliveries for i in delivery.file_ids)

    def usual_delivery(self) -> DeliveryMethod:
        """The way the requester asked for the records, as the delivery form's first choice."""
        if self.submission.format is RecordFormat.INSPECT:
            return DeliveryMethod.INSPECTION
        return {
            Delivery.EMAIL: DeliveryMethod.LINK,
            Delivery.MAIL: DeliveryMethod.MAIL,
            Delivery.PICKUP: DeliveryMethod.PICKUP,
        }[self.submission.delivery]

    def dues(self) -> list[tuple[date, DueKind]]:
        """Every date the library still owes something by, soonest first."""
        owed = []
        if self.status is Status.APPEALED and self.appeal is not None:
            owed.append((self.appeal.decision_due, DueKind.APPEAL_DECISION))
        if self.status is Status.EXTENDED:
            new_due = self.extension.new_due if self.extension else self.deadlines.extended_due
            owed.append((new_due, DueKind.DETERMINATION))
        elif self.status in AWAITING_DETERMINATION:
            owed.append((self.deadlines.initial_response_due, DueKind.DETERMINATION))
        if self.release is not None and self.release.owed:
            owed.append((self.release.due_on, DueKind.RELEASE))
        return sorted(owed)

    @property
    def next_due(self) -> date | None:
        """The date the sweep watches: the soonest of what is owed, if anything is."""
        dues = self.dues()
        return dues[0][0] if dues else None

    @property
    def next_due_kind(self) -> DueKind | None:
        dues = self.dues()
        return dues[0][1] if dues else None

    @property
    def records_owed(self) -> bool:
        """Promised records not yet all delivered: the request is not closed until they are."""
        return self.release is not None and self.release.owed
