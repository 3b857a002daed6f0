"""What a denial, a partial release and "no records" must say: each person responsible
(§ 7922.540(b)) and, when nothing is given, the Library's help (§ 7922.600)."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from pra.adapters.clocks import FixedClock
from pra.domain.responses import ResponseRefused
from pra.services import Services
from pra.services.respond import Response, send_response
from tests.services.test_respond import COORDINATOR, _letters_to, _on, _submit

COUNSEL = "Alex Kim, Deputy County Counsel"
DIRECTOR = "Dana Director, Library Director"


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize(
    "response",
    [
        Response("denied", withheld=(("Draft budget memo", "drafts"),)),
        Response(
            "partly_released",
            available_on=date(2026, 11, 30),
            available_at="10:00",
            withheld=(("Draft budget memo", "drafts"),),
        ),
        Response("no_records"),
    ],
    ids=lambda r: r.kind,
)
def test_every_person_responsible_is_named_with_title(
    services: Services, clock: FixedClock, outbox, response: Response
) -> None:
    number = _submit(services)
    _on(clock, date(2026, 11, 20))
    named = dataclasses.replace(
        response, others_responsible=(DIRECTOR, f"  {COUNSEL} ", DIRECTOR, "")
    )
    after = send_response(services, number, COORDINATOR, named)
    letter = after.letters[-1]
    assert letter.signed_by == f"Ana Coordinator, PRA Coordinator; {DIRECTOR}; {COUNSEL}"
    email = flat(
        _letters_to(outbox, "jane.requester@example.org")[-1].get_body(("plain",)).get_content()
    )
    assert f"Also responsible for this decision: - {DIRECTOR} - {COUNSEL}" in email


def test_a_release_in_full_names_only_its_signer(services: Services, clock: FixedClock) -> None:
    number = _submit(services)
    _on(clock, date(2026, 11, 20))
    release = Response(
        "released",
        available_on=date(2026, 11, 30),
        available_at="10:00",
        others_responsible=(COUNSEL,),
    )
    letter = send_response(services, number, COORDINATOR, release).letters[-1]
    assert letter.signed_by == "Ana Coordinator, PRA Coordinator"
    assert "Also responsible" not in letter.text


@pytest.mark.parametrize("kind", ["denied", "no_records"])
def test_a_letter_that_gives_nothing_offers_help_and_the_coordinators_suggestions(
    services: Services, clock: FixedClock, kind: str
) -> None:
    number = _submit(services)
    _on(clock, date(2026, 11, 20))
    withheld = (("Draft budget memo", "drafts"),) if kind == "denied" else ()
    suggestion = "The adopted budget is on the county's website, page 12."
    response = Response(kind, withheld=withheld, help=suggestion)
    text = flat(send_response(services, number, COORDINATOR, response).letters[-1].text)
    assert "How we can help We can help you find records we may be able to give you" in text
    assert suggestion in text


def test_a_deployment_offers_help_in_its_own_words(services: Services, clock: FixedClock) -> None:
    own = dataclasses.replace(
        services,
        settings=dataclasses.replace(
            services.settings, help_paragraph_en="Call the Reference Desk at 707-555-0100."
        ),
    )
    number = _submit(own)
    _on(clock, date(2026, 11, 20))
    letter = send_response(own, number, COORDINATOR, Response("no_records")).letters[-1]
    assert "Call the Reference Desk at 707-555-0100." in letter.text
    assert "We can help you find records" not in letter.text


def test_a_release_offers_no_help_paragraph(services: Services, clock: FixedClock) -> None:
    number = _submit(services)
    _on(clock, date(2026, 11, 20))
    release = Response("released", available_on=date(2026, 11, 30), available_at="10:00")
    assert (
        "How we can help"
        not in send_response(services, number, COORDINATOR, release).letters[-1].text
    )


def test_another_provision_of_law_is_cited_as_the_coordinator_gives_it(
    services: Services, clock: FixedClock
) -> None:
    number = _submit(services)
    _on(clock, date(2026, 11, 20))
    denial = Response(
        "denied", withheld=(("Juvenile case file", "other_law", "Welf. & Inst. Code § 827"),)
    )
    text = flat(send_response(services, number, COORDINATOR, denial).letters[-1].text)
    assert (
        "Juvenile case file: Another provision of law (Welf. & Inst. Code § 827), "
        "Gov. Code § 7927.705 [formerly Gov. Code § 6254(k)]"
    ) in text


def test_another_provision_of_law_without_its_citation_is_refused(
    services: Services, clock: FixedClock
) -> None:
    number = _submit(services)
    _on(clock, date(2026, 11, 20))
    with pytest.raises(ResponseRefused, match="cite the provision of law"):
        send_response(
            services, number, COORDINATOR, Response("denied", withheld=(("File", "other_law"),))
        )
    assert services.store.get(number).letters == ()  # type: ignore[union-attr]


def test_a_spanish_letter_prints_the_signers_spanish_title(
    services: Services, clock: FixedClock
) -> None:
    number = _submit(services, language="es")
    _on(clock, date(2026, 11, 20))
    signer = dataclasses.replace(COORDINATOR, title_es="Coordinadora de Registros Públicos")
    letter = send_response(services, number, signer, Response("no_records")).letters[-1]
    assert letter.signed_by == "Ana Coordinator, Coordinadora de Registros Públicos"
    assert "Ana Coordinator, Coordinadora de Registros Públicos" in letter.text
    assert "PRA Coordinator" not in letter.text


def test_a_spanish_letter_falls_back_to_the_english_title(
    services: Services, clock: FixedClock
) -> None:
    number = _submit(services, language="es")
    _on(clock, date(2026, 11, 20))
    letter = send_response(services, number, COORDINATOR, Response("no_records")).letters[-1]
    assert letter.signed_by == "Ana Coordinator, PRA Coordinator"
