"""Letters that move no status: a fee estimate, a referral of patron information.

They are written, kept and sent as a response's letters are (respond.write_letter and
respond.send_prepared): the copy kept is the copy sent, a requester without email gets it by
post through the coordinator, and the history records who sent it.
"""

from __future__ import annotations

from pra.domain.request import HistoryEvent, PraRequest
from pra.letters.builder import LetterFacts
from pra.ports import StaffAccount
from pra.services import Services
from pra.services.respond import Prepared, responsible_person, write_letter


def letter_facts(
    services: Services, request: PraRequest, account: StaffAccount, kind: str
) -> LetterFacts:
    """What every such letter says: the request, its signer, the office to write to."""
    language = request.submission.language.value
    return LetterFacts(
        kind=kind,
        tracking_number=request.tracking_number,
        language=language,
        received_date=request.deadlines.received_date,
        responsible=responsible_person(account, language),
        requester_name=request.submission.name,
        office=services.settings.agency.email,
        delivery=request.usual_delivery().value,
    )


def prepare_side_letter(
    services: Services,
    before: PraRequest,
    after: PraRequest,
    facts: LetterFacts,
    event: HistoryEvent,
) -> Prepared:
    message, letter = write_letter(services, after, facts, event.at)
    return Prepared(before, after, letter, message, event)
