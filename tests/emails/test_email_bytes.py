"""The queued bytes (email_bytes) and the message to read (render_email) are the same email."""

from __future__ import annotations

from datetime import UTC, datetime
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default

import pytest
from jinja2 import DictLoader, Environment, select_autoescape

from pra.emails import email_bytes, render_email

LONG = "Todas las actas de la comisión " * 300  # one line of 9,300 characters
TEMPLATES = Environment(
    loader=DictLoader(
        {
            "t.es.txt": "Hola {{ name }}:\n\n{{ long }}\n\n¿Preguntas? Responda a este correo.\n",
            "t.es.html": "<p>Hola {{ name }}:</p><p>{{ long }}</p><p>¿Preguntas?</p>\n",
        }
    ),
    autoescape=select_autoescape(enabled_extensions=("html",)),
)
CONTEXT = {
    "subject": "Recibimos su solicitud de registros públicos 2026-0042 — gracias",
    "now": datetime(2026, 12, 1, 18, 30, tzinfo=UTC),
    "name": "Iñaki <Peña>",
    "long": LONG,
}
SENDER = ("Biblioteca del Condado de Sonoma", "pra@library.example")


def parsed(raw: bytes) -> EmailMessage:
    return message_from_bytes(raw, _class=EmailMessage, policy=default)  # type: ignore[return-value]


@pytest.mark.parametrize("to", ["requester@example.org", "réquester@exämple.org"])
def test_the_queued_bytes_say_what_the_readable_message_says(to: str) -> None:
    raw = email_bytes("t", "es", CONTEXT, sender=SENDER, to=to, templates=TEMPLATES)
    queued = parsed(raw)
    made = parsed(
        render_email("t", "es", CONTEXT, sender=SENDER, to=to, templates=TEMPLATES).as_bytes()
    )
    for name in ("Subject", "From", "To", "Date", "Content-Language"):
        assert str(queued[name]) == str(made[name]), name
    assert queued["Message-ID"] != made["Message-ID"]  # each email its own
    for kind in ("plain", "html"):
        mine, theirs = queued.get_body((kind,)), made.get_body((kind,))
        assert mine is not None and theirs is not None
        assert mine.get_content() == theirs.get_content()
    assert "Iñaki &lt;Peña&gt;" in str(queued.get_body(("html",)).get_content())  # type: ignore[union-attr]
    assert max(len(line) for line in raw.splitlines()) <= 998  # SMTP's limit, whatever is typed
