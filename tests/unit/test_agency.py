"""The agency file and its overrides (pra.agency): what the site and the app both read."""

from __future__ import annotations

from pathlib import Path

import pytest

from pra.agency import DEFAULT_FILE, AgencyError, load_agency, shipped_agency
from pra.config import Settings, SettingsError


def test_the_shipped_file_names_the_library_and_its_fees() -> None:
    agency = shipped_agency()
    assert agency.name == "Sonoma County Library"
    assert agency.email == "pra@sonomalibrary.org"
    assert agency.fees.per_page == 10 and agency.fees.postage == 78
    assert agency.logo_svg.startswith("<svg")
    assert agency.address_line.endswith("Rohnert Park, CA 94928")
    assert agency.public_values()["phone_uri"] == "tel:+17075450831"


def test_an_environment_variable_overrides_one_value() -> None:
    agency = load_agency({"PRA_AGENCY_NAME": "Another Library", "PRA_COPY_FEE_PER_PAGE": "$0.15"})
    assert (agency.name, agency.fees.per_page) == ("Another Library", 15)
    assert agency.email == shipped_agency().email


def test_the_settings_take_the_coordinators_mailbox_from_the_agency_unless_set() -> None:
    assert Settings.from_env({}).coordinator_email == "pra@sonomalibrary.org"
    chosen = Settings.from_env({"PRA_COORDINATOR_EMAIL": "inbox@library.example"})
    assert (chosen.coordinator_email, chosen.agency.email) == (
        "inbox@library.example",
        "pra@sonomalibrary.org",
    )


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"PRA_COPY_FEE_PER_PAGE": "ten cents"}, "PRA_COPY_FEE_PER_PAGE must be dollars and cents"),
        ({"PRA_AGENCY_PRIMARY_COLOUR": "#7f9fff"}, "PRA_AGENCY_PRIMARY_COLOUR: .*4.5:1"),
        ({"PRA_AGENCY_EMAIL": "not an address"}, "PRA_AGENCY_EMAIL: String should match"),
        ({"PRA_AGENCY_FILE": "/nowhere/agency.toml"}, "agency file /nowhere/agency.toml"),
    ],
)
def test_a_value_that_cannot_be_used_is_one_clear_error(env: dict[str, str], message: str) -> None:
    with pytest.raises(SettingsError, match=message):
        Settings.from_env(env)


def test_a_file_with_a_wrong_value_names_the_key(tmp_path: Path) -> None:
    text = DEFAULT_FILE.read_text()
    (tmp_path / "agency.toml").write_text(text.replace('"0.10"', '"ten"'))
    (tmp_path / "logo.svg").write_text("<svg/>")
    with pytest.raises(AgencyError, match=r"fees\.per_page"):
        load_agency({"PRA_AGENCY_FILE": str(tmp_path / "agency.toml")})
