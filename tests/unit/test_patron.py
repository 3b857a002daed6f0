"""Who may have which patron records (Policy 4005 § III.B–C)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from pra.domain.patron import (
    MAY_HAVE,
    Identity,
    PatronCase,
    PatronRefused,
    check_patron_request,
)

AT = datetime(2026, 12, 1, 10, 15, tzinfo=ZoneInfo("America/Los_Angeles"))


def check(case: PatronCase, identity: Identity, digits: str = "", seen: bool = False):
    return check_patron_request(case, identity, digits, seen, checked_at=AT, checked_by="ana")


def test_the_patron_with_photo_id_may_have_their_own_records() -> None:
    kept = check(PatronCase.PATRON, Identity.PHOTO_ID)
    assert (kept.case, kept.identity, kept.card_last_four, kept.referred) == (
        PatronCase.PATRON,
        Identity.PHOTO_ID,
        "",
        False,
    )


def test_an_authorised_person_needs_the_written_authorisation_seen() -> None:
    with pytest.raises(PatronRefused, match="written authorisation"):
        check(PatronCase.AUTHORISED, Identity.PHOTO_ID)
    assert check(PatronCase.AUTHORISED, Identity.PHOTO_ID, seen=True).authorisation_seen


@pytest.mark.parametrize("case", [PatronCase.CHILD_UNDER_13, PatronCase.CHILD_13_TO_17])
def test_a_parent_presents_the_childs_card_and_only_its_last_four_digits_are_kept(
    case: PatronCase,
) -> None:
    with pytest.raises(PatronRefused, match="child's card"):
        check(case, Identity.PHOTO_ID, "1234")
    with pytest.raises(PatronRefused, match="last four digits"):
        check(case, Identity.LIBRARY_CARD)
    assert check(case, Identity.CARD_NUMBER, " 04 27 ").card_last_four == "0427"


def test_a_whole_card_number_is_refused_so_it_is_never_kept() -> None:
    with pytest.raises(PatronRefused, match="at most the last four digits"):
        check(PatronCase.CHILD_UNDER_13, Identity.LIBRARY_CARD, "21234000123456")
    with pytest.raises(PatronRefused, match="numbers only"):
        check(PatronCase.PATRON, Identity.LIBRARY_CARD, "12a4")


def test_records_are_not_given_without_an_identity_checked() -> None:
    with pytest.raises(PatronRefused, match="identity"):
        check(PatronCase.PATRON, Identity.NONE)


def test_a_request_that_does_not_qualify_is_referred_without_identity() -> None:
    kept = check(PatronCase.NOT_QUALIFIED, Identity.NONE)
    assert kept.referred


def test_each_case_says_what_it_may_have() -> None:
    assert set(MAY_HAVE) == set(PatronCase)
    assert "circulation records only" in MAY_HAVE[PatronCase.CHILD_UNDER_13]
    assert "overdue" in MAY_HAVE[PatronCase.CHILD_13_TO_17]
