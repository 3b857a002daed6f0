"""The request form (parse_submission) and the stored request's next due date."""

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from pra.domain.deadlines import Deadlines
from pra.domain.lifecycle import Status
from pra.domain.request import (
    Appeal,
    Delivery,
    DueKind,
    FieldError,
    InvalidSubmission,
    Language,
    PraRequest,
    RecordFormat,
    Release,
    parse_submission,
)

DESCRIPTION = "Board meeting minutes for 2025"


def form(**fields):
    """A request as the HTML form posts it: every field present, unanswered ones empty."""
    blank = {
        "description": DESCRIPTION,
        "format": "",
        "delivery": "",
        "name": "",
        "email": "ana@example.org",
        "phone": "",
        "mailing_address": "",
        "language": "",
        "date_range": "",
        "website": "",
    }
    return {**blank, **fields}


def errors_of(data):
    with pytest.raises(InvalidSubmission) as invalid:
        parse_submission(data)
    return invalid.value.errors


# What a request with only a description and an email address becomes.
DEFAULTS = {
    "description": DESCRIPTION,
    "format": RecordFormat.ELECTRONIC,
    "delivery": Delivery.EMAIL,
    "name": None,
    "email": "ana@example.org",
    "phone": None,
    "mailing_address": None,
    "language": Language.EN,
    "date_range": None,
    "website": "",
}


def test_a_minimal_json_request_takes_the_defaults():
    submission = parse_submission({"description": DESCRIPTION, "email": "ana@example.org"})
    assert submission.model_dump() == DEFAULTS


def test_a_form_post_with_empty_optional_fields_reads_them_as_absent():
    assert parse_submission(form()).model_dump() == DEFAULTS


def test_a_complete_form_post_keeps_every_answer():
    submission = parse_submission(
        form(
            format="paper",
            delivery="mail",
            name="Ana Ruiz",
            email="",
            phone="(555) 010-0199",
            mailing_address="1 Main St, Springfield, CA 90000",
            language="es",
            date_range="2025",
        )
    )
    assert submission.model_dump() == {
        "description": DESCRIPTION,
        "format": RecordFormat.PAPER,
        "delivery": Delivery.MAIL,
        "name": "Ana Ruiz",
        "email": None,
        "phone": "(555) 010-0199",
        "mailing_address": "1 Main St, Springfield, CA 90000",
        "language": Language.ES,
        "date_range": "2025",
        "website": "",
    }


@pytest.mark.parametrize(
    ("description", "errors"),
    [
        ("x" * 9, [FieldError("description", "too_short")]),  # one under the minimum
        ("  short    ", [FieldError("description", "too_short")]),  # counted after trimming
        ("x" * 10_001, [FieldError("description", "too_long")]),  # one over the maximum
    ],
)
def test_a_description_must_be_between_10_and_10000_characters(description, errors):
    assert errors_of(form(description=description)) == errors


@pytest.mark.parametrize("length", [10, 10_000])
def test_a_description_at_either_limit_is_accepted(length):
    assert len(parse_submission(form(description="x" * length)).description) == length


def test_a_missing_description_is_required():
    assert errors_of({"email": "ana@example.org"}) == [FieldError("description", "required")]


@pytest.mark.parametrize("email", ["", "   "])
def test_email_delivery_needs_an_email_address(email):
    assert errors_of(form(delivery="email", email=email)) == [
        FieldError("email", "required_for_delivery")
    ]


def test_email_is_the_default_delivery_so_a_request_without_one_needs_an_email():
    assert errors_of({"description": DESCRIPTION}) == [FieldError("email", "required_for_delivery")]


@pytest.mark.parametrize("address", ["", "   "])
def test_mail_delivery_needs_a_mailing_address(address):
    assert errors_of(form(delivery="mail", mailing_address=address)) == [
        FieldError("mailing_address", "required_for_delivery")
    ]


def test_pickup_needs_no_contact_at_all():
    submission = parse_submission(form(delivery="pickup", email=""))
    assert (submission.delivery, submission.email) == (Delivery.PICKUP, None)


@pytest.mark.parametrize("email", ["ana.example.org", "ana@", "ana@@example.org"])
def test_a_malformed_email_is_invalid(email):
    assert errors_of(form(email=email)) == [FieldError("email", "invalid")]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("format", "fax"),
        ("delivery", "pigeon"),
        ("language", "fr"),
    ],
)
def test_a_value_outside_a_choice_asks_to_choose_one(field, value):
    assert errors_of(form(**{field: value})) == [FieldError(field, "choose_one")]


def test_several_field_errors_are_reported_at_once():
    data = form(description="too short", delivery="mail", mailing_address="")
    with pytest.raises(InvalidSubmission) as invalid:
        parse_submission(data)
    assert (invalid.value.errors, str(invalid.value)) == (
        [
            FieldError("description", "too_short"),
            FieldError("mailing_address", "required_for_delivery"),
        ],
        "description: too_short, mailing_address: required_for_delivery",
    )


def test_a_purpose_is_ignored_and_not_kept():
    # § 7921.300: the purpose of a request may not be asked, so it is not stored either.
    submission = parse_submission(form(purpose="I am a journalist"))
    assert (submission.model_dump(), hasattr(submission, "purpose")) == (DEFAULTS, False)


@pytest.mark.parametrize(("website", "robot"), [("", False), ("http://spam.example", True)])
def test_anything_in_the_hidden_website_field_marks_a_robot(website, robot):
    assert parse_submission(form(website=website)).is_robot is robot


# The stored request: which date the sweep watches.

DEADLINES = Deadlines(
    received_date=date(2026, 11, 16),
    initial_response_target=date(2026, 11, 26),
    initial_response_due=date(2026, 11, 30),
    extended_target=date(2026, 12, 10),
    extended_due=date(2026, 12, 10),
    rule_set="Gov. Code § 7922.535 (10 calendar days, extension up to 14)",
)


NEW_REQUEST = PraRequest(
    tracking_number="PRA-2026-00042",
    access_code_digest="0" * 64,
    received_at=datetime(2026, 11, 16, 17, 0, tzinfo=UTC),
    deadlines=DEADLINES,
    submission=parse_submission(form()),
)


def test_a_new_request_is_received_and_due_on_the_initial_response_due_date():
    assert (NEW_REQUEST.status, NEW_REQUEST.next_due) == (Status.RECEIVED, date(2026, 11, 30))


def test_an_extended_request_is_due_on_the_extended_due_date():
    assert replace(NEW_REQUEST, status=Status.EXTENDED).next_due == date(2026, 12, 10)


@pytest.mark.parametrize(
    "status",
    [Status.RELEASED, Status.PARTLY_RELEASED, Status.NO_RECORDS, Status.DENIED, Status.WITHDRAWN],
)
def test_a_closed_request_has_no_next_due_date(status):
    assert replace(NEW_REQUEST, status=status).next_due is None


def test_an_answered_request_owes_no_determination_date():
    # The initial response met § 7922.535(a); the sweep must not escalate it afterwards.
    assert replace(NEW_REQUEST, status=Status.INITIAL_RESPONSE_SENT).next_due is None


PROMISED = Release(date(2026, 12, 4), "10:00")


@pytest.mark.parametrize(
    "status", [Status.INITIAL_RESPONSE_SENT, Status.RELEASED, Status.PARTLY_RELEASED]
)
def test_promised_records_are_due_on_the_promised_date_until_delivered(status):
    promised = replace(NEW_REQUEST, status=status, release=PROMISED)
    assert (promised.next_due, promised.next_due_kind) == (date(2026, 12, 4), DueKind.RELEASE)
    assert promised.records_owed
    delivered = replace(promised, release=replace(PROMISED, delivered_on=date(2026, 12, 3)))
    assert (delivered.next_due, delivered.next_due_kind, delivered.records_owed) == (
        None,
        None,
        False,
    )


def test_the_soonest_of_what_is_owed_comes_first():
    # Released in part on Dec 1 with records promised for Dec 4, then appealed: the Director's
    # decision (Dec 14) and the records are both owed; the sweep watches the records first.
    appeal = Appeal(
        datetime(2026, 12, 4, 18, 0, tzinfo=UTC),
        "why",
        date(2026, 12, 11),
        False,
        date(2026, 12, 14),
    )
    appealed = replace(NEW_REQUEST, status=Status.APPEALED, appeal=appeal, release=PROMISED)
    assert appealed.dues() == [
        (date(2026, 12, 4), DueKind.RELEASE),
        (date(2026, 12, 14), DueKind.APPEAL_DECISION),
    ]
    assert appealed.next_due_kind is DueKind.RELEASE
    delivered = replace(appealed, release=replace(PROMISED, delivered_on=date(2026, 12, 4)))
    assert (delivered.next_due, delivered.next_due_kind) == (
        date(2026, 12, 14),
        DueKind.APPEAL_DECISION,
    )


def test_an_extended_request_with_an_earlier_promise_owes_both():
    # An initial response promised records for Nov 25; then an extension moved the
    # determination to Dec 10. Both dates are owed; the sooner is watched first.
    extended = replace(
        NEW_REQUEST, status=Status.EXTENDED, release=Release(date(2026, 11, 25), "09:00")
    )
    assert extended.dues() == [
        (date(2026, 11, 25), DueKind.RELEASE),
        (date(2026, 12, 10), DueKind.DETERMINATION),
    ]


def test_records_inspected_in_person_are_not_mailed() -> None:
    form = {
        "description": "Minutes of the library commission, 2026",
        "format": "inspect",
        "delivery": "mail",
        "mailing_address": "1 Main Street, Santa Rosa",
    }
    with pytest.raises(InvalidSubmission) as refused:
        parse_submission(form)
    assert refused.value.errors == [FieldError("delivery", "inspect_not_mailed")]
    # Beside another field's problem, both are said at once.
    with pytest.raises(InvalidSubmission) as both:
        parse_submission({**form, "description": "short"})
    assert set(both.value.errors) == {
        FieldError("description", "too_short"),
        FieldError("delivery", "inspect_not_mailed"),
    }
    assert parse_submission({**form, "delivery": "pickup"}).delivery.value == "pickup"
