"""Every Mailer adapter passes these: what is sent arrives whole, failures raise MailerError."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from pra.adapters.mailers import OutboxMailer, SmtpMailer
from pra.ports import Mailer, MailerError
from tests.conftest import read_outbox
from tests.smtp_server import Collector, free_port, smtp_server


@dataclass
class MailerUnderTest:
    mailer: Mailer
    received: Callable[[], list[EmailMessage]]


def _outbox(tmp_path: Path) -> Iterator[MailerUnderTest]:
    folder = tmp_path / "outbox"
    yield MailerUnderTest(OutboxMailer(folder), lambda: read_outbox(folder))


def _smtp(tmp_path: Path) -> Iterator[MailerUnderTest]:
    with smtp_server() as (collector, port):
        yield MailerUnderTest(SmtpMailer("127.0.0.1", port), lambda: list(collector.messages))


def _ses(tmp_path: Path) -> Iterator[MailerUnderTest]:
    from pra.adapters.ses_mailer import SesMailer
    from tests.aws.resources import CONFIGURATION_SET, FROM_ADDRESS, mocked_aws, ses_received

    with mocked_aws() as aws:
        yield MailerUnderTest(SesMailer(aws.sesv2, FROM_ADDRESS, CONFIGURATION_SET), ses_received)


ADAPTERS: dict[str, Callable[[Path], Iterator[MailerUnderTest]]] = {
    "outbox": _outbox,
    "smtp": _smtp,
    "ses": _ses,
}


@pytest.fixture(params=sorted(ADAPTERS))
def subject(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[MailerUnderTest]:
    yield from ADAPTERS[request.param](tmp_path)


def message(subject: str = "Recibimos su solicitud PRA-2026-00001") -> EmailMessage:
    email = EmailMessage()
    email["Subject"] = subject
    email["From"] = "Biblioteca <pra@library.example>"
    email["To"] = "ana.nunez@example.org"
    email.set_content("Número de seguimiento: PRA-2026-00001\n")
    email.add_alternative("<p>Número de seguimiento: PRA-2026-00001</p>", subtype="html")
    return email


def test_a_sent_message_arrives_whole(subject: MailerUnderTest) -> None:
    subject.mailer.send(message().as_bytes())
    [received] = subject.received()
    assert received["Subject"] == "Recibimos su solicitud PRA-2026-00001"
    assert received["To"] == "ana.nunez@example.org"
    plain = received.get_body(preferencelist=("plain",))
    assert plain is not None
    # Line endings are the wire's business (CRLF); the words must arrive unchanged.
    assert plain.get_content().splitlines() == ["Número de seguimiento: PRA-2026-00001"]


def test_messages_arrive_in_the_order_sent(subject: MailerUnderTest) -> None:
    for n in range(3):
        subject.mailer.send(message(f"message {n}").as_bytes())
    assert [m["Subject"] for m in subject.received()] == ["message 0", "message 1", "message 2"]


def test_an_unreachable_smtp_server_raises_mailer_error() -> None:
    mailer = SmtpMailer("127.0.0.1", free_port(), timeout=2)
    with pytest.raises(MailerError) as raised:
        mailer.send(message().as_bytes())
    assert str(raised.value) == "ConnectionRefusedError"


def test_an_unwritable_outbox_raises_mailer_error(tmp_path: Path) -> None:
    folder = tmp_path / "outbox"
    mailer = OutboxMailer(folder)
    folder.rmdir()
    folder.write_text("a file where the folder was")
    with pytest.raises(MailerError):
        mailer.send(message().as_bytes())


def test_our_headers_are_never_sent_on(subject: MailerUnderTest) -> None:
    from pra.emails.headers import KIND_HEADER, TRACKING_HEADER, with_our_headers

    raw = with_our_headers(message().as_bytes(), "PRA-2026-00001", "acknowledgement")
    subject.mailer.send(raw)
    [received] = subject.received()
    if isinstance(subject.mailer, OutboxMailer):  # the outbox keeps the message as handed over
        assert received[TRACKING_HEADER] == "PRA-2026-00001"
    else:
        assert TRACKING_HEADER not in received and KIND_HEADER not in received
    assert received["Subject"] == "Recibimos su solicitud PRA-2026-00001"


def test_a_message_sent_again_keeps_its_message_id(subject: MailerUnderTest) -> None:
    # After a crash between sending and marking sent, the sweep sends the stored bytes again:
    # mail clients fold the repeat by its Message-ID, and the outbox writes it only once.
    sent = message()
    sent["Message-ID"] = "<42.acknowledgement@library.example>"
    subject.mailer.send(sent.as_bytes())
    subject.mailer.send(sent.as_bytes())
    received = subject.received()
    assert {m["Message-ID"] for m in received} == {"<42.acknowledgement@library.example>"}
    if isinstance(subject.mailer, OutboxMailer):
        assert len(received) == 1


class RefusingCollector(Collector):
    """A server that answers every recipient with the reply it was given."""

    def __init__(self, reply: str) -> None:
        super().__init__()
        self.reply = reply

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, options: Any
    ) -> str:
        return self.reply


@pytest.mark.parametrize(
    ("reply", "permanent"),
    [("550 5.1.1 No such user here", True), ("451 4.3.0 Try again later", False)],
)
def test_an_smtp_refusal_says_whether_retrying_can_help(reply: str, permanent: bool) -> None:
    port = free_port()
    controller = Controller(RefusingCollector(reply), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        with pytest.raises(MailerError) as raised:
            SmtpMailer("127.0.0.1", port, timeout=5).send(message().as_bytes())
    finally:
        controller.stop()
    assert raised.value.permanent is permanent
    assert raised.value.kind == f"SMTPRecipientsRefused {reply[:3]}"
    assert "ana.nunez" not in str(raised.value)  # the server's text can quote the address


def test_an_unreachable_server_is_worth_a_retry() -> None:
    with pytest.raises(MailerError) as raised:
        SmtpMailer("127.0.0.1", free_port(), timeout=2).send(message().as_bytes())
    assert raised.value.permanent is False


def test_an_ses_rejection_is_permanent() -> None:
    from pra.adapters.ses_mailer import SesMailer
    from tests.aws.resources import mocked_aws

    with mocked_aws() as aws:
        mailer = SesMailer(aws.sesv2, "someone@not-verified.example", None)
        unverified = message()
        unverified.replace_header("From", "someone@not-verified.example")
        with pytest.raises(MailerError) as raised:
            mailer.send(unverified.as_bytes())
    assert (raised.value.kind, raised.value.permanent) == ("MessageRejected", True)
