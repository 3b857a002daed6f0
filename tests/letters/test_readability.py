"""Every letter and requester email reads at grade 8 or below in English (Flesch-Kincaid)
and at 65 or above in Spanish (Fernández Huerta), measured on the prose a requester reads:
the greeting to the last paragraph, without the date, the signature block and addresses."""

from __future__ import annotations

import re
from datetime import date, datetime

import pytest
import textstat

from pra.agency import shipped_agency
from pra.emails import render_email
from pra.letters.builder import KINDS
from tests.conftest import PACIFIC, text_body
from tests.letters.test_letters import facts, render

SIGNATURES = re.compile(
    r"\n(?:Person responsible|Persona responsable|Sent for|Enviado en nombre|"
    r"Person to contact|Persona de contacto|Questions:|Preguntas:)"
)
TYPED = {  # what staff type, in the letter's language (Spanish letters carry Spanish text)
    "en": {"explanation": "The drafts were never final.", "scope": "Minutes only"},
    "es": {"explanation": "Los borradores nunca fueron finales.", "scope": "Solo las actas"},
}


def prose(text: str) -> str:
    text = re.sub(r"https?://\S+", "", text)
    text = SIGNATURES.split(text)[0]
    lines = [line for line in text.splitlines() if line.strip()]
    return "\n".join(lines)


def grade(text: str, language: str) -> float:
    textstat.set_lang(language)
    if language == "en":
        return float(textstat.flesch_kincaid_grade(text))
    return float(textstat.fernandez_huerta(text))


def readable(score: float, language: str) -> bool:
    return score <= 8 if language == "en" else score >= 65


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("kind", KINDS)
def test_every_letter_is_plain(kind: str, language: str) -> None:
    typed = TYPED[language]
    letter = render(
        facts(
            kind,
            language,
            explanation=typed["explanation"],
            presumed_scope=typed["scope"],
            holds=typed["scope"],
            answer_by=date(2026, 11, 27),
            due=date(2026, 11, 30),
        )
    )
    text = prose(text_body(letter)).split("\n", 1)[1]  # not the date line
    score = grade(text, language)
    assert readable(score, language), f"{kind} ({language}) scores {score}:\n{text}"


def requester_email(kind: str, language: str) -> str:
    """The requester's email of `kind` as rendered, in plain text."""
    context = {
        "now": datetime(2026, 11, 16, 10, tzinfo=PACIFIC),
        "language": language,
        "title": "Sonoma County Library",
        "agency_name": "Sonoma County Library",
        "coordinator_email": "pra@library.example",
        "agency": shipped_agency().public_values(),
        "tracking_number": "PRA-2026-00042",
        "name": "Jane Requester",
        "description": TYPED[language]["scope"],
        "date_range": None,
        "format_label": "electronic copy",
        "delivery_label": "by email",
        "language_label": "English",
        "received_at": "2026-11-16 10:00 PST",
        "received_date": "Monday, November 16, 2026",
        "initial_response_due": "Monday, November 30, 2026",
        "extended_due": "Thursday, December 10, 2026",
        "access_code": "K7QX-M2PA-4RZT-6BWE",
        "status_url": "https://records.library.example/status/",
        "printed": False,
        "received": "Monday, November 16, 2026",
        "decision_due": "Monday, November 30, 2026",
        "window_closed": "Monday, November 30, 2026",
        "late": True,
        "withdrawn_on": "Monday, November 16, 2026",
    }
    email = render_email(kind, language, context, sender=("Library", "pra@x.example"), to="j@x.org")
    return text_body(email)


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("kind", ["acknowledgement", "appeal_received", "withdrawal_confirmed"])
def test_the_requesters_emails_are_plain(kind: str, language: str) -> None:
    text = prose(requester_email(kind, language))
    score = grade(text, language)
    assert readable(score, language), f"{kind} ({language}) scores {score}:\n{text}"
