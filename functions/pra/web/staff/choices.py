"""What the action pages say: their names, the choices they offer, and which are open now."""

from __future__ import annotations

from datetime import date

from pra.domain.deadlines import ExtensionReason
from pra.domain.exemptions import CATALOGUE, Disclosure
from pra.domain.lifecycle import TRANSITIONS, Action
from pra.domain.request import PraRequest
from pra.letters.words import reason_text
from pra.ports import StaffAccount
from pra.services.respond import APPEAL_DECISIONS, actions_allowed
from pra.staff.roles import Permission, may

LABELS = {
    "initial_response": "Send the initial response",
    "clarification": "Ask the requester a question",
    "extension": "Extend the response date",
    "released": "Release the records in full",
    "partly_released": "Release the records in part",
    "no_records": "Report that there are no responsive records",
    "denied": "Deny the request",
    "withdrawn": "Close the request as withdrawn",
    "appeal_decision": "Decide the appeal",
    "log_clarification": "Log an answer that came by email or post",
    "log_appeal": "Log an appeal that came by email or post",
}
REPLIES = ("log_clarification", "log_appeal")
REASON_LABELS = {
    "field_facilities": "Records are at field facilities or other separate places",
    "voluminous": "A large number of separate records to find and examine",
    "consultation": "Consultation with another agency or other parts of the Library",
    "data_extraction": "Data to compile, or programming to extract it",
    "emergency": "A state of emergency proclaimed by the Governor",
    "cyberattack": "A cyberattack",
}


def offered_forms(request: PraRequest, account: StaffAccount, today: date) -> list[str]:
    """The action forms this account may use on the request now, in lifecycle order."""
    kinds = actions_allowed(request, account, today)
    forms = [k for k in kinds if k in LABELS]
    if any(kind in APPEAL_DECISIONS for kind in kinds):
        forms.append("appeal_decision")
    if may(account.role, Permission.ACT_ON_REQUESTS):
        takes = TRANSITIONS[request.status]
        if request.awaiting_answer:  # before the determination or after it
            forms.append("log_clarification")
        if Action.APPEAL in takes and request.may_appeal:
            forms.append("log_appeal")
    return forms


def reason_choices(today: date) -> list[tuple[str, str, str]]:
    """(key, label, what the letter says) for each reason that is law today, when it is sent."""
    return [
        (
            reason.key,
            REASON_LABELS[reason.key],
            f"The letter says: “… because {reason_text(reason, 'en', today)}.”",
        )
        for reason in ExtensionReason.available_on(today)
    ]


def responsible_choices(
    accounts: list[StaffAccount], signer: StaffAccount, language: str
) -> list[tuple[str, str, str]]:
    """Colleagues who may share a denial (§ 7922.540(b)), as the letter in the request's
    language names them."""
    return [
        (f"{a.name}, {a.title_in(language)}", f"{a.name}, {a.title_in(language)}", "")
        for a in sorted(accounts, key=lambda a: a.name)
        if a.email != signer.email and may(a.role, Permission.ACT_ON_REQUESTS)
    ]


def exemption_choices() -> list[tuple[str, str]]:
    """(key, label) for the exemption list, with what counsel must confirm or never release."""
    choices = []
    for exemption in CATALOGUE:
        label = f"{exemption.title} ({exemption.current_citation})"
        if exemption.disclosure is Disclosure.MUST_NOT_DISCLOSE:
            label += ": must not be disclosed"
        if not exemption.verified:
            label += ": citation to confirm with counsel"
        choices.append((exemption.key, label))
    return choices


def extension_reason_label(key: str) -> str:
    return REASON_LABELS.get(key, key)


def refusal_field(form: str, message: str) -> str:
    """The field a service refusal points at, or "" when it is about the request as a whole."""
    if form == "extension" and "sent by" not in message:
        return "reason" if "reason" in message else "new_due"
    if form in ("denied", "partly_released") and (
        "withholding" in message or "catalogue" in message
    ):
        return "withheld-1-what"
    return ""


def sentence(message: str) -> str:
    """A service's message as a sentence for the page."""
    message = message.strip()
    return message[:1].upper() + message[1:] + ("" if message.endswith(".") else ".")
