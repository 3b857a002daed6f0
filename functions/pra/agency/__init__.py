"""The agency the portal serves, from one file (agency.toml beside this module, or
PRA_AGENCY_FILE): its name, logo, address, phone, public email, office hours, colours and fees.

The site's build (hooks/pra_extra.py) and the app (pra.config.Settings) both read it, so a
branding change reaches the pages, the server's pages, the emails and the letters at once.
An environment variable overrides one value for one deployment (named in agency.toml).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

DEFAULT_FILE = Path(__file__).with_name("agency.toml")

_COLOUR = r"^#[0-9a-fA-F]{6}$"
_EMAIL = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"

# Environment variable → (table, key) in agency.toml; the table is "" for top-level keys.
OVERRIDES = {
    "PRA_AGENCY_NAME": ("", "name"),
    "PRA_AGENCY_SHORT_NAME": ("", "short_name"),
    "PRA_AGENCY_LOGO": ("", "logo"),
    "PRA_AGENCY_PHONE": ("", "phone"),
    "PRA_AGENCY_EMAIL": ("", "email"),
    "PRA_AGENCY_PRIMARY_COLOUR": ("colours", "primary"),
    "PRA_AGENCY_ACCENT_COLOUR": ("colours", "accent"),
    "PRA_COPY_FEE_PER_PAGE": ("fees", "per_page"),
    "PRA_AGENCY_POSTAGE": ("fees", "postage"),
}


class AgencyError(ValueError):
    """The agency file, or a value overriding it, cannot be used."""


class OfficeHours(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    en: str = Field(min_length=1)
    es: str = Field(min_length=1)


class Colours(BaseModel):
    """White text on `primary` (header, buttons); `accent` for links on white."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    primary: str = Field(pattern=_COLOUR)
    accent: str = Field(pattern=_COLOUR)

    @field_validator("primary", "accent")
    @classmethod
    def _readable_on_white(cls, value: str) -> str:
        # WCAG 2.1 AA: text needs 4.5:1; a paler colour would fail every page at once.
        ratio = 1.05 / (_luminance(value) + 0.05)
        if ratio < 4.5:
            raise ValueError(f"{value} against white is {ratio:.1f}:1; it needs 4.5:1 or more")
        return value


def _luminance(colour: str) -> float:
    """WCAG 2.1's relative luminance of #rrggbb."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


class Fees(BaseModel):
    """In whole cents; the file writes dollars ("0.10")."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    per_page: int = Field(ge=0)
    postage: int = Field(ge=0)

    @field_validator("per_page", "postage", mode="before")
    @classmethod
    def _cents(cls, value: object) -> int:
        if isinstance(value, int) and not isinstance(value, bool):
            return value  # already cents (a Fees made in code)
        return cents(str(value))


class OpenData(BaseModel):
    """The licence the public request log's open data is published under."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    licence: str = Field(min_length=1)
    licence_url: str = Field(pattern=r"^https?://\S+$")


class Agency(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    name: str = Field(min_length=1, max_length=120)
    short_name: str = Field(min_length=1, max_length=40)
    logo_svg: str = Field(min_length=1)  # the logo file's text, drawn inline
    address: tuple[str, ...] = Field(min_length=1)
    phone: str = Field(min_length=1)
    email: str = Field(pattern=_EMAIL)
    office_hours: OfficeHours
    colours: Colours
    fees: Fees
    open_data: OpenData

    def hours(self, language: str) -> str:
        return self.office_hours.es if language == "es" else self.office_hours.en

    @property
    def address_line(self) -> str:
        """The postal address on one line, as a sentence gives it."""
        return ", ".join(self.address)

    def public_values(self) -> dict[str, object]:
        """What pages and templates print (no logo text: the header draws it)."""
        return {
            "name": self.name,
            "short_name": self.short_name,
            "address": list(self.address),
            "address_line": self.address_line,
            "phone": self.phone,
            "phone_uri": "tel:+1" + re.sub(r"\D", "", self.phone)[-10:],
            "email": self.email,
            "office_hours": {"en": self.office_hours.en, "es": self.office_hours.es},
            "colours": {"primary": self.colours.primary, "accent": self.colours.accent},
            "open_data": {
                "licence": self.open_data.licence,
                "licence_url": self.open_data.licence_url,
            },
        }


def cents(dollars: str) -> int:
    """ "0.10" or "$0.10" as 10; AgencyError for anything but dollars and cents."""
    raw = dollars.strip()
    try:
        amount = Decimal(raw.removeprefix("$"))
    except InvalidOperation:
        amount = Decimal(-1)
    if amount < 0 or amount != amount.quantize(Decimal("0.01")):
        raise AgencyError(f"must be dollars and cents like 0.10, not {raw!r}")
    return int(amount * 100)


@cache
def shipped_agency() -> Agency:
    """The agency file shipped with the portal, without overrides (read once)."""
    return load_agency({})


def load_agency(environ: Mapping[str, str] | None = None) -> Agency:
    """The agency file (PRA_AGENCY_FILE or the one shipped) with the environment's overrides."""
    env = environ or {}
    path = Path(env.get("PRA_AGENCY_FILE") or DEFAULT_FILE)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise AgencyError(f"agency file {path}: {error.strerror or error}") from None
    except tomllib.TOMLDecodeError as error:
        raise AgencyError(f"agency file {path}: {error}") from None
    for variable, (table, key) in OVERRIDES.items():
        value = env.get(variable, "").strip()
        if not value:
            continue
        if table == "fees":
            try:
                cents(value)
            except AgencyError:
                raise AgencyError(
                    f"{variable} must be dollars and cents like 0.10, not {value!r}"
                ) from None
        (raw.setdefault(table, {}) if table else raw)[key] = value
    logo = path.parent / str(raw.pop("logo", "logo.svg"))
    try:
        raw["logo_svg"] = logo.read_text(encoding="utf-8").strip()
    except OSError as error:
        raise AgencyError(f"agency logo {logo}: {error.strerror or error}") from None
    if isinstance(raw.get("address"), str):
        raw["address"] = [raw["address"]]
    try:
        return Agency.model_validate(raw)
    except ValidationError as error:
        problem = error.errors()[0]
        where = tuple(str(part) for part in problem["loc"])
        for variable, (table, key) in OVERRIDES.items():
            if env.get(variable, "").strip() and where == tuple(p for p in (table, key) if p):
                raise AgencyError(f"{variable}: {problem['msg']}") from None
        raise AgencyError(f"agency file {path}: {'.'.join(where)}: {problem['msg']}") from None
