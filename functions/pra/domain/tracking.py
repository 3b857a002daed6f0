"""Tracking numbers people can read aloud, and access codes nobody can guess."""

from __future__ import annotations

import base64
import hashlib
import re

_TRACKING = re.compile(r"PRA-(\d{4})-(\d{5,})")
ACCESS_CODE_BYTES = 10  # 80 random bits


def tracking_number(year: int, sequence: int) -> str:
    return f"PRA-{year:04d}-{sequence:05d}"


def parse_tracking_number(text: str) -> tuple[int, int]:
    """(year, sequence) of a tracking number; ValueError for anything else."""
    found = _TRACKING.fullmatch(normalize_tracking_number(text))
    if found is None:
        raise ValueError(f"not a tracking number: {text!r}")
    return int(found.group(1)), int(found.group(2))


def is_tracking_number(text: str) -> bool:
    return _TRACKING.fullmatch(text) is not None


def normalize_tracking_number(text: str) -> str:
    return text.strip().upper()


def access_code(random_bytes: bytes) -> str:
    """16 base32 letters and digits in groups of four, e.g. `K7QX-M2PA-…`."""
    if len(random_bytes) < ACCESS_CODE_BYTES:
        raise ValueError(f"an access code needs at least {ACCESS_CODE_BYTES} random bytes")
    letters = base64.b32encode(random_bytes[:ACCESS_CODE_BYTES]).decode("ascii")
    return "-".join(letters[i : i + 4] for i in range(0, len(letters), 4))


def access_code_digest(code: str) -> str:
    """What we store: a digest of the code as typed, ignoring case, spaces and dashes."""
    canonical = re.sub(r"[\s-]", "", code).upper()
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
