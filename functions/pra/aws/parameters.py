"""What the stack keeps for the functions in SSM Parameter Store (free), read once a container.

The portal's address (`/<stack>/public-url`): the template writes it, from the domain or else
CloudFront's own name, which the functions cannot be handed directly (the distribution is
made after them, from the API they serve).

The API function's signing key (`/<stack>/secret-key`, a SecureString): only the API signs
anything (sessions, confirmations, download links). A new stack has no key yet: the first
container makes one at random and stores it, and a container racing it reads the one that
won. Deleting the parameter and restarting the function (a deploy) makes a new one, which
signs everyone out.
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


def public_url(ssm: Any, name: str) -> str:
    """The portal's address as the stack wrote it."""
    address = _stored(ssm, name)
    if address is None:
        raise RuntimeError(f"{name} is missing: the stack writes it once CloudFront exists")
    return address.rstrip("/")


def _stored(ssm: Any, name: str) -> str | None:
    try:
        answer = ssm.get_parameter(Name=name, WithDecryption=True)
    except ssm.exceptions.ParameterNotFound:
        return None
    return str(answer["Parameter"]["Value"])
