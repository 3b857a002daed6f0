"""One bootstrap for every entry point: a table in the settings means AWS, else embedded."""

from __future__ import annotations

from dataclasses import replace

from pra.adapters.dynamodb_store import DynamoRequestStore
from pra.adapters.sqlite_store import SqliteRequestStore
from pra.bootstrap import services_for
from pra.config import Settings
from pra.emails.headers import KIND_HEADER, TRACKING_HEADER, header_block
from pra.ports import QueuedEmail
from pra.services.outbox import send_now


def test_settings_naming_a_table_choose_the_aws_adapters(aws_settings: Settings) -> None:
    assert isinstance(services_for(aws_settings).store, DynamoRequestStore)


def test_without_a_table_the_embedded_default(settings: Settings) -> None:
    assert isinstance(services_for(settings).store, SqliteRequestStore)


def test_every_delivered_email_names_its_request_and_kind_to_the_mailer(services) -> None:
    seen = []

    class Recording:
        def send(self, message: bytes) -> None:
            headers = header_block(message)
            seen.append((headers[TRACKING_HEADER], headers[KIND_HEADER]))

    email = QueuedEmail("e1", "PRA-2026-00007", "letter_denied", b"Subject: x\n\nbody")
    services.store.queue_email(email)
    assert send_now(replace(services, mailer=Recording()), [email]) == (1, 0)
    assert seen == [("PRA-2026-00007", "letter_denied")]
