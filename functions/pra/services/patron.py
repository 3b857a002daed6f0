"""Requests for patron information (Policy 4005 §III.B–C).

Such records go to the person the policy allows alone: the library refuses to publish
anything of the request, whatever the entry point. The desk suggests the mark when the
description reads like one; staff record who is asking and what they checked, and a request
the policy does not allow is referred to the Branch Manager. The history keeps who did what.
"""

from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass

from pra.domain.patron import MAY_HAVE, Identity, PatronCase, check_patron_request
from pra.domain.request import HistoryEvent, PraRequest
from pra.ports import StaffAccount
from pra.services import Services
from pra.services.notices import staff_notice
from pra.services.respond import Prepared, send_prepared
from pra.services.side_letters import letter_facts, prepare_side_letter

log = logging.getLogger(__name__)
MARKED, UNMARKED = "marked_patron_records", "unmarked_patron_records"
CHECKED, REFERRED = "patron_check", "referred_to_branch_manager"
REFERRAL = "patron_referral"


def mark_patron_records(services: Services, number: str, marked: bool, actor: str) -> PraRequest:
    request = services.stored_request(number)
    if request.patron_records == marked:
        return request
    after = dataclasses.replace(request, patron_records=marked)
    event = HistoryEvent(services.clock.now(), actor, MARKED if marked else UNMARKED)
    services.store.save(after, request.status, event, [])
    return after


@dataclass(frozen=True)
class PatronAnswers:
    """What staff found of who is asking (the desk's or the command line's form)."""

    case: PatronCase
    identity: Identity
    card_digits: str = ""
    authorisation_seen: bool = False


def prepare_patron_check(
    services: Services, number: str, account: StaffAccount, answers: PatronAnswers
) -> Prepared | None:
    """Check the answers and, for a referral, write its letter (the preview); store nothing.
    None: the request qualifies, and there is no letter to preview."""
    return _referral(services, account, *_checked(services, number, account, answers))


def record_patron_check(
    services: Services, number: str, account: StaffAccount, answers: PatronAnswers
) -> PraRequest:
    """Keep the check and mark the request as patron records. A request the policy does not
    allow is referred to the Branch Manager (§ III.C.i): a letter to the requester explains
    the policy, and the Branch Manager is told."""
    request, after, event = _checked(services, number, account, answers)
    prepared = _referral(services, account, request, after, event)
    if prepared is None:
        services.store.save(after, request.status, event, [])
        return after
    notice = staff_notice(
        services.settings,
        after,
        event.at,
        to=services.settings.branch_manager_email,
        subject=f"Patron information request {number} referred to you",
        message="Library Policy 4005 does not allow what this request asks for, so it is "
        "referred to you (§ III.C.i). Please explain the policy to the requester. If a "
        "document they present needs legal review, tell the Library Director.",
        facts=[("Referred by", f"{account.name}, {account.title}")],
    )
    log.info("patron information request %s referred to the Branch Manager", number)
    return send_prepared(services, prepared, [notice])


def _referral(
    services: Services,
    account: StaffAccount,
    request: PraRequest,
    after: PraRequest,
    event: HistoryEvent,
) -> Prepared | None:
    """The referral letter, when the check found the request is not one the policy allows."""
    if event.action != REFERRED:
        return None
    facts = letter_facts(services, after, account, REFERRAL)
    return prepare_side_letter(services, request, after, facts, event)


def _checked(
    services: Services, number: str, account: StaffAccount, answers: PatronAnswers
) -> tuple[PraRequest, PraRequest, HistoryEvent]:
    request = services.stored_request(number)
    now = services.clock.now()
    check = check_patron_request(
        answers.case,
        answers.identity,
        answers.card_digits,
        answers.authorisation_seen,
        checked_at=now,
        checked_by=account.email,
    )
    after = dataclasses.replace(request, patron_check=check, patron_records=True)
    action = REFERRED if check.referred else CHECKED
    # The history says which case and what was checked; the card's digits stay in the check.
    note = f"{MAY_HAVE[check.case]}; identity checked: {check.identity.value.replace('_', ' ')}"
    return request, after, HistoryEvent(now, account.email, action, note)
