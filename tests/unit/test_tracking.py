"""Tracking numbers people read aloud; access codes nobody can guess."""

import re

import pytest

from pra.domain.tracking import (
    access_code,
    access_code_digest,
    is_tracking_number,
    normalize_tracking_number,
    tracking_number,
)

# bytes 00..09 in base32 (RFC 4648), worked out by hand in 5-bit groups.
CODE_OF_0_TO_9 = "AAAQ-EAYE-AUDA-OCAJ"
# SHA-256 of "AAAQEAYEAUDAOCAJ": stored digests must keep matching the codes people hold.
DIGEST_OF_0_TO_9 = "32eea21c34ff5481817b0eada6d2570557a98f2767737e633a932158c69acb16"


@pytest.mark.parametrize(
    ("year", "sequence", "number"),
    [
        (2026, 42, "PRA-2026-00042"),  # padded to five digits
        (2027, 1, "PRA-2027-00001"),  # the first of a year
        (2026, 123456, "PRA-2026-123456"),  # past 99,999 it grows rather than wraps
    ],
)
def test_a_tracking_number_is_the_year_and_a_padded_sequence(year, sequence, number):
    assert tracking_number(year, sequence) == number


@pytest.mark.parametrize(
    ("text", "valid"),
    [
        ("PRA-2026-00042", True),
        ("PRA-2026-123456", True),  # a sixth digit in a busy year
        ("pra-2026-00042", False),  # normalise first
        ("PRA-2026-0042", False),  # four digits is not a sequence we issue
        ("PRA-26-00042", False),  # two-digit year
        ("PRA 2026 00042", False),  # spaces instead of dashes
        (" PRA-2026-00042", False),  # surrounding space: normalise first
        ("PRA-2026-00042\n", False),  # a trailing newline is not part of a number
        ("PRA-2026-00042-1", False),  # trailing text
        ("", False),
    ],
)
def test_is_tracking_number_accepts_exactly_the_numbers_we_issue(text, valid):
    assert is_tracking_number(text) is valid


def test_normalizing_a_typed_tracking_number_trims_and_upper_cases_it():
    assert normalize_tracking_number("  pra-2026-00042 \n") == "PRA-2026-00042"


def test_an_access_code_is_four_groups_of_four_base32_characters():
    assert access_code(bytes(range(10))) == CODE_OF_0_TO_9


def test_an_access_code_of_random_bytes_has_the_same_shape():
    code = access_code(b"\x8f\x12\xa0\x07\xee\x39\x5c\xd1\x44\xfb")
    assert re.fullmatch(r"[A-Z2-7]{4}(-[A-Z2-7]{4}){3}", code) is not None


def test_an_access_code_uses_only_the_first_ten_bytes():
    assert access_code(bytes(range(12))) == CODE_OF_0_TO_9


@pytest.mark.parametrize("size", [0, 9])
def test_an_access_code_refuses_fewer_than_ten_random_bytes(size):
    with pytest.raises(ValueError, match=r"^an access code needs at least 10 random bytes$"):
        access_code(bytes(size))


def test_random_inputs_one_bit_apart_give_different_codes():
    codes = (access_code(bytes(10)), access_code(bytes(9) + b"\x01"))
    assert codes == ("AAAA-AAAA-AAAA-AAAA", "AAAA-AAAA-AAAA-AAAB")


@pytest.mark.parametrize(
    "typed",
    [
        "AAAQ-EAYE-AUDA-OCAJ",  # as issued
        "aaaq-eaye-auda-ocaj",  # lower case
        "AAAQ EAYE AUDA OCAJ",  # spaces for dashes
        "AAAQEAYEAUDAOCAJ",  # no separators
        " aaaq-eaye auda-ocaj ",  # a bit of everything
    ],
)
def test_the_access_code_digest_ignores_case_spaces_and_dashes(typed):
    assert access_code_digest(typed) == DIGEST_OF_0_TO_9


def test_a_different_code_has_a_different_digest():
    assert access_code_digest("AAAA-AAAA-AAAA-AAAB") != DIGEST_OF_0_TO_9
