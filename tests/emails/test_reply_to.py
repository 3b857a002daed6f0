"""What a requester receives says "reply to this email": the reply reaches the coordinator's
public mailbox (the agency's, pra/agency/agency.toml), whichever internal mailbox the notices
go to, and every message's id is under the agency's own domain."""

from __future__ import annotations

from pra.domain.request import parse_submission
from pra.services import Services
from pra.services.respond import Response, send_response
from pra.services.submit import submit_request
from tests.conftest import VALID_REQUEST
from tests.services.test_respond import COORDINATOR


def test_the_acknowledgement_and_letters_are_answered_to_the_coordinator(
    services: Services, outbox
) -> None:
    number = submit_request(services, parse_submission(VALID_REQUEST)).tracking_number
    send_response(services, number, COORDINATOR, Response("no_records", explanation="None."))
    mail = outbox()
    to_requester = [m for m in mail if m["To"] == VALID_REQUEST["email"]]
    to_coordinator = [m for m in mail if m["To"] == services.settings.coordinator_email]
    assert len(to_requester) == 2 and to_coordinator  # acknowledgement, letter; the notice
    for message in to_requester:
        assert message["Reply-To"] == services.settings.agency.email, message["Subject"]
    for message in to_coordinator:
        assert message["Reply-To"] is None  # staff mail: a reply goes to the sender
    for message in mail:
        assert str(message["Message-ID"]).endswith("@library.example>"), message["Message-ID"]
    assert len({str(m["Message-ID"]) for m in mail}) == len(mail)


def test_the_message_id_stays_on_its_header_line(services: Services, outbox) -> None:
    submit_request(services, parse_submission(VALID_REQUEST))
    for path in sorted(services.settings.outbox_dir.glob("*.eml")):
        line = next(x for x in path.read_bytes().splitlines() if x.startswith(b"Message-ID:"))
        assert line.rstrip().endswith(b"@library.example>"), line
