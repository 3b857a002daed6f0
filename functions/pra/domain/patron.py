"""Who may have which patron records (Policy 4005 § III.B; Gov. Code § 7927.105).

Patron records go to the patron, or to a person the patron authorised in writing. A parent,
guardian or caretaker who presents a child's library card or number may have a child's
circulation records when the child is under 13, and only whether items are overdue and the
fees owed when the child is 13 to 17. Any other request for patron information goes to the
Branch Manager, who explains the policy (§ III.C.i). Staff record which case applies and
what identity they checked; of a card number, never more than its last four digits.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class PatronRefused(ValueError):
    """The check cannot be recorded as given; the message says why."""


class PatronCase(StrEnum):
    PATRON = "patron"  # the patron asks for their own records
    AUTHORISED = "authorised"  # a person the patron authorised in writing
    CHILD_UNDER_13 = "child_under_13"  # a parent, guardian or caretaker: circulation only
    CHILD_13_TO_17 = "child_13_to_17"  # overdue items and fees owed only
    NOT_QUALIFIED = "not_qualified"  # none of these: referred to the Branch Manager


# What each case may be given, in the policy's words.
MAY_HAVE = {
    PatronCase.PATRON: "all of the patron's own records",
    PatronCase.AUTHORISED: "the patron's records, as the written authorisation allows",
    PatronCase.CHILD_UNDER_13: "the child's circulation records only",
    PatronCase.CHILD_13_TO_17: "only whether items on the child's account are overdue, and "
    "the fees owed",
    PatronCase.NOT_QUALIFIED: "nothing: the request goes to the Branch Manager",
}
_CHILD = {PatronCase.CHILD_UNDER_13, PatronCase.CHILD_13_TO_17}


class Identity(StrEnum):
    """What staff checked of who is asking."""

    PHOTO_ID = "photo_id"
    LIBRARY_CARD = "library_card"  # the card itself, presented
    CARD_NUMBER = "card_number"  # the number, with a detail of the account it matches
    NONE = "none"  # nothing could be checked (a referral)


@dataclass(frozen=True)
class PatronCheck:
    """The case staff found, what they checked, and when and by whom."""

    case: PatronCase
    identity: Identity
    checked_at: datetime
    checked_by: str
    card_last_four: str = ""  # of the patron's or the child's card; never the whole number
    authorisation_seen: bool = False  # the patron's written authorisation (case AUTHORISED)

    @property
    def referred(self) -> bool:
        return self.case is PatronCase.NOT_QUALIFIED


def check_patron_request(
    case: PatronCase,
    identity: Identity,
    card_digits: str,
    authorisation_seen: bool,
    *,
    checked_at: datetime,
    checked_by: str,
) -> PatronCheck:
    """The check as it may be kept, or PatronRefused (nothing is kept of a refused one)."""
    digits = "".join(card_digits.split())
    if digits and not digits.isdigit():
        raise PatronRefused("give the card's last four digits as numbers only")
    if len(digits) > 4:
        # The whole number would let anyone reading the request use the account.
        raise PatronRefused("keep at most the last four digits of the card number")
    if case is not PatronCase.NOT_QUALIFIED and identity is Identity.NONE:
        raise PatronRefused("say what identity you checked before records are given")
    if case in _CHILD and identity is Identity.PHOTO_ID:
        raise PatronRefused(
            "a parent, guardian or caretaker must present the child's card or number"
        )
    if case in _CHILD and not digits:
        raise PatronRefused("note the last four digits of the child's card")
    if case is PatronCase.AUTHORISED and not authorisation_seen:
        raise PatronRefused(
            "a person asking for someone else's records needs the patron's written "
            "authorisation: confirm you saw it, or refer the request to the Branch Manager"
        )
    return PatronCheck(case, identity, checked_at, checked_by, digits, authorisation_seen)
