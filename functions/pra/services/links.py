"""Private download links: signed, for one file or for all delivered files of a request.

A link names its request and file and the moment it was made; it is refused after
PRA_LINK_DAYS. The time is the services' clock, so tests see links expire on real dates. The
status page (number and access code) mints fresh links whenever the requester asks.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from itsdangerous import BadSignature, SignatureExpired, TimestampSigner, URLSafeTimedSerializer

from pra.ports import Clock
from pra.services import Services

SALT = "pra-private-download"
ALL = "all"  # the file id of the link that downloads every delivered file as one ZIP


class LinkExpired(Exception):
    """A genuine link past its days: the status page gives a fresh one."""

    def __init__(self, tracking_number: str) -> None:
        super().__init__(tracking_number)
        self.tracking_number = tracking_number


class LinkInvalid(Exception):
    """Not a link this portal made."""


@dataclass(frozen=True)
class LinkTarget:
    tracking_number: str
    file_id: str  # or ALL


def link_url(services: Services, tracking_number: str, file_id: str = ALL) -> str:
    token = _serializer(services).dumps([tracking_number, file_id])
    return f"{services.settings.public_url}/api/files/{token}"


def links_expire_on(services: Services) -> date:
    return services.today() + timedelta(days=services.settings.link_days)


def read_link(services: Services, token: str) -> LinkTarget:
    days = services.settings.link_days
    serializer = _serializer(services)
    try:
        number, file_id = serializer.loads(token, max_age=days * 86400)
    except SignatureExpired as expired:
        # Genuine, only old: its request still tells which language to answer in.
        number, _ = serializer.load_payload(expired.payload or b"[null, null]")
        raise LinkExpired(str(number)) from None
    except (BadSignature, ValueError, TypeError):
        raise LinkInvalid from None
    return LinkTarget(str(number), str(file_id))


def _serializer(services: Services) -> URLSafeTimedSerializer:
    clock = services.clock

    class ClockSigner(TimestampSigner):
        def get_timestamp(self) -> int:
            return _timestamp(clock)

    return URLSafeTimedSerializer(services.signing_key, salt=SALT, signer=ClockSigner)


def _timestamp(clock: Clock) -> int:
    return int(clock.now().timestamp())
