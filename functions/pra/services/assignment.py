"""Who handles a request: assigning it to a staff member (or to no one) from the desk.

The request keeps the assignee's email; the history keeps who assigned whom, and when. The
person assigned is emailed, as the other staff notices are: the tracking number and a link to
the desk only, never the requester's name, contacts or words (the email leaves the portal;
the desk, behind sign-in, has the rest).
"""

from __future__ import annotations

import dataclasses
import logging

from pra.domain.request import HistoryEvent, PraRequest
from pra.logs import log_tag
from pra.ports import QueuedEmail, StaffAccount
from pra.services import Services
from pra.services.notices import staff_notice
from pra.services.outbox import deliver

log = logging.getLogger(__name__)
ASSIGNED, UNASSIGNED = "assigned", "unassigned"


class AssignmentRefused(ValueError):
    """Not someone the request may be assigned to; nothing was stored."""


def assignable_staff(services: Services) -> list[StaffAccount]:
    """The accounts a request may be assigned to: every active one, by name."""
    active = [account for account in services.staff.all_staff() if account.active]
    return sorted(active, key=lambda account: (account.name.casefold(), account.email))


def assign(
    services: Services, number: str, assignee: str | None, actor: StaffAccount
) -> PraRequest:
    """Assign the request to the active staff account `assignee` (None: to no one).

    The event is "assigned" with the assignee's email as its note, or "unassigned" with the
    one it had; the same assignee again changes nothing. StaleRequest if the request moved
    meanwhile; KeyError if there is none."""
    request = services.stored_request(number)
    if assignee is not None:
        account = services.staff.staff(assignee.strip().lower())
        if account is None or not account.active:
            raise AssignmentRefused("Choose an active staff account, or Unassigned.")
        assignee = account.email
    if request.assignee == assignee:
        return request
    now = services.clock.now()
    after = dataclasses.replace(request, assignee=assignee)
    if assignee is None:
        event = HistoryEvent(now, actor.email, UNASSIGNED, request.assignee or "")
    else:
        event = HistoryEvent(now, actor.email, ASSIGNED, assignee)
    emails = [] if assignee in {None, actor.email} else [_notice(services, after, actor)]
    services.store.save(after, request.status, event, emails)
    deliver(services, emails)
    # The request's number and digests only: log lines never carry an address.
    log.info(
        "request %s %s to %s by %s",
        number,
        event.action,
        log_tag(assignee) if assignee else "no one",
        log_tag(actor.email),
    )
    return after


def _notice(services: Services, request: PraRequest, actor: StaffAccount) -> QueuedEmail:
    """The assignee's email: who assigned it, and when it is due; nothing the requester wrote."""
    number, due = request.tracking_number, request.next_due
    facts = [("Assigned by", f"{actor.name}, {actor.title}")]
    if due is not None:
        facts.append(("Next due", f"{due:%A, %B} {due.day}, {due.year}"))
    assert request.assignee is not None
    return staff_notice(
        services.settings,
        request,
        services.clock.now(),
        to=request.assignee,
        subject=f"Public records request {number} assigned to you",
        message=f"{actor.name} assigned public records request {number} to you. "
        "Open it on the desk to see what was asked and what is due.",
        facts=facts,
    )
