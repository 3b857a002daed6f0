"""Realistic fictional requests for trying the desk and for the benchmarks (`pra seed-demo`).

Every request is made through the store port, so the embedded default and DynamoDB hold the
same data. The requests are fictional (names from a short list, addresses on example.org)
and marked: their access-code digest is SEED_DIGEST, which no access code hashes to, so no
status page opens them and a second seed recognises them. A store holding any request not
made here is refused.
"""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from pra.domain.deadlines import deadlines_for
from pra.domain.lifecycle import Status
from pra.domain.request import (
    Channel,
    HistoryEvent,
    Language,
    PraRequest,
    Release,
    SentLetter,
    Submission,
)
from pra.domain.tracking import tracking_number
from pra.services import Services

SEED_DIGEST = "0" * 64
EARLIEST = date(2023, 1, 2)  # deadlines are computed from 2023 on
OPEN_DAYS = 20  # open requests were received over the last twenty days
BATCH = 500
_SUBJECTS = [
    ("Minutes of the library commission", "Actas de la comisión de la biblioteca"),
    ("Contracts with the security firm", "Contratos con la empresa de seguridad"),
    ("Overtime payroll for branch staff", "Horas extra del personal de las sucursales"),
    (
        "Emails about the Roseland branch parking lot",
        "Correos sobre el estacionamiento de Roseland",
    ),
    ("Budget of the bookmobile", "Presupuesto del bibliobús"),
    ("Incident reports at the Central Library", "Informes de incidentes en la Biblioteca Central"),
    ("Vendor invoices for e-books", "Facturas de proveedores de libros electrónicos"),
    ("Policies on meeting room use", "Políticas de uso de las salas de reuniones"),
]
_NAMES = ["Pat Caller", "Lee Mailer", "Ana Núñez", "Sam Okafor", "Kim Tran", "Jo Ortiz"]
# Closed ones as they come (most release something); open ones awaiting the determination.
_CLOSED = [Status.RELEASED] * 4 + [
    Status.PARTLY_RELEASED,
    Status.PARTLY_RELEASED,
    Status.NO_RECORDS,
    Status.DENIED,
    Status.WITHDRAWN,
]
_OPEN = [Status.RECEIVED, Status.RECEIVED, Status.AWAITING_REQUESTER, Status.EXTENDED]


class SeedRefused(ValueError):
    """The store holds requests the seed did not make; nothing was added."""


@dataclass(frozen=True)
class Seeded:
    requests: int
    open: int


def seed_demo(
    services: Services,
    requests: int,
    open_requests: int,
    *,
    seed: int = 2026,
    assignees: Sequence[str | None] = (),
) -> Seeded:
    """Add `requests` fictional requests, the last `open_requests` of them still open,
    received over the years up to today; returns what was added. With `assignees`, each
    request is assigned to one of them drawn at random (None: to no one)."""
    if requests < 0 or not 0 <= open_requests <= requests:
        raise SeedRefused("ask for a number of requests, and at most that many open")
    _check_only_seeded(services)
    # The open ones draw from a stream of their own: the same however many closed come first.
    closed_rng, open_rng, today = random.Random(seed), random.Random(seed + 1), services.today()
    assign_rng = random.Random(seed + 2)  # a stream of its own: the rest draws the same
    zone = ZoneInfo(services.settings.timezone)
    # The closed ones spread over the years the deadline rules cover, oldest first; the open
    # ones over the last OPEN_DAYS days (some overdue, some due soon), however many closed.
    closed = requests - open_requests
    recent, span = today - timedelta(days=OPEN_DAYS), (today - EARLIEST).days - OPEN_DAYS
    days = [recent - timedelta(days=(closed - n) * span // closed) for n in range(closed)]
    days += [
        today - timedelta(days=(open_requests - n) * OPEN_DAYS // open_requests)
        for n in range(open_requests)
    ]
    by_year: dict[int, int] = {}
    for day in days:
        by_year[day.year] = by_year.get(day.year, 0) + 1
    numbers = {
        year: services.store.reserve_tracking_sequences(year, n) for year, n in by_year.items()
    }
    batch: list[tuple[PraRequest, list[HistoryEvent]]] = []
    for position, received in enumerate(days):
        number = tracking_number(received.year, numbers[received.year])
        numbers[received.year] += 1
        still_open = position >= requests - open_requests
        rng = open_rng if still_open else closed_rng
        request, events = _request(services, rng, number, received, zone, still_open)
        if assignees:
            request = dataclasses.replace(request, assignee=assign_rng.choice(assignees))
        batch.append((request, events))
        if len(batch) == BATCH:
            services.store.add_many(batch)
            batch = []
    if batch:
        services.store.add_many(batch)
    return Seeded(requests, open_requests)


def _check_only_seeded(services: Services) -> None:
    if services.store.count() == 0:
        return
    for request in services.store.requests():
        if request.access_code_digest != SEED_DIGEST:
            raise SeedRefused(
                f"this store holds real requests ({request.tracking_number}): seed an empty one"
            )


def _request(
    services: Services,
    rng: random.Random,
    number: str,
    received: date,
    zone: ZoneInfo,
    still_open: bool,
) -> tuple[PraRequest, list[HistoryEvent]]:
    spanish = rng.random() < 0.15
    english_subject, spanish_subject = rng.choice(_SUBJECTS)
    subject = spanish_subject if spanish else english_subject
    name = rng.choice(_NAMES)
    submission = Submission(
        description=f"{subject}, {received.year - rng.randint(0, 2)}",
        name=name,
        email=f"{name.split()[0].lower()}.{number[-5:]}@example.org",
        language=Language.ES if spanish else Language.EN,
    )
    at = datetime.combine(received, time(9 + rng.randint(0, 7), rng.randint(0, 59)), zone)
    status = rng.choice(_OPEN if still_open else _CLOSED)
    deadlines = deadlines_for(received, services.calendar)
    events = [HistoryEvent(at, "requester", "received", "online form", True)]
    letters: tuple[SentLetter, ...] = ()
    release, determined_on = None, None
    if status not in {Status.RECEIVED, Status.AWAITING_REQUESTER}:
        sent = at + timedelta(days=rng.randint(1, 9))
        letters = (
            SentLetter(
                status.value,
                sent,
                submission.language.value,
                f"Request {number}: {status.value}",
                "A fictional letter of the demo seed.",
                "Ana Ruiz, PRA Coordinator",
            ),
        )
        events.append(HistoryEvent(sent, "ana.ruiz@library.example", status.value, "", True))
        if status not in {Status.EXTENDED, Status.WITHDRAWN}:
            determined_on = sent.date()  # the letter is the determination (the statistics')
        if status in {Status.RELEASED, Status.PARTLY_RELEASED}:
            release = Release(sent.date() + timedelta(days=7), "10:00", sent.date())
    request = PraRequest(
        tracking_number=number,
        access_code_digest=SEED_DIGEST,
        received_at=at,
        deadlines=deadlines,
        submission=submission,
        status=status,
        letters=letters,
        release=release,
        determined_on=determined_on,
        channel=rng.choice([Channel.ONLINE] * 6 + [Channel.EMAIL, Channel.PHONE]),
    )
    return request, events
