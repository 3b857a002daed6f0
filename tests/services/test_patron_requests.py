"""Requests for patron information through the service (Policy 4005 § III.B–C)."""

from __future__ import annotations

from datetime import date

import pytest

from pra.adapters.clocks import FixedClock
from pra.domain.patron import Identity, PatronCase, PatronRefused
from pra.services import Services
from pra.services.patron import PatronAnswers, prepare_patron_check, record_patron_check
from pra.services.respond import Response, send_response
from tests.conftest import text_body
from tests.services.test_respond import COORDINATOR, _letters_to, _on, _submit

LOANS = "What my daughter (age 15) has checked out and owes on her card"


def test_a_parent_of_a_teenager_is_told_only_overdue_items_and_fees(
    services: Services, clock: FixedClock
) -> None:
    number = _submit(services, description=LOANS)
    answers = PatronAnswers(PatronCase.CHILD_13_TO_17, Identity.LIBRARY_CARD, "0427")
    assert prepare_patron_check(services, number, COORDINATOR, answers) is None  # no letter
    after = record_patron_check(services, number, COORDINATOR, answers)
    assert after.patron_records and after.patron_check is not None
    assert after.patron_check.card_last_four == "0427"
    event = services.store.history(number)[-1]
    assert event.action == "patron_check" and not event.public
    assert "only whether items on the child's account are overdue" in event.note
    assert "0427" not in event.note
    _on(clock, date(2026, 11, 18))
    release = Response("released", available_on=date(2026, 11, 20), available_at="10:00")
    text = send_response(services, number, COORDINATOR, release).letters[-1].text
    assert "you may learn only whether items on the child's account are overdue" in " ".join(
        text.split()
    )


def test_a_whole_card_number_is_refused_and_nothing_is_kept(services: Services) -> None:
    number = _submit(services, description=LOANS)
    answers = PatronAnswers(PatronCase.CHILD_UNDER_13, Identity.CARD_NUMBER, "21234000123456")
    with pytest.raises(PatronRefused, match="last four digits"):
        record_patron_check(services, number, COORDINATOR, answers)
    stored = services.store.get(number)
    assert stored is not None and stored.patron_check is None
    assert "21234000123456" not in str(services.store.history(number))


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_request_the_policy_does_not_allow_is_referred_with_a_letter(
    services: Services, clock: FixedClock, outbox, language: str
) -> None:
    number = _submit(
        services, description="Everything my neighbour borrowed this year", language=language
    )
    answers = PatronAnswers(PatronCase.NOT_QUALIFIED, Identity.NONE)
    preview = prepare_patron_check(services, number, COORDINATOR, answers)
    assert preview is not None and services.store.get(number).patron_check is None  # type: ignore[union-attr]
    after = record_patron_check(services, number, COORDINATOR, answers)
    assert after.patron_records and after.patron_check is not None
    assert after.patron_check.referred
    assert after.status == services.store.get(number).status  # type: ignore[union-attr]
    assert services.store.history(number)[-1].action == "referred_to_branch_manager"
    letter = text_body(_letters_to(outbox, "jane.requester@example.org")[-1])
    assert after.letters[-1].kind == "patron_referral"
    if language == "en":
        assert "We have passed it to the Branch Manager" in letter
        assert "Library Policy 4005 and Government Code § 7927.105" in " ".join(letter.split())
    else:
        assert "La pasamos a la gerencia de la sucursal" in " ".join(letter.split())
    notice = _letters_to(outbox, "branch-manager@library.example")
    assert len(notice) == 1
    assert notice[0]["Subject"] == f"Patron information request {number} referred to you"


def test_an_authorised_person_without_the_authorisation_seen_is_refused(
    services: Services,
) -> None:
    number = _submit(services, description="The loans of my husband, who asked me to get them")
    answers = PatronAnswers(PatronCase.AUTHORISED, Identity.PHOTO_ID)
    with pytest.raises(PatronRefused, match="written authorisation"):
        record_patron_check(services, number, COORDINATOR, answers)
    seen = PatronAnswers(PatronCase.AUTHORISED, Identity.PHOTO_ID, authorisation_seen=True)
    assert record_patron_check(services, number, COORDINATOR, seen).patron_check is not None
