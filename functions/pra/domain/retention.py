"""Erasing a closed request's contacts once the agency's records-retention schedule says so.

The request stays: what was asked, the letters, the history and the released records are the
agency's records. What goes is how to reach the person: name, email, phone and postal
address, wherever the request kept them (its form, and the letters' salutations and
envelope windows), which then read "Requester".
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from pra.domain.request import PraRequest, SentLetter

PLACEHOLDER = {"en": "Requester", "es": "Solicitante"}
CONTACT_FIELDS = ("name", "email", "phone", "mailing_address")


def erased_fields(request: PraRequest) -> list[str]:
    """Which contact fields the request still holds, in the form's order."""
    return [name for name in CONTACT_FIELDS if getattr(request.submission, name)]


def without_contacts(request: PraRequest, today: date) -> PraRequest:
    """The request as kept after erasure: no name or contacts anywhere in it."""
    submission = request.submission.model_copy(update=dict.fromkeys(CONTACT_FIELDS))
    contacts = _contact_texts(request)
    letters = tuple(_anonymous(letter, contacts) for letter in request.letters)
    return replace(request, submission=submission, letters=letters, contacts_erased_on=today)


def _contact_texts(request: PraRequest) -> list[str]:
    """Every piece of contact text a letter might quote, longest first (so a whole address
    goes before one of its lines)."""
    submission = request.submission
    texts = [submission.name, submission.email, submission.phone]
    if submission.mailing_address:
        texts.append(submission.mailing_address)
        texts += [line.strip() for line in submission.mailing_address.splitlines()]
    return sorted({text for text in texts if text}, key=len, reverse=True)


def _anonymous(letter: SentLetter, contacts: list[str]) -> SentLetter:
    placeholder = PLACEHOLDER.get(letter.language, PLACEHOLDER["en"])
    text, subject = letter.text, letter.subject
    for contact in contacts:
        text, subject = text.replace(contact, placeholder), subject.replace(contact, placeholder)
    address = (placeholder,) if letter.address else ()
    return replace(letter, text=text, subject=subject, address=address)
