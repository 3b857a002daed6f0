"""Every written response renders in both languages with the content the law requires."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from pra.domain.deadlines import ExtensionReason
from pra.domain.exemptions import exemption
from pra.domain.fees import FeeEstimate
from pra.domain.responses import ResponsiblePerson
from pra.letters.builder import KINDS, LetterFacts, Withholding, render_letter
from tests.conftest import PACIFIC, html_body, text_body

COORDINATOR = ResponsiblePerson(
    name="Ana Núñez", title="PRA Coordinator", email="pra@library.example", phone="707-555-0100"
)
NOW = datetime(2026, 11, 25, 9, 0, tzinfo=PACIFIC)
WITHHELD = (
    Withholding("Home addresses of two employees", exemption("employee_personal")),
    Withholding("Draft budget memo", exemption("drafts")),
)


def facts(kind: str, language: str = "en", **changes) -> LetterFacts:
    base = {
        "kind": kind,
        "tracking_number": "PRA-2026-00042",
        "language": language,
        "received_date": date(2026, 11, 16),
        "responsible": COORDINATOR,
        "requester_name": "Jane <Requester>",
        "available_on": date(2026, 12, 4),
        "available_at": "10:00",
        "question": "Which branch do you mean?",
        "reason": ExtensionReason.VOLUMINOUS,
        "new_due": date(2026, 12, 10),
        "withheld": WITHHELD if kind in {"partly_released", "denied"} else (),
        "appeal_by": date(2026, 12, 7) if kind in {"partly_released", "denied"} else None,
        "delivery_method": "link" if kind == "delivered" else "",
        "links_expire": date(2026, 12, 25),
        "delivered_on": date(2026, 11, 25),
        "fees": FEES if kind == "fee_estimate" else None,
        "delivery": "mail" if kind == "fee_estimate" else "link",
    }
    return LetterFacts(**{**base, **changes})


FEES = FeeEstimate(date(2026, 11, 25), 120, 10, 350, 500, 2500, "A report of 2025 loans")


def render(letter_facts: LetterFacts):
    return render_letter(
        letter_facts,
        agency="Sonoma County Library",
        sender=("Sonoma County Library", "pra@library.example"),
        to="jane@example.org",
        now=NOW,
    )


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("kind", KINDS)
def test_every_letter_names_the_responsible_person(kind: str, language: str) -> None:
    message = render(facts(kind, language))
    for body in (text_body(message), html_body(message)):
        assert "Ana Núñez" in body
        assert "PRA Coordinator" in body
        assert "pra@library.example" in body
        assert "PRA-2026-00042" in body
        # Nothing tells requesters they must appeal before going to court (DESIGN.md): a
        # letter that mentions a court says the appeal is optional, or the decision final.
        flat = " ".join(body.split()).lower()
        if "court" in flat or "tribunal" in flat:
            assert any(
                words in flat
                for words in (
                    "go to court without it",
                    "acudir a los tribunales sin apelar",
                    "ask a court to review it",
                    "pedir a un tribunal que la revise",
                )
            ), flat
    assert message["Content-Language"] == language
    assert f'<html lang="{language}">' in html_body(message)


@pytest.mark.parametrize(
    ("language", "grounds", "appeal"),
    [
        (
            "en",
            [
                "Home addresses of two employees: Employee personal information, "
                "Gov. Code § 7928.300 [formerly Gov. Code § 6254.3]",
                "Draft budget memo: Drafts and memoranda, "
                "Gov. Code § 7927.500 [formerly Gov. Code § 6254(a)]",
            ],
            "ask the Library Director to review it by Monday, December 7, 2026 (10 calendar "
            "days from the date of this letter). Appealing is free and you do not have to",
        ),
        (
            "es",
            [
                "Home addresses of two employees: Información personal de empleados, "
                "Código de Gobierno § 7928.300 [antes Código de Gobierno § 6254.3]",
                "Draft budget memo: Borradores y memorandos, "
                "Código de Gobierno § 7927.500 [antes Código de Gobierno § 6254(a)]",
            ],
            "pedir a la Dirección de la Biblioteca que la revise a más tardar el lunes, 7 de "
            "diciembre de 2026 (10 días naturales a partir de la fecha de esta carta). Apelar es "
            "gratis y no es obligatorio",
        ),
    ],
)
@pytest.mark.parametrize("kind", ["partly_released", "denied"])
def test_a_denial_cites_each_ground_and_the_appeal_date(
    kind: str, language: str, grounds: list[str], appeal: str
) -> None:
    text = " ".join(text_body(render(facts(kind, language))).split())
    for ground in grounds:
        assert ground in text
    assert appeal in text


def test_a_denial_without_an_appeal_date_is_refused() -> None:
    with pytest.raises(ValueError, match="by when it may be appealed"):
        render(facts("denied", appeal_by=None))


@pytest.mark.parametrize("kind", ["released", "partly_released", "initial_response"])
def test_a_letter_about_records_says_when_they_will_be_available(kind: str) -> None:
    text = " ".join(text_body(render(facts(kind))).split())
    assert (
        "We will email you the records, or links to them, from 10:00 a.m. on Friday, "
        "December 4, 2026." in text
    )
    assert "a.m.." not in text


def test_the_extension_gives_the_reason_and_the_new_date() -> None:
    text = " ".join(text_body(render(facts("extension", "es"))).split())
    assert "gran cantidad de registros distintos" in text
    assert "(Código de Gobierno § 7922.535(c))" in text
    assert "a más tardar el jueves, 10 de diciembre de 2026" in text


def test_the_presumed_scope_appears_only_when_given() -> None:
    without = text_body(render(facts("initial_response")))
    with_scope = text_body(render(facts("initial_response", presumed_scope="2026 minutes only")))
    assert "We understood your request as" not in without
    assert "We understood your request as: 2026 minutes only." in " ".join(with_scope.split())


def test_what_people_typed_is_escaped_in_html() -> None:
    message = render(facts("clarification", question="<b>which</b> branch?"))
    assert "&lt;b&gt;which&lt;/b&gt; branch?" in html_body(message)
    assert "Dear Jane &lt;Requester&gt;," in html_body(message)


def test_subjects_are_in_the_letters_language() -> None:
    assert render(facts("no_records", "es"))["Subject"] == (
        "Su solicitud de registros públicos PRA-2026-00042: no se encontraron registros"
    )
    assert render(facts("released"))["Subject"] == (
        "Your public records request PRA-2026-00042: records released"
    )


@pytest.mark.parametrize(
    ("language", "how", "files"),
    [
        (
            "en",
            "Download them with the links below until Friday, December 25, 2026.",
            "Your records",
        ),
        (
            "es",
            "Descárguelos con los enlaces de abajo hasta el viernes, 25 de diciembre de 2026.",
            "Sus registros",
        ),
    ],
)
def test_a_delivery_by_link_lists_each_file_with_its_link(
    language: str, how: str, files: str
) -> None:
    link = "https://records.library.example/api/files/TOKEN"
    message = render(
        facts(
            "delivered",
            language,
            files=(("Board minutes, 2025 (minutes.pdf, 120 KB)", link),),
            holds="the 2025 minutes",
        )
    )
    text, html = text_body(message), html_body(message)
    assert how in text and files in text
    assert f"- Board minutes, 2025 (minutes.pdf, 120 KB)\n  {link}" in text
    assert f'<a href="{link}">Board minutes, 2025 (minutes.pdf, 120 KB)</a>' in html
    assert ("the 2025 minutes" in text) and ("completes" in text or "completamos" in text)
    # Signed for as a delivery, not as a determination.
    assert ("responsible for this delivery" in text) or ("responsable de esta entrega" in text)


def test_an_instalment_says_when_the_rest_comes_and_a_mailing_when_it_went() -> None:
    text = text_body(render(facts("delivered", delivery_method="mail", final=False, holds="")))
    assert "We mailed your records on Wednesday, November 25, 2026" in text
    assert "We will deliver the rest from 10:00 a.m. on Friday, December 4, 2026." in text
    assert "This delivery holds" not in text


def test_a_delivery_must_say_how() -> None:
    with pytest.raises(ValueError, match="a delivery must say how"):
        render(facts("delivered", delivery_method=""))


@pytest.mark.parametrize(
    ("sent", "says"),
    [
        # SB 1034's words, in force through 2025.
        (datetime(2025, 12, 30, 9, tzinfo=PACIFIC), "in our area has caused staffing shortages"),
        # AB 370's, from 2026: the emergency must directly affect the agency.
        (datetime(2026, 1, 2, 9, tzinfo=PACIFIC), "directly affects the Library"),
    ],
)
def test_the_reason_reads_as_the_law_read_on_the_day_the_notice_is_sent(
    sent: datetime, says: str
) -> None:
    message = render_letter(
        facts("extension", reason=ExtensionReason.EMERGENCY, received_date=date(2025, 12, 24)),
        agency="Sonoma County Library",
        sender=("Sonoma County Library", "pra@library.example"),
        to="jane@example.org",
        now=sent,
    )
    assert says in " ".join(text_body(message).split())


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_extension_is_sent_for_the_head_of_the_library(language: str) -> None:
    text = " ".join(text_body(render(facts("extension", language))).split())
    head = {"en": "Sent for the head of the Library, the Library Director", "es": "Dirección de"}
    assert head[language] in text and "§ 7922.535(b)" in text


@pytest.mark.parametrize(
    ("given", "shown"), [("09:30", "9:30 a.m."), ("12:00", "12:00 p.m."), ("14:05", "2:05 p.m.")]
)
def test_english_letters_give_times_on_the_12_hour_clock(given: str, shown: str) -> None:
    text = " ".join(text_body(render(facts("released", available_at=given))).split())
    assert f"from {shown} on " in text and f"{shown}." not in text
    spanish = " ".join(text_body(render(facts("released", "es", available_at=given))).split())
    assert f"a partir de las {given}." in spanish


@pytest.mark.parametrize(
    ("language", "also", "help_heading"),
    [
        ("en", "Also responsible for this decision:", "How we can help"),
        ("es", "También son responsables de esta decisión:", "Cómo podemos ayudarle"),
    ],
)
def test_a_denial_names_the_others_responsible_and_offers_help_in_both_languages(
    language: str, also: str, help_heading: str
) -> None:
    message = render(
        facts(
            "denied",
            language,
            others_responsible=("Alex Kim, Deputy County Counsel",),
            help_paragraph="HELP",
            help="SUGGESTION",
        )
    )
    for body in (text_body(message), html_body(message)):
        assert also in body and "Alex Kim, Deputy County Counsel" in body
        assert help_heading in body and "HELP" in body and "SUGGESTION" in body


@pytest.mark.parametrize(
    ("delivery", "sentence"),
    [
        ("mail", "We will mail the records to you on Friday, December 4, 2026."),
        (
            "pickup",
            "You can pick up the records at Sonoma County Library from 10:00 a.m. on "
            "Friday, December 4, 2026.",
        ),
        (
            "inspection",
            "You can inspect the records at Sonoma County Library from 10:00 a.m. on "
            "Friday, December 4, 2026.",
        ),
    ],
)
def test_the_letter_says_where_and_how_the_records_come(delivery: str, sentence: str) -> None:
    text = " ".join(text_body(render(facts("released", delivery=delivery))).split())
    assert sentence in text


def test_a_question_says_by_when_and_what_happens_without_an_answer() -> None:
    question = facts("clarification", answer_by=date(2026, 11, 27), due=date(2026, 11, 30))
    text = " ".join(text_body(render(question)).split())
    assert "We are working on your public records request PRA-2026-00042" in text
    assert "This letter answers" not in text
    assert "Please answer by Friday, November 27, 2026" in text
    assert "we will answer your request as we understand it now, by Monday, November 30" in text
    assert "Person to contact about this question:" in text


@pytest.mark.parametrize(
    ("closed_by", "subject", "says"),
    [
        ("requester", "withdrawn", "As you asked, we have closed your request as withdrawn."),
        ("library", "closed", "If you still want these records, you may make a new request"),
    ],
)
def test_a_closing_reads_by_who_closed_the_request(closed_by: str, subject: str, says: str) -> None:
    message = render(facts("withdrawn", closed_by=closed_by))
    assert str(message["Subject"]).endswith(f": {subject}")
    text = " ".join(text_body(message).split())
    assert says in text and ("withdrawn" in text) == (closed_by == "requester")


def test_an_appeal_date_moved_past_a_weekend_says_so() -> None:
    moved = facts("denied", appeal_moved=True, appeal_url="https://records.example/appeal/")
    text = " ".join(text_body(render(moved)).split())
    assert "falls on a weekend or holiday, so the next business day" in text
    assert "use the appeal page at https://records.example/appeal/" in text


def test_an_upheld_appeal_is_final_and_says_what_remains() -> None:
    text = " ".join(text_body(render(facts("appeal_upheld", explanation="Drafts."))).split())
    assert "This letter answers your appeal on public records request PRA-2026-00042." in text
    assert "This decision is final" in text and "ask a court to review it" in text
