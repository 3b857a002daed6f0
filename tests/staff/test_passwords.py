"""Passwords: a scrypt hash from werkzeug, checked in constant work, never kept in the clear."""

from __future__ import annotations

import pytest

from pra.staff.passwords import (
    MIN_LENGTH,
    WeakPassword,
    check_strength,
    hash_password,
    verify_password,
)


def test_a_hash_is_scrypt_and_never_the_password() -> None:
    hashed = hash_password("correct horse battery staple")
    assert hashed.startswith("scrypt:")
    assert "correct horse" not in hashed


def test_the_same_password_hashes_differently_each_time() -> None:
    assert hash_password("correct horse battery staple") != hash_password(
        "correct horse battery staple"
    )


def test_the_right_password_verifies_and_a_wrong_one_does_not() -> None:
    hashed = hash_password("correct horse battery staple")
    assert verify_password(hashed, "correct horse battery staple")
    assert not verify_password(hashed, "correct horse battery stapler")
    assert not verify_password(hashed, "")


def test_an_absurdly_long_password_is_refused_without_hashing() -> None:
    hashed = hash_password("correct horse battery staple")
    assert not verify_password(hashed, "x" * 100_000)


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("x" * (MIN_LENGTH - 1), "the password must be at least 12 characters long"),
        ("x" * 1025, "the password must be at most 1024 characters long"),
    ],
)
def test_weak_passwords_are_refused(password: str, message: str) -> None:
    with pytest.raises(WeakPassword) as refused:
        check_strength(password)
    assert str(refused.value) == message
    with pytest.raises(WeakPassword):
        hash_password(password)
