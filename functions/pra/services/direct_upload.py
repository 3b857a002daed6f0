"""Uploads that go straight to the file store (S3), past Lambda's payload limit.

The desk's form posts a file to a presigned address under a slot of the request's
`incoming/` folder; S3 then sends the browser back with the key (or, for the page's script,
which posts several files one after another, answers 201 and the script comes back itself).
That arrival is taken like any upload (type by content, size, title and visibility from the
form, the scan), and the incoming copy is removed. The way back is signed for the request,
the slot and the person, and lasts a day.
"""

from __future__ import annotations

import secrets
import shutil
import tempfile
from dataclasses import dataclass
from datetime import timedelta

from itsdangerous import BadSignature, URLSafeTimedSerializer

from pra.domain.files import RequestFile, Visibility
from pra.ports import UploadForm
from pra.services import Services
from pra.services.files import Upload, upload_files

SALT = "pra-direct-upload"
FORM_LIFETIME = timedelta(hours=1)
ARRIVAL_LIFETIME = timedelta(days=1)


class ArrivalRefused(ValueError):
    """Not an upload this desk asked for."""


@dataclass(frozen=True)
class DirectUpload:
    """A form for files straight to the store, and where the desk takes each one after."""

    form: UploadForm
    arrival: str  # S3 adds `?key=…` when it redirects; a script adds it itself


def direct_upload_form(
    services: Services, number: str, actor: str, *, for_script: bool = False
) -> DirectUpload | None:
    """The form for files straight to the store; None where the app takes uploads itself.

    Without a script the form posts one file and S3 sends the browser to the arrival. A page's
    script posts several, one after another under the same slot (each is taken, and its
    incoming copy removed, before the next), so S3 answers 201 instead of redirecting.
    """
    slot = secrets.token_hex(8)
    token = _serializer(services).dumps([number, slot, actor])
    arrival = f"{services.settings.public_url}/staff/requests/{number}/files/arrived/{token}"
    limit = services.settings.max_upload_mb * 1024 * 1024
    redirect = None if for_script else arrival
    form = services.files.upload_form(_prefix(number, slot), limit, FORM_LIFETIME, redirect)
    return DirectUpload(form, arrival) if form is not None else None


def register_arrival(
    services: Services, number: str, token: str, key: str, actor: str
) -> list[RequestFile]:
    """Take the file S3 received as an upload to the request, then drop the incoming copy."""
    try:
        signed_number, slot, signed_actor = _serializer(services).loads(
            token, max_age=int(ARRIVAL_LIFETIME.total_seconds())
        )
    except (BadSignature, ValueError, TypeError):
        raise ArrivalRefused("this upload link is not valid or has expired") from None
    prefix = _prefix(number, slot)
    name = key.removeprefix(prefix)
    if (
        (signed_number, signed_actor) != (number, actor)
        or not key.startswith(prefix)
        or "/" in name
    ):
        raise ArrivalRefused("this upload does not belong to this request")
    stream = services.files.open(key)
    if stream is None:
        raise ArrivalRefused("the uploaded file is not there; upload it again")
    meta = services.files.metadata(key)
    visibility = Visibility.PUBLIC if meta.get("visibility") == "public" else Visibility.PRIVATE
    try:
        with stream, tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024) as spool:
            shutil.copyfileobj(stream, spool, 1024 * 1024)
            spool.seek(0)
            upload = Upload(spool, name, meta.get("title", ""), visibility)  # type: ignore[arg-type]
            return upload_files(services, number, [upload], actor)
    finally:
        services.files.delete(key)  # taken or refused, the incoming copy goes


def _prefix(number: str, slot: str) -> str:
    return f"requests/{number}/incoming/{slot}/"


def _serializer(services: Services) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(services.signing_key, salt=SALT)
