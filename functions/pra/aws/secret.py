"""The API function's signing key, kept in SSM Parameter Store as a SecureString (free).

Only the API function signs anything (sessions, confirmations, download links); it reads the
key once per container. A new stack has no key yet: the first container makes one at random
and stores it, and a container racing it reads the one that won. Deleting the parameter and
restarting the function (a deploy) makes a new one, which signs everyone out.
"""

from __future__ import annotations

import contextlib
import secrets
from typing import Any


def signing_key(ssm: Any, name: str) -> str:
    """The key stored under `name`, made and stored first if there is none."""
    existing = _stored(ssm, name)
    if existing is not None:
        return existing
    # Another container may make it first: then theirs is the key, read below.
    with contextlib.suppress(ssm.exceptions.ParameterAlreadyExists):
        ssm.put_parameter(
            Name=name,
            Value=secrets.token_hex(32),
            Type="SecureString",
            Overwrite=False,
            Description="Signs the portal's cookies and links; delete it to sign everyone out",
        )
    made = _stored(ssm, name)
    if made is None:
        raise RuntimeError(f"the signing key {name} could not be stored")
    return made


def _stored(ssm: Any, name: str) -> str | None:
    try:
        answer = ssm.get_parameter(Name=name, WithDecryption=True)
    except ssm.exceptions.ParameterNotFound:
        return None
    return str(answer["Parameter"]["Value"])
