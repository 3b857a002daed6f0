"""The written responses the law requires, in English and Spanish, text plus HTML.

Each letter names the person responsible for it (§ 7922.540; Policy 1002 § IV.A.2), cites
each ground from the exemption catalogue, and, after a denial, says how to appeal by when.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from email.message import EmailMessage
from typing import Any

from pra.domain.deadlines import ExtensionReason
from pra.domain.exemptions import Exemption
from pra.domain.fees import FeeEstimate, dollars
from pra.domain.responses import ResponsiblePerson
from pra.emails import render_email, template_environment
from pra.emails.words import long_date
from pra.letters.words import (
    APPEAL_MOVED,
    AVAILABLE,
    DELIVERY_WORDS,
    EXEMPTION_TITLES_ES,
    FEE_WORDS,
    LETTER_TEXT,
    PATRON_MAY_HAVE,
    SALUTATIONS,
    clock_time,
    reason_text,
)

KINDS = (
    "initial_response",
    "clarification",
    "extension",
    "released",
    "partly_released",
    "no_records",
    "denied",
    "withdrawn",
    "appeal_upheld",
    "appeal_overturned",
    "appeal_overturned_in_part",
    "delivered",
    "fee_estimate",
    "patron_referral",
)
APPEALABLE = {"partly_released", "denied"}
# Letters that promise records: they remind of fees still owed, and of what a parent may have.
RELEASES = {
    "initial_response",
    "released",
    "partly_released",
    "appeal_overturned",
    "appeal_overturned_in_part",
}
# The letters' own templates, on the emails' layout.
TEMPLATES = template_environment("pra.letters")


@dataclass(frozen=True)
class Withholding:
    """One redaction or withheld record and the exemption it rests on."""

    what: str
    exemption: Exemption
    law: str = ""  # for "another provision of law": the provision itself, as cited


@dataclass(frozen=True)
class LetterFacts:
    """What a letter says; fields a kind does not use stay empty."""

    kind: str
    tracking_number: str
    language: str
    received_date: date
    responsible: ResponsiblePerson
    requester_name: str | None = None
    available_on: date | None = None  # § 7922.535(a): when records will be available
    available_at: str = ""  # and at what time, e.g. "10:00"
    presumed_scope: str = ""
    question: str = ""
    reason: ExtensionReason | None = None
    new_due: date | None = None
    withheld: tuple[Withholding, ...] = field(default=())
    appeal_by: date | None = None
    explanation: str = ""
    # A delivery: how, what it holds, the files (label, link or "" in the kept copy), and
    # whether it completes the release (else available_on and available_at say when the rest).
    delivery_method: str = ""
    holds: str = ""
    files: tuple[tuple[str, str], ...] = field(default=())
    final: bool = True
    delivered_on: date | None = None
    links_expire: date | None = None
    # A question the requester has not answered yet: the letter says it answers the request
    # as understood, since the clock does not wait (§ 7922.535).
    question_asked_on: date | None = None
    others_responsible: tuple[str, ...] = field(default=())  # § 7922.540(b), beside the signer
    help_paragraph: str = ""  # § 7922.600: the Library's standing offer of help
    help: str = ""  # and the coordinator's own suggestions for this request
    delivery: str = "link"  # how records come: a DeliveryMethod value
    answer_by: date | None = None  # a question: the answer wanted by, and the date the
    due: date | None = None  # determination goes out anyway
    closed_by: str = "requester"  # a withdrawal: the requester's, or the Library's closing
    appeal_moved: bool = False  # the appeal's tenth day fell on a weekend or holiday
    appeal_url: str = ""  # the site's appeal page, in the letter's language
    office: str = ""  # the PRA office's mailbox, for appeals and questions
    after_appeal: bool = False  # the Director decided an appeal: final, no appeal offered
    fees: FeeEstimate | None = None  # a fee letter: the estimate, line by line
    fee_owed: int = 0  # cents still owed: a release letter asks for them before mailing
    patron_case: str = ""  # a PatronCase value: a parent learns what the policy lets them have


def render_letter(
    facts: LetterFacts, *, agency: str, sender: tuple[str, str], to: str, now: datetime
) -> EmailMessage:
    if facts.kind not in KINDS:
        raise ValueError(f"no letter of kind {facts.kind!r}")
    if facts.kind in APPEALABLE and facts.appeal_by is None and not facts.after_appeal:
        raise ValueError("a denial must say by when it may be appealed")
    if facts.kind == "delivered" and facts.delivery_method not in DELIVERY_WORDS[facts.language]:
        raise ValueError("a delivery must say how the records were delivered")
    lang = facts.language
    words = LETTER_TEXT[lang]
    values = _values(facts, agency, to, now.date())
    kind = _wording(facts)
    context: dict[str, Any] = {
        "now": now,
        "language": lang,
        "title": agency,
        "agency_name": agency,
        "tracking_number": facts.tracking_number,
        "dated": long_date(now.date(), lang),  # every letter carries its date at the top
        "responsible": facts.responsible,
        "t": _common_words(words["common"], values, facts.kind),
        "paragraphs": _paragraphs(words, facts, values),
        "withheld": [{"what": w.what, "ground": _ground(w, lang)} for w in facts.withheld],
        "appeal_by": facts.appeal_by if facts.kind in APPEALABLE else None,
        "subject": words["subjects"][kind].format(**values),
        "files": [{"label": label, "url": url} for label, url in facts.files],
        "others_responsible": facts.others_responsible,
        "help": [p for p in (facts.help_paragraph, facts.help) if p],
    }
    return render_email("letter", lang, context, sender=sender, to=to, templates=TEMPLATES)


def _values(facts: LetterFacts, agency: str, to: str, sent_on: date) -> dict[str, str]:
    lang = facts.language

    def when(day: date | None) -> str:
        return long_date(day, lang) if day else ""

    named, anonymous = SALUTATIONS[lang]
    name = facts.requester_name or ""
    return {
        "salutation": named.format(name=name) if name else anonymous,
        "name": name,
        "agency": agency,
        "tracking_number": facts.tracking_number,
        "received": when(facts.received_date),
        "available": when(facts.available_on),
        "at": clock_time(facts.available_at, lang),
        "scope": facts.presumed_scope,
        "question": facts.question,
        "reason": reason_text(facts.reason, lang, sent_on) if facts.reason else "",
        "new_due": when(facts.new_due),
        "appeal_by": when(facts.appeal_by),
        "explanation": facts.explanation,
        "contact": facts.responsible.email,
        "holds": facts.holds,
        "asked": when(facts.question_asked_on),
        "answer_by": when(facts.answer_by),
        "due": when(facts.due),
        "appeal_url": facts.appeal_url,
        "office": facts.office or facts.responsible.email,
        "appeal_moved": APPEAL_MOVED[lang][facts.appeal_moved],
        "available_sentence": AVAILABLE[lang][facts.delivery].format(
            available=when(facts.available_on),
            at=clock_time(facts.available_at, lang),
            agency=agency,
        )
        if facts.available_on
        else "",
        **_delivery_values(facts, when),
        **_fee_values(facts),
    }


def _fee_values(facts: LetterFacts) -> dict[str, str]:
    """The estimate's lines as the letter lists them, its total, and what is still owed."""
    words = FEE_WORDS[facts.language]
    values = {"costs": "", "total": "", "owed": dollars(facts.fee_owed), "if_not_email": ""}
    fees = facts.fees
    if fees is None:
        return values
    lines = [
        (fees.copies, words["pages"].format(pages=fees.pages, per_page=dollars(fees.per_page))),
        (fees.postage, words["postage"]),
        (fees.device, words["device"]),
        (fees.extraction, words["extraction"]),
    ]
    costs = [f"- {label}: {dollars(amount)}" for amount, label in lines if amount]
    if fees.extraction_note:
        costs[-1] += f" ({fees.extraction_note})"
    return {**values, "costs": "\n".join(costs), "total": dollars(fees.total)}


def _common_words(common: dict[str, str], values: dict[str, str], kind: str) -> dict[str, str]:
    """The letter's fixed words; a delivery and an extension are not signed as determinations."""
    words = {k: v.format(**values) for k, v in common.items()}
    if kind == "clarification":  # a question, not yet an answer to the request
        words["intro"], words["signed"] = words["intro_question"], words["signed_question"]
    if kind in {"appeal_upheld", "appeal_overturned", "appeal_overturned_in_part"}:
        words["intro"] = words["intro_appeal"]
    if kind == "delivered":
        words["signed"] = words["signed_delivery"]
    if kind == "fee_estimate":
        words["intro"] = words["intro_fee"]
    if kind in {"fee_estimate", "patron_referral"}:
        words["signed"] = words["signed_contact"]
    if kind == "extension":  # § 7922.535(b): the head of the agency or a designee
        words["signed"] = words["signed_extension"]
    return words


def _delivery_values(facts: LetterFacts, when: Callable[[date | None], str]) -> dict[str, str]:
    if facts.kind != "delivered":
        return {"how": "", "completion": ""}
    words = DELIVERY_WORDS[facts.language]
    dates = {
        "expires": when(facts.links_expire),
        "delivered": when(facts.delivered_on),
        "contact": facts.responsible.email,
        "available": when(facts.available_on),
        "at": clock_time(facts.available_at, facts.language),
    }
    return {
        "how": words[facts.delivery_method].format(**dates),
        "completion": words["final" if facts.final else "partial"].format(**dates),
    }


def _wording(facts: LetterFacts) -> str:
    """The words' key: a closing reads by who closed the request."""
    return "closed" if facts.kind == "withdrawn" and facts.closed_by == "library" else facts.kind


def _paragraphs(words: dict[str, Any], facts: LetterFacts, values: dict[str, str]) -> list[str]:
    paragraphs = [p.format(**values) for p in words[_wording(facts)] if _applies(p, facts)]
    common = words["common"]
    if facts.kind in RELEASES and facts.patron_case in PATRON_MAY_HAVE[facts.language]:
        paragraphs.append(PATRON_MAY_HAVE[facts.language][facts.patron_case])
    if facts.kind in RELEASES and facts.fee_owed:
        paragraphs.append(common["fee_owed"].format(**values))
    if facts.question_asked_on is not None:
        paragraphs.append(common["open_question"].format(**values))
    return paragraphs


def _applies(paragraph: str, facts: LetterFacts) -> bool:
    """Paragraphs that mention an optional fact appear only when it was given."""
    optional = {
        "{scope}": facts.presumed_scope,
        "{holds}": facts.holds,
        # Copies sent by email cost nothing: the fee letter does not offer them again.
        "{if_not_email}": facts.delivery != "link",
    }
    return all(value for marker, value in optional.items() if marker in paragraph)


def _ground(withholding: Withholding, language: str) -> str:
    exemption = withholding.exemption
    title = EXEMPTION_TITLES_ES[exemption.key] if language == "es" else exemption.title
    if withholding.law:
        title = f"{title} ({withholding.law})"
    citation = exemption.citation()
    if language == "es":
        citation = (
            citation.replace("Gov. Code", "Código de Gobierno")
            .replace("Evid. Code", "Código de Pruebas")
            .replace("formerly", "antes")
        )
    return f"{title}, {citation}"
