"""An appeal is heard once (Policy 1002 § III.D): the Director's decision is final, and a
release that follows an overturned appeal is not appealed again."""

from __future__ import annotations

from datetime import date

import pytest

from pra.adapters.clocks import FixedClock
from pra.domain.lifecycle import IllegalTransition, Status
from pra.services import Services
from pra.services.replies import submit_appeal
from pra.services.respond import Response, send_response
from tests.services.test_respond import COORDINATOR, DIRECTOR, _letters_to, _on, _submit


def test_a_release_after_an_overturned_appeal_offers_no_second_appeal(
    services: Services, clock: FixedClock, outbox, settings
) -> None:
    number = _submit(services)
    _on(clock, date(2026, 11, 18))
    denial = Response("denied", withheld=(("Draft budget memo", "drafts"),))
    denied = send_response(services, number, COORDINATOR, denial)
    assert denied.may_appeal
    appealed = submit_appeal(services, denied, "The memo was discussed in public.")
    _on(clock, date(2026, 11, 20))
    overturned = Response(
        "appeal_overturned_in_part",
        explanation="Part of the memo is public.",
        available_on=date(2026, 11, 25),
        available_at="10:00",
    )
    send_response(services, number, DIRECTOR, overturned)
    assert (
        "Appeal overturned in part for"
        in _letters_to(outbox, settings.coordinator_email)[-1]["Subject"]
    )
    _on(clock, date(2026, 11, 23))
    release = Response(
        "partly_released",
        available_on=date(2026, 11, 25),
        available_at="10:00",
        withheld=(("Pages 3-4 of the memo", "drafts"),),
    )
    after = send_response(services, number, COORDINATOR, release)
    assert after.status is Status.PARTLY_RELEASED and not after.may_appeal
    assert "ask the Library Director to review it" not in after.letters[-1].text
    with pytest.raises(IllegalTransition):
        submit_appeal(services, after, "Again, please.")
    assert appealed.appeal is not None and after.appeal == services.store.get(number).appeal  # type: ignore[union-attr]
