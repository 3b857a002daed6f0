"""Password hashes from werkzeug (scrypt): never the password itself, anywhere."""

from __future__ import annotations

import secrets
from functools import cache

from werkzeug.security import check_password_hash, generate_password_hash

MIN_LENGTH = 12
MAX_LENGTH = 1024  # scrypt's cost grows with the input; refuse absurd lengths


class WeakPassword(ValueError):
    """The password is too short or too long to accept."""


def check_strength(password: str) -> None:
    if len(password) < MIN_LENGTH:
        raise WeakPassword(f"the password must be at least {MIN_LENGTH} characters long")
    if len(password) > MAX_LENGTH:
        raise WeakPassword(f"the password must be at most {MAX_LENGTH} characters long")


def hash_password(password: str) -> str:
    check_strength(password)
    return generate_password_hash(password, method="scrypt")


def verify_password(password_hash: str, password: str) -> bool:
    if len(password) > MAX_LENGTH:
        return False
    return check_password_hash(password_hash, password)


def spend_verification_time(password: str) -> None:
    """Check against a throwaway hash, so an unknown email costs what a known one does."""
    verify_password(_throwaway_hash(), password)


@cache
def _throwaway_hash() -> str:
    return generate_password_hash(secrets.token_urlsafe(32), method="scrypt")
