"""Written responses from the request page: each kind previewed, then sent, end to end.

The clock reads Monday 2026-11-16, 10:00; requests arrive that morning, so the initial
response is due Monday 2026-11-30 (Thanksgiving moves the tenth day), an extension may reach
Thursday 2026-12-10, and a denial sent today may be appealed until Monday 2026-11-30.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date, datetime
from html import unescape
from typing import Any

import pytest
from flask.testing import FlaskClient

from pra.domain.calendar import BusinessCalendar
from pra.domain.deadlines import deadlines_for
from pra.domain.lifecycle import Status
from pra.domain.request import Appeal, Delivery, HistoryEvent, PraRequest, Submission
from pra.services import Services
from tests.conftest import PACIFIC, text_body
from tests.staff.conftest import EMAILS, csrf_token

NUMBER = "PRA-2026-00021"
PAGE = f"/staff/requests/{NUMBER}"
REQUESTER = "jane.requester@example.org"
SIGNERS = {
    "coordinator": "Coordinator Person, Library staff",
    "director": "Director Person, Library Director",
}
APPEAL = Appeal(
    received_at=datetime(2026, 11, 16, 9, 0, tzinfo=PACIFIC),
    reasons="The drafts were shared with the public.",
    window_closed=date(2026, 11, 30),
    late=False,
    decision_due=date(2026, 11, 30),
)


def stored(
    services: Services,
    status: Status = Status.RECEIVED,
    *,
    language: str = "en",
    email: str | None = REQUESTER,
    **changes: Any,
) -> PraRequest:
    """A request received at 9:30 today, in `status`; without email it is delivered by post."""
    submission = Submission(
        description="Drafts of the 2027 branch budget",
        name="Jane Requester",
        email=email,
        language=language,  # type: ignore[arg-type]
        delivery=Delivery.EMAIL if email else Delivery.MAIL,
        mailing_address=None if email else "12 Oak Street, Santa Rosa",
    )
    received_at = datetime(2026, 11, 16, 9, 30, tzinfo=PACIFIC)
    request = PraRequest(
        tracking_number=NUMBER,
        access_code_digest="d" * 64,
        received_at=received_at,
        deadlines=deadlines_for(received_at.date(), BusinessCalendar()),
        submission=submission,
        status=status,
        **changes,
    )
    services.store.add(request, HistoryEvent(received_at, "requester", "received", "", True), [])
    return request


def post(client: FlaskClient, path: str, data: dict[str, str], *, token: bool = True) -> Any:
    """Post a staff form as a browser would, with the session's CSRF token (read from the log)."""
    sent = {"csrf_token": csrf_token(client, "/staff/"), **data} if token else data
    return client.post(path, data=sent)


def step(form: str, action: str = "") -> str:
    base = f"{PAGE}/appeal-decision" if form == "appeal_decision" else f"{PAGE}/respond/{form}"
    return f"{base}/{action}" if action else base


def text(response: Any) -> str:
    return unescape(response.get_data(as_text=True))


def current(services: Services) -> PraRequest:
    request = services.store.get(NUMBER)
    assert request is not None
    return request


CASES = [
    pytest.param(
        "initial_response",
        Status.RECEIVED,
        {
            "presumed_scope": "The 2027 drafts only",
            "available_on": "2026-12-04",
            "available_at": "10:00",
        },
        Status.INITIAL_RESPONSE_SENT,
        [
            "We understood your request as: The 2027 drafts only.",
            "from 10:00 a.m. on Friday, December 4, 2026.",
        ],
        id="initial_response",
    ),
    pytest.param(
        "clarification",
        Status.RECEIVED,
        {"question": "Which branch do you mean?"},
        Status.AWAITING_REQUESTER,
        ["we need to know: Which branch do you mean?"],
        id="clarification",
    ),
    pytest.param(
        "extension",
        Status.RECEIVED,
        {"reason": "voluminous", "new_due": "2026-12-08"},
        Status.EXTENDED,
        ["examine a large number of separate records", "by Tuesday, December 8, 2026"],
        id="extension",
    ),
    pytest.param(
        "released",
        Status.INITIAL_RESPONSE_SENT,
        {"available_on": "2026-11-20", "available_at": "14:30"},
        Status.RELEASED,
        ["releasing them in full", "from 2:30 p.m. on Friday, November 20, 2026."],
        id="released",
    ),
    pytest.param(
        "partly_released",
        Status.EXTENDED,
        {
            "available_on": "2026-11-20",
            "available_at": "09:00",
            "withheld-1-what": "Home addresses of staff",
            "withheld-1-exemption": "employee_personal",
        },
        Status.PARTLY_RELEASED,
        [
            "Home addresses of staff",
            "Employee personal information, Gov. Code § 7928.300 [formerly Gov. Code § 6254.3]",
            "by Monday, November 30, 2026",
        ],
        id="partly_released",
    ),
    pytest.param(
        "no_records",
        Status.RECEIVED,
        {},
        Status.NO_RECORDS,
        ["did not find any records"],
        id="no_records",
    ),
    pytest.param(
        "denied",
        Status.RECEIVED,
        {
            "withheld-1-what": "Draft budget memo",
            "withheld-1-exemption": "drafts",
            "withheld-3-what": "Advice from counsel",
            "withheld-3-exemption": "privileged",
        },
        Status.DENIED,
        [
            "Draft budget memo",
            "Drafts and memoranda, Gov. Code § 7927.500 [formerly Gov. Code § 6254(a)]",
            "Advice from counsel",
            "Gov. Code § 7927.705",
            "by Monday, November 30, 2026",
        ],
        id="denied",
    ),
    pytest.param(
        "withdrawn",
        Status.AWAITING_REQUESTER,
        {"withdrawn_by": "requester", "explanation": "You asked us by phone to withdraw it."},
        Status.WITHDRAWN,
        ["we have closed your request as withdrawn. You asked us by phone to withdraw it."],
        id="withdrawn",
    ),
    pytest.param(
        "appeal_decision",
        Status.APPEALED,
        {"outcome": "upheld", "explanation": "The drafts remain exempt."},
        Status.APPEAL_DECIDED,
        ["reviewed your appeal and upheld the decision. The drafts remain exempt."],
        id="appeal_upheld",
    ),
]


@pytest.mark.parametrize(("form", "before", "fields", "after", "words"), CASES)
def test_each_response_is_previewed_then_sent(
    signed_in: Callable[[str], FlaskClient],
    services: Services,
    outbox: Callable[[], list[Any]],
    form: str,
    before: Status,
    fields: dict[str, str],
    after: Status,
    words: list[str],
) -> None:
    role = "director" if form == "appeal_decision" else "coordinator"
    stored(services, before, appeal=APPEAL if before is Status.APPEALED else None)
    client = signed_in(role)
    assert client.get(step(form)).status_code == 200
    emails_before = len(outbox())

    preview = post(client, step(form, "preview"), fields)
    html = text(preview)
    assert preview.status_code == 200, html
    assert "Dear Jane Requester," in html
    signed = {
        "extension": "Sent for the head of the Library, the Library Director "
        "(Gov. Code § 7922.535(b)), by:",
        "clarification": "Person to contact about this question:",
    }.get(form, "Person responsible for this decision:")
    assert f"{signed}\n{SIGNERS[role]}\n{EMAILS[role]}" in html
    for word in words:
        assert word in html
    assert f'id="pra-recipient">{REQUESTER} (the requester)</dd>' in html
    assert (current(services).status, current(services).letters) == (before, ())
    assert len(outbox()) == emails_before

    sent = post(client, step(form, "send"), fields)
    assert (sent.status_code, sent.location) == (303, PAGE)
    request = current(services)
    assert request.status is after
    (letter,) = request.letters
    assert letter.signed_by == SIGNERS[role]
    event = services.store.history(NUMBER)[-1]
    assert (event.actor, event.action) == (EMAILS[role], letter.kind)
    email, *told = outbox()[emails_before:]
    # The coordinator hears of every appeal decision.
    assert [m["To"] for m in told] == (
        ["coordinator@library.example"] if role == "director" else []
    )
    assert (email["To"], email["Subject"], email["Content-Language"]) == (
        REQUESTER,
        letter.subject,
        "en",
    )
    assert all(word in text_body(email) for word in words)

    page = text(client.get(PAGE))
    assert f"Letter sent: {letter.subject}. It was emailed to the requester." in page
    assert f"<summary>{letter.subject} · sent" in page


def test_a_spanish_requester_gets_the_denial_in_spanish(
    signed_in: Callable[[str], FlaskClient], services: Services, outbox: Callable[[], list[Any]]
) -> None:
    stored(services, language="es")
    client = signed_in("coordinator")
    fields = {"withheld-1-what": "Memorando del presupuesto", "withheld-1-exemption": "drafts"}
    html = text(post(client, step("denied", "preview"), fields))
    assert "Estimado/a Jane Requester:" in html
    assert (
        "Borradores y memorandos, Código de Gobierno § 7927.500 "
        "[antes Código de Gobierno § 6254(a)]" in html
    )
    assert "a más tardar el lunes, 30 de noviembre de 2026" in html
    assert "<dt>Language</dt><dd>Spanish</dd>" in html
    post(client, step("denied", "send"), fields)
    (email,) = [m for m in outbox() if m["To"] == REQUESTER]
    assert email["Content-Language"] == "es"
    assert "Código de Gobierno § 7927.500" in text_body(email)
    assert current(services).letters[-1].language == "es"


def test_a_request_without_email_gets_its_letter_sent_to_the_coordinator_to_post(
    signed_in: Callable[[str], FlaskClient],
    services: Services,
    outbox: Callable[[], list[Any]],
    settings: Any,
) -> None:
    stored(services, email=None)
    client = signed_in("coordinator")
    html = text(post(client, step("no_records", "preview"), {}))
    assert (
        'id="pra-recipient">No email: the letter goes to coordinator@library.example for the '
        "coordinator to post to the requester at:\n12 Oak Street, Santa Rosa</dd>"
    ) in html
    assert "To post to the requester: Your public records request PRA-2026-00021" in html
    sent = post(client, step("no_records", "send"), {})
    assert sent.status_code == 303
    (email,) = outbox()
    assert email["To"] == settings.coordinator_email
    assert email["Subject"] == f"To post to the requester: {current(services).letters[0].subject}"
    page = text(client.get(PAGE))
    assert "There is no email address: it went to coordinator@library.example to post" in page
    assert current(services).status is Status.NO_RECORDS


def test_edit_brings_the_form_back_filled_in(
    signed_in: Callable[[str], FlaskClient], services: Services
) -> None:
    stored(services)
    client = signed_in("coordinator")
    fields = {
        "available_on": "2026-11-20",
        "available_at": "09:00",
        "withheld-1-what": "",
        "withheld-1-exemption": "",
        "withheld-2-what": "Staff phone numbers",
        "withheld-2-exemption": "employee_personal",
    }
    preview = text(post(client, step("partly_released", "preview"), fields))
    # The preview posts the given rows again, renumbered; blank rows are dropped.
    assert '<input type="hidden" name="withheld-1-what" value="Staff phone numbers">' in preview
    assert f'formaction="{step("partly_released")}"' in preview
    hidden = {
        "available_on": "2026-11-20",
        "available_at": "09:00",
        "withheld-1-what": "Staff phone numbers",
        "withheld-1-exemption": "employee_personal",
    }
    edit = post(client, step("partly_released"), hidden)
    html = text(edit)
    assert edit.status_code == 200
    assert 'name="available_on" type="date" value="2026-11-20"' in html
    assert 'name="withheld-1-what" type="text" value="Staff phone numbers"' in html
    assert '<option value="employee_personal" selected>' in html
    assert "There is a problem" not in html
    assert current(services).status is Status.RECEIVED


def test_missing_fields_come_back_with_an_error_summary_linked_to_them(
    signed_in: Callable[[str], FlaskClient], services: Services
) -> None:
    stored(services)
    response = post(signed_in("coordinator"), step("released", "preview"), {"available_at": "9am"})
    html = text(response)
    assert response.status_code == 400
    assert "<title>Error: Release the records in full" in html
    assert 'id="pra-error-summary" aria-labelledby="pra-error-summary-title" autofocus>' in html
    assert '<a href="#pra-available_on">Enter the date the records will be available</a>' in html
    assert (
        '<a href="#pra-available_at">Enter the time in hours and minutes, for example 10:00</a>'
        in html
    )
    assert (
        'id="pra-available_at" name="available_at" type="time" value="9am" '
        'aria-describedby="pra-available_at-hint pra-available_at-error" aria-invalid="true"'
    ) in html


def test_the_extension_form_offers_the_reasons_in_law_and_the_latest_date(
    signed_in: Callable[[str], FlaskClient], services: Services
) -> None:
    stored(services)
    html = text(signed_in("coordinator").get(step("extension")))
    assert "<legend>Why more time is needed</legend>" in html
    for label in ("A large number of separate records", "A cyberattack", "A state of emergency"):
        assert label in html
    assert html.count('type="radio" id="pra-reason') == 6
    assert "The latest allowed date is Thu Dec 10, 2026 (2026-12-10)" in html
    assert 'min="2026-12-01" max="2026-12-10"' in html


def test_the_request_page_lists_the_actions_and_shows_the_extension(
    signed_in: Callable[[str], FlaskClient], services: Services
) -> None:
    stored(services)
    client = signed_in("coordinator")
    html = text(client.get(PAGE))
    assert f'<a href="{step("initial_response")}">Send the initial response</a>' in html
    assert f'<a href="{step("extension")}">Extend the response date</a>' in html
    assert "Decide the appeal" not in html and "Log an" not in html
    post(client, step("extension", "send"), {"reason": "consultation", "new_due": "2026-12-09"})
    html = text(client.get(PAGE))
    assert (
        "<dt>Reason</dt><dd>Consultation with another agency or other parts of the Library</dd>"
        "\n  <dt>Determination now due</dt><dd>Wed Dec 9, 2026</dd>"
    ) in html
    assert "Extend the response date" not in html  # only one extension


def test_a_denial_names_colleagues_ticked_and_others_typed(
    signed_in: Callable[[str], FlaskClient], services: Services
) -> None:
    stored(services)
    client = signed_in("coordinator")
    form = text(client.get(step("denied")))
    director = "Director Person, Library Director"
    assert f'value="{director}"' in form  # colleagues who may act, not the signer
    assert 'value="Coordinator Person, Library staff"' not in form
    fields = {
        "withheld-1-what": "Draft budget memo",
        "withheld-1-exemption": "drafts",
        "others_chosen": director,
        "others_typed": "Alex Kim, Deputy County Counsel",
        "help": "The adopted budget is on the county's website.",
    }
    preview = text(post(client, step("denied", "preview"), fields))
    assert f"Also responsible for this decision:\n- {director}\n- Alex Kim" in preview
    assert f'<input type="hidden" name="others_chosen" value="{director}">' in preview
    sent = post(client, step("denied", "send"), fields)
    assert sent.status_code == 303
    assert (
        current(services)
        .letters[-1]
        .signed_by.endswith(f"; {director}; Alex Kim, Deputy County Counsel")
    )


def test_a_spanish_request_offers_colleagues_by_their_spanish_titles(
    signed_in: Callable[[str], FlaskClient], services: Services
) -> None:
    stored(services, language="es")
    director = services.staff.staff(EMAILS["director"])
    assert director is not None
    services.staff.update_staff(
        dataclasses.replace(director, title_es="Directora de la Biblioteca")
    )
    form = text(signed_in("coordinator").get(step("denied")))
    assert 'value="Director Person, Directora de la Biblioteca"' in form
    assert "Director Person, Library Director" not in form


def test_a_person_typed_without_a_title_is_asked_for_one(
    signed_in: Callable[[str], FlaskClient], services: Services
) -> None:
    stored(services)
    fields = {"others_typed": "Alex Kim"}
    response = post(signed_in("coordinator"), step("no_records", "preview"), fields)
    assert response.status_code == 400
    assert "Give each person as: name, title or position" in text(response)


def test_another_provision_of_law_needs_its_citation_on_the_form(
    signed_in: Callable[[str], FlaskClient], services: Services
) -> None:
    stored(services)
    client = signed_in("coordinator")
    row = {"withheld-1-what": "Juvenile case file", "withheld-1-exemption": "other_law"}
    refused = post(client, step("denied", "preview"), row)
    assert refused.status_code == 400
    assert '<a href="#pra-withheld-1-law">Cite the provision of law for row 1</a>' in text(refused)
    cited = {**row, "withheld-1-law": "Welf. & Inst. Code § 827"}
    preview = text(post(client, step("denied", "preview"), cited))
    assert "Another provision of law (Welf. & Inst. Code § 827)" in preview
    assert 'name="withheld-1-law" value="Welf. &amp; Inst. Code § 827"' in preview or (
        'name="withheld-1-law" value="Welf. & Inst. Code § 827"' in preview
    )


def test_a_spanish_letter_warns_of_text_typed_in_english_and_still_sends(
    signed_in: Callable[[str], FlaskClient], services: Services
) -> None:
    stored(services, language="es")
    client = signed_in("coordinator")
    form = text(client.get(step("clarification")))
    assert "This requester chose Spanish." in form
    english = {"question": "Which branch do you mean, and for what months?"}
    preview = text(post(client, step("clarification", "preview"), english))
    assert 'id="pra-english-warning"' in preview
    assert "<li>Question for the requester</li>" in preview
    spanish = {"question": "¿De qué sucursal habla, y de qué meses?"}
    assert "pra-english-warning" not in text(
        post(client, step("clarification", "preview"), spanish)
    )
    assert post(client, step("clarification", "send"), english).status_code == 303


def test_an_english_letter_never_warns_of_english(
    signed_in: Callable[[str], FlaskClient], services: Services
) -> None:
    stored(services)
    client = signed_in("coordinator")
    assert "This requester chose Spanish" not in text(client.get(step("clarification")))
    fields = {"question": "Which branch do you mean, and for what months?"}
    assert "pra-english-warning" not in text(post(client, step("clarification", "preview"), fields))


def test_a_withheld_item_typed_in_english_is_named_by_its_row(
    signed_in: Callable[[str], FlaskClient], services: Services
) -> None:
    stored(services, language="es")
    fields = {
        "withheld-1-what": "Borrador del presupuesto",
        "withheld-1-exemption": "drafts",
        "withheld-2-what": "The names of the patrons who borrowed it",
        "withheld-2-exemption": "drafts",
    }
    preview = text(post(signed_in("coordinator"), step("denied", "preview"), fields))
    assert "<li>Withholding 2</li>" in preview and "<li>Withholding 1</li>" not in preview
