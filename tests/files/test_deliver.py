"""Delivering released records: instalments, the last delivery closes, private links expire."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date

import pytest

from pra.adapters.clocks import FixedClock
from pra.domain.files import ScanState, ScanVerdict, Visibility
from pra.domain.request import DeliveryMethod, Language, parse_submission
from pra.services import Services
from pra.services.deliver import DeliveryOrder, DeliveryRefused, deliver_records
from pra.services.files import upload_files
from pra.services.respond import Response, send_response
from pra.services.submit import submit_request
from pra.web import create_app
from tests.conftest import VALID_REQUEST, read_outbox, text_body
from tests.files.conftest import CSV, PDF, upload
from tests.services.test_respond import COORDINATOR
from tests.staff.conftest import FakeScanner

PROMISED = date(2026, 12, 4)


def released(services: Services, language: str = "en") -> tuple[str, list[str]]:
    """A request released in full, with a public PDF and a private CSV uploaded."""
    form = {**VALID_REQUEST, "language": language}
    number = submit_request(services, parse_submission(form)).tracking_number
    files = upload_files(
        services,
        number,
        [
            upload("minutes.pdf", PDF, "Board minutes, 2025", Visibility.PUBLIC),
            upload("payroll.csv", CSV, "Payroll extract"),
        ],
        COORDINATOR.email,
    )
    promise = Response("released", available_on=PROMISED, available_at="10:00")
    send_response(services, number, COORDINATOR, promise)
    return number, [file.id for file in files]


def links_in(text: str) -> list[str]:
    return re.findall(r"https://records\.library\.example(/api/files/[\w.-]+)", text)


def last_letter(services: Services):  # type: ignore[no-untyped-def]
    return read_outbox(services.settings.outbox_dir)[-1]


def test_the_final_delivery_closes_the_request_and_emails_private_links(
    scanning: Services,
) -> None:
    number, ids = released(scanning)
    after = deliver_records(
        scanning,
        number,
        COORDINATOR,
        DeliveryOrder(DeliveryMethod.LINK, tuple(ids), record_title="Board minutes, 2025"),
    )
    assert after.release is not None and after.release.delivered_on == date(2026, 11, 16)
    assert (after.records_owed, after.next_due, after.may_deliver) == (False, None, False)
    (delivery,) = after.deliveries
    assert (delivery.method, delivery.file_ids, delivery.final) == (
        DeliveryMethod.LINK,
        tuple(ids),
        True,
    )
    delivered, published = scanning.store.history(number)[-2:]
    assert (delivered.action, delivered.public) == ("delivered", True)
    assert delivered.note == f"link, final; files: {ids[0]} {ids[1]}"
    # The public PDF went to the released-records library too; the private CSV did not.
    assert published.action == "published"
    letter = last_letter(scanning)
    assert letter["To"] == VALID_REQUEST["email"]
    body = text_body(letter)
    assert "Download them with the links below until Wednesday, December 16, 2026." in body
    assert "This completes the release of the records for your request." in body
    assert "- Board minutes, 2025 (minutes.pdf, 1 KB)" in body
    assert len(links_in(body)) == 2
    # The copy kept with the request, shown on the status page, names the files without links.
    kept = after.letters[-1]
    assert "Board minutes, 2025" in kept.text and "/api/files/" not in kept.text


def test_the_requester_downloads_each_file_and_all_of_them_and_each_is_recorded(
    scanning: Services,
) -> None:
    number, ids = released(scanning)
    deliver_records(
        scanning,
        number,
        COORDINATOR,
        DeliveryOrder(DeliveryMethod.LINK, tuple(ids), record_title="Board minutes, 2025"),
    )
    client = create_app(services=scanning).test_client()
    first, second = links_in(text_body(last_letter(scanning)))
    pdf = client.get(first)
    assert pdf.status_code == 200 and pdf.get_data() == PDF
    assert pdf.headers["Content-Disposition"] == 'attachment; filename="minutes.pdf"'
    assert pdf.headers["X-Content-Type-Options"] == "nosniff"
    assert pdf.headers["Content-Security-Policy"] == "sandbox"
    assert client.get(second).get_data() == CSV
    code = _access_code(scanning, number)
    status = client.post(f"/api/requests/{number}/status", json={"code": code}).get_json()
    assert [(f["title"], f["name"], f["size"]) for f in status["files"]] == [
        ("Board minutes, 2025", "minutes.pdf", len(PDF)),
        ("Payroll extract", "payroll.csv", len(CSV)),
    ]
    everything = client.get(status["download_all"].removeprefix("https://records.library.example"))
    assert everything.headers["Content-Disposition"] == f'attachment; filename="{number}.zip"'
    with zipfile.ZipFile(io.BytesIO(everything.get_data())) as archive:
        assert archive.namelist() == ["minutes.pdf", "payroll.csv"]
        assert archive.read("payroll.csv") == CSV
    downloads = [e for e in scanning.store.history(number) if e.action == "downloaded_file"]
    assert [(e.actor, e.note) for e in downloads] == [
        ("requester", "minutes.pdf"),
        ("requester", "payroll.csv"),
        ("requester", f"{number}.zip"),
    ]


def _access_code(services: Services, number: str) -> str:
    # The acknowledgement is the first email the requester got, in either language.
    acknowledgement = next(
        m for m in read_outbox(services.settings.outbox_dir) if m["To"] == VALID_REQUEST["email"]
    )
    found = re.search(
        r"([A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4})", text_body(acknowledgement)
    )
    assert found is not None
    return found.group(1)


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", "This download link has expired"),
        ("es", "Este enlace de descarga venció"),
    ],
)
def test_a_link_past_its_days_says_how_to_get_a_fresh_one(
    scanning: Services, clock: FixedClock, language: str, words: str
) -> None:
    number, ids = released(scanning, language)
    deliver_records(
        scanning,
        number,
        COORDINATOR,
        DeliveryOrder(DeliveryMethod.LINK, tuple(ids), record_title="Board minutes, 2025"),
    )
    link = links_in(text_body(last_letter(scanning)))[0]
    client = create_app(services=scanning).test_client()
    clock.advance(days=29)
    assert client.get(link).status_code == 200
    clock.advance(days=1, seconds=1)
    expired = client.get(link)
    assert expired.status_code == 410
    assert words in expired.get_data(as_text=True)
    assert client.get("/api/files/not-a-link").status_code == 404


def test_an_instalment_keeps_the_records_owed_until_the_last(scanning: Services) -> None:
    number, ids = released(scanning)
    part = DeliveryOrder(
        DeliveryMethod.LINK,
        (ids[0],),
        final=False,
        holds="the minutes",
        record_title="Board minutes, 2025",
    )
    after = deliver_records(scanning, number, COORDINATOR, part)
    assert (after.records_owed, after.next_due) == (True, PROMISED)
    assert "We will deliver the rest from 10:00 a.m. on Friday, December 4, 2026." in text_body(
        last_letter(scanning)
    )
    last = deliver_records(scanning, number, COORDINATOR, DeliveryOrder(DeliveryMethod.MAIL))
    assert (last.records_owed, len(last.deliveries)) == (False, 2)
    assert "We mailed your records on Monday, November 16, 2026" in text_body(last_letter(scanning))


def test_a_spanish_requester_gets_the_delivery_in_spanish(scanning: Services) -> None:
    number, _ = released(scanning, Language.ES.value)
    deliver_records(scanning, number, COORDINATOR, DeliveryOrder(DeliveryMethod.PICKUP))
    letter = last_letter(scanning)
    assert letter["Content-Language"] == "es"
    assert "listos para que los recoja en la Biblioteca" in text_body(letter)


def test_what_cannot_be_delivered_is_refused_and_nothing_is_stored(scanning: Services) -> None:
    number = submit_request(scanning, parse_submission(VALID_REQUEST)).tracking_number
    with pytest.raises(DeliveryRefused, match="once released"):
        deliver_records(scanning, number, COORDINATOR, DeliveryOrder(DeliveryMethod.MAIL))
    number, _ = released(scanning)
    before = scanning.store.history(number)
    refusals = [
        (DeliveryOrder(DeliveryMethod.LINK), "choose the files to send by link"),
        (DeliveryOrder(DeliveryMethod.LINK, ("0123456789abcdef",)), "there is no file"),
    ]
    for order, message in refusals:
        with pytest.raises(DeliveryRefused, match=message):
            deliver_records(scanning, number, COORDINATOR, order)
    unscanned = _unscanned_file(scanning, number)
    with pytest.raises(DeliveryRefused, match="has not been scanned clean"):
        deliver_records(
            scanning, number, COORDINATOR, DeliveryOrder(DeliveryMethod.LINK, (unscanned,))
        )
    reader = type(COORDINATOR)("sam@library.example", "Sam", "Clerk", "staff", "x")
    with pytest.raises(DeliveryRefused, match="staff role may not deliver"):
        deliver_records(scanning, number, reader, DeliveryOrder(DeliveryMethod.MAIL))
    stored = scanning.store.get(number)
    assert stored is not None and stored.deliveries == () and stored.records_owed
    assert [e.action for e in scanning.store.history(number)] == [e.action for e in before] + [
        "file_added"
    ]


def _unscanned_file(services: Services, number: str) -> str:
    import dataclasses

    failed = dataclasses.replace(
        services, scanner=FakeScanner(ScanVerdict(ScanState.FAILED, "no signatures"))
    )
    (file,) = upload_files(failed, number, [upload("x.pdf", PDF)], COORDINATOR.email)
    return file.id


@pytest.mark.parametrize(
    ("language", "heading", "everything"),
    [
        ("en", "Your records", "Download all as one ZIP file"),
        ("es", "Sus registros", "Descargar todo"),
    ],
)
def test_the_status_page_without_javascript_lists_the_files_with_fresh_links(
    scanning: Services, language: str, heading: str, everything: str
) -> None:
    number, ids = released(scanning, language)
    order = DeliveryOrder(DeliveryMethod.LINK, tuple(ids), record_title="Board minutes, 2025")
    deliver_records(scanning, number, COORDINATOR, order)
    client = create_app(services=scanning).test_client()
    form = {"tracking_number": number, "code": _access_code(scanning, number)}
    page = client.post("/api/status", data=form).get_data(as_text=True)
    assert f'<h2 id="pra-your-records">{heading}</h2>' in page
    links = re.findall(
        r'<a href="https://records\.library\.example(/api/files/[\w.-]+)" download', page
    )
    assert len(links) == 3 and everything in page  # two files and the ZIP
    assert client.get(links[1]).get_data() == CSV
