"""Rules for the written responses: who signs them, when an extension may be sent, appeals."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from pra.domain.calendar import BusinessCalendar
from pra.domain.deadlines import Deadlines, ExtensionReason

APPEAL_WINDOW_DAYS = 10  # Policy 1002 § III.D: local policy, not the statute
APPEAL_DECISION_DAYS = 10  # the Director's answer: a service standard of the same section


class ResponseRefused(ValueError):
    """The response cannot be sent as asked; the message says why in plain words."""


@dataclass(frozen=True)
class ResponsiblePerson:
    """§ 7922.540 and Policy 1002 § IV.A.2: each letter names who made the determination."""

    name: str
    title: str
    email: str
    phone: str = ""

    def __post_init__(self) -> None:
        if not (self.name.strip() and self.title.strip() and self.email.strip()):
            raise ResponseRefused("a letter needs the responsible person's name, title and contact")


def extension_open(deadlines: Deadlines, today: date) -> bool:
    """§ 7922.535(b): the extension notice goes out by the initial due date, not after."""
    return today <= deadlines.initial_response_due


def check_extension(
    deadlines: Deadlines,
    reason: ExtensionReason,
    new_due: date,
    sent_on: date,
    calendar: BusinessCalendar,
) -> date:
    """The date a determination is now due, or ResponseRefused (§ 7922.535(b)-(c))."""
    if not extension_open(deadlines, sent_on):
        raise ResponseRefused(
            f"an extension must be sent by the initial due date, "
            f"{deadlines.initial_response_due.isoformat()}"
        )
    # The law in force when the notice is sent decides, not the one when the request came.
    if reason not in ExtensionReason.available_on(sent_on):
        raise ResponseRefused(
            f"the reason {reason.key!r} is not law on {sent_on.isoformat()}, the day the "
            "notice is sent"
        )
    if new_due > deadlines.extended_due:
        raise ResponseRefused(
            f"an extension may reach {deadlines.extended_due.isoformat()} at the latest"
        )
    if new_due <= deadlines.initial_response_due:
        raise ResponseRefused("the new date must come after the initial due date")
    return calendar.on_or_next_business_day(new_due)


def answer_by(asked_on: date, determination_due: date) -> date:
    """The day a question asks its answer by: three days before the determination is due,
    to leave time to use it, but never sooner than two days after asking (nor after the due
    date, when that is sooner still)."""
    wanted = max(determination_due - timedelta(days=3), asked_on + timedelta(days=2))
    return min(wanted, determination_due)


def appeal_window_closes(letter_sent: date, calendar: BusinessCalendar) -> date:
    """Ten calendar days from the letter's dispatch, the last day moved as CCP § 12a says."""
    return calendar.on_or_next_business_day(letter_sent + timedelta(days=APPEAL_WINDOW_DAYS))


def appeal_is_late(appeal_received: date, letter_sent: date, calendar: BusinessCalendar) -> bool:
    """Late appeals are recorded and marked, never refused: the Director decides."""
    return appeal_received > appeal_window_closes(letter_sent, calendar)


def appeal_decision_due(appeal_received: date, calendar: BusinessCalendar) -> date:
    return calendar.on_or_next_business_day(appeal_received + timedelta(days=APPEAL_DECISION_DAYS))
