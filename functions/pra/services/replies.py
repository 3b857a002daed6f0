"""What requesters send back: an answer to a clarification question, and an appeal.

Both arrive through the status page with the access code, or by email or letter that the
coordinator logs. Neither is ever refused for lateness: an appeal after its window is
recorded and marked late, and the Director decides whether to hear it.
"""

from __future__ import annotations

import dataclasses
import logging

from pra.domain.lifecycle import Action, IllegalTransition, Status, next_status
from pra.domain.request import Appeal, HistoryEvent, PraRequest
from pra.domain.responses import appeal_decision_due, appeal_is_late, appeal_window_closes
from pra.domain.text import has_hidden_characters
from pra.emails.words import long_date
from pra.services import Services
from pra.services.notices import appeal_confirmation, staff_notice, withdrawal_confirmation
from pra.services.outbox import deliver

log = logging.getLogger(__name__)

REPLY_MAX = 10_000
REQUESTER = "requester"


class ReplyRefused(ValueError):
    """The reply cannot be taken as sent: `code` says which rule, the message in plain words.

    Codes: `empty` and `too_long`, about the requester's text. A request in a state that
    takes no such reply is the lifecycle's IllegalTransition.
    """

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def receive_clarification(
    services: Services, request: PraRequest, answer: str, *, actor: str = REQUESTER
) -> PraRequest:
    """The requester's answer, kept with the request, and the coordinator told.

    Before the determination the request is back with the coordinator. After it (the clock
    did not wait) the answer is still taken, and the coordinator is told it came late.
    """
    answer = _text(answer, "the answer")
    if not request.awaiting_answer:
        raise IllegalTransition(request.status, Action.RECEIVE_CLARIFICATION)
    now = services.clock.now()
    before_decision = request.status is Status.AWAITING_REQUESTER
    status = next_status(request.status, Action.RECEIVE_CLARIFICATION) if before_decision else None
    question = request.question and dataclasses.replace(request.question, answered_at=now)
    after = dataclasses.replace(request, status=status or request.status, question=question)
    # The answer is part of the request, so it is kept like the description: staff only.
    event = HistoryEvent(now, actor, "clarification_received", answer, public=False)
    message = "The requester answered your question. The answer is on the request page."
    if not before_decision:
        message = (
            "The requester answered your question after the request was answered on the "
            "scope as understood. Read the answer on the request page: if it changes what "
            "is asked for, tell the requester what it means for the request."
        )
    notice = staff_notice(
        services.settings,
        request,
        now,
        to=services.settings.coordinator_email,
        subject=f"Clarification received for {request.tracking_number}",
        message=message,
        facts=[("Logged by", "the requester, on the status page" if actor == REQUESTER else actor)],
    )
    services.store.save(after, request.status, event, [notice])
    log.info("clarification received for %s", request.tracking_number)
    deliver(services, [notice])
    return after


def submit_appeal(
    services: Services, request: PraRequest, reasons: str, *, actor: str = REQUESTER
) -> PraRequest:
    """Record the appeal, with its lateness if any, and tell the Director."""
    reasons = _text(reasons, "the reasons for the appeal")
    if not request.may_appeal:
        raise IllegalTransition(request.status, Action.APPEAL)
    status = next_status(request.status, Action.APPEAL)
    now = services.clock.now()
    today = services.today()
    # The window runs from the determination letter's dispatch (Policy 1002 § III.D).
    sent = request.determined_on or request.deadlines.received_date
    appeal = Appeal(
        received_at=now,
        reasons=reasons,
        window_closed=appeal_window_closes(sent, services.calendar),
        late=appeal_is_late(today, sent, services.calendar),
        decision_due=appeal_decision_due(today, services.calendar),
    )
    after = dataclasses.replace(request, status=status, appeal=appeal)
    late = f"late: the window closed {appeal.window_closed.isoformat()}" if appeal.late else ""
    event = HistoryEvent(now, actor, "appealed", late, public=True)
    notice = staff_notice(
        services.settings,
        request,
        now,
        to=services.settings.director_email,
        subject=f"Appeal received for {request.tracking_number}"
        + (" (after the appeal window)" if appeal.late else ""),
        message="A requester appealed a denial. The Director (or designee) decides it in "
        "writing, with reasons.",
        facts=[
            ("Appeal received", long_date(today, "en")),
            # The window may still be open on the day the appeal comes: say it as it is.
            (
                "Appeal window",
                f"{'closed' if appeal.window_closed < today else 'closes'} "
                f"{long_date(appeal.window_closed, 'en')}",
            ),
            ("Late", "yes: the Director decides whether to hear it" if appeal.late else "no"),
            ("Decision due", long_date(appeal.decision_due, "en")),
        ],
    )
    told = staff_notice(
        services.settings,
        request,
        now,
        to=services.settings.coordinator_email,
        subject=f"Appeal received for {request.tracking_number}",
        message="The requester appealed. The Director decides it; you are told of the decision.",
        facts=[("Decision due", long_date(appeal.decision_due, "en"))],
    )
    emails = [notice, told, *appeal_confirmation(request, appeal, services.settings, now)]
    services.store.save(after, request.status, event, emails)
    log.info("appeal received for %s%s", request.tracking_number, " (late)" if appeal.late else "")
    deliver(services, emails)
    return after


def withdraw(
    services: Services, request: PraRequest, reason: str = "", *, actor: str = REQUESTER
) -> PraRequest:
    """The requester withdraws the request: it closes, nothing more is owed, the coordinator
    is told and the requester gets a confirmation. Staff record a withdrawal by letter."""
    reason = (reason or "").strip()
    if len(reason) > REPLY_MAX:
        raise ReplyRefused("too_long", f"shorten the reason to {REPLY_MAX:,} characters or fewer")
    if has_hidden_characters(reason, lines=True):
        raise ReplyRefused("hidden_characters", "remove the control characters from the reason")
    status = next_status(request.status, Action.WITHDRAW)
    now = services.clock.now()
    after = dataclasses.replace(request, status=status, release=None)
    # Their reason, if they gave one, is theirs: kept for staff, never shown in public.
    event = HistoryEvent(now, actor, "withdrawn_by_requester", reason, public=False)
    told = staff_notice(
        services.settings,
        request,
        now,
        to=services.settings.coordinator_email,
        subject=f"Request {request.tracking_number} withdrawn by the requester",
        message="The requester withdrew the request on the status page. It is closed; "
        "nothing more is owed.",
        facts=[("Withdrawn", long_date(services.today(), "en"))],
    )
    emails = [told, *withdrawal_confirmation(request, services.settings, now)]
    services.store.save(after, request.status, event, emails)
    log.info("request %s withdrawn by the requester", request.tracking_number)
    deliver(services, emails)
    return after


def _text(value: str, what: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ReplyRefused("empty", f"write {what}")
    if len(value) > REPLY_MAX:
        raise ReplyRefused("too_long", f"shorten {what} to {REPLY_MAX:,} characters or fewer")
    if has_hidden_characters(value, lines=True):
        raise ReplyRefused("hidden_characters", f"remove the control characters from {what}")
    return value
