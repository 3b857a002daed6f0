"""The exemption catalogue of Policy 1002 § III.B, old and current citations (LEGAL-NOTES.md)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Disclosure(StrEnum):
    MAY_WITHHOLD = "may_withhold"
    # § 7927.105: only to staff within their duties, the patron, someone the patron
    # authorised in writing, or on a court order. Never to the public.
    MUST_NOT_DISCLOSE = "must_not_disclose"


@dataclass(frozen=True)
class Exemption:
    key: str
    title: str
    policy_citation: str  # as Policy 1002 (2022) has it, before the 2023 recodification
    current_citation: str  # Gov. Code § 7920.000 et seq.
    disclosure: Disclosure = Disclosure.MAY_WITHHOLD
    # Mappings LEGAL-NOTES.md marks unverified: counsel confirms before letters cite them.
    verified: bool = True

    def citation(self) -> str:
        """How a letter cites it: the current section, the old one in brackets."""
        return f"{self.current_citation} [formerly {self.policy_citation}]"


def _e(key: str, title: str, old: str, new: str, **kw: object) -> Exemption:
    return Exemption(key, title, old, new, **kw)  # type: ignore[arg-type]


CATALOGUE: tuple[Exemption, ...] = (
    _e("circulation", "Circulation records", "Gov. Code § 6254(j)", "Gov. Code § 7927.100"),
    _e(
        "patron_use",
        "Patron use records",
        "Gov. Code §§ 6267, 6254(k)",
        "Gov. Code § 7927.105",
        disclosure=Disclosure.MUST_NOT_DISCLOSE,
    ),
    _e(
        "reference_exhibition",
        "Reference or exhibition materials",
        "Gov. Code § 6254(j)",
        "Gov. Code § 7927.100",
    ),
    _e("drafts", "Drafts and memoranda", "Gov. Code § 6254(a)", "Gov. Code § 7927.500"),
    _e(
        "pending_litigation",
        "Pending litigation",
        "Gov. Code § 6254(b)",
        "Gov. Code § 7927.200",
        verified=False,
    ),
    _e("personnel", "Personnel records", "Gov. Code § 6254(c)", "Gov. Code § 7927.700"),
    _e(
        "employee_personal",
        "Employee personal information",
        "Gov. Code § 6254.3",
        "Gov. Code § 7928.300",
    ),
    _e("tests", "Tests", "Gov. Code § 6254(g)", "Gov. Code § 7929.605", verified=False),
    _e(
        "privileged",
        "Confidential and privileged records",
        "Gov. Code § 6254(k)",
        "Gov. Code § 7927.705",
    ),
    _e(
        "collective_bargaining",
        "Collective bargaining",
        "Gov. Code § 6254(p)(2)",
        "Gov. Code § 7928.410",
    ),
    _e(
        "native_american",
        "Native American sacred records",
        "Gov. Code § 6254(r)",
        "Gov. Code § 7927.000",
        verified=False,
    ),
    _e(
        "terrorist_vulnerability",
        "Terrorist vulnerability analyses",
        "Gov. Code § 6254(aa)",
        "Gov. Code § 7929.200",
    ),
    _e("computer_programs", "Computer programs", "Gov. Code § 6254.9(b)", "Gov. Code § 7922.585"),
    _e(
        "official_information",
        "Official information privilege",
        "Gov. Code § 6254(k); Evid. Code § 1040",
        "Gov. Code § 7927.705; Evid. Code § 1040",
    ),
    _e(
        "public_interest",
        "Public interest in confidentiality outweighs disclosure",
        "Gov. Code § 6255(a)",
        "Gov. Code § 7922.000",
    ),
    # The policy's list is not exhaustive: any law that exempts or forbids disclosure (§ 7927.705,
    # formerly § 6254(k)), with the provision the coordinator cites, e.g. Welf. & Inst. Code § 827.
    _e(
        "other_law",
        "Another provision of law",
        "Gov. Code § 6254(k)",
        "Gov. Code § 7927.705",
    ),
)

_BY_KEY = {exemption.key: exemption for exemption in CATALOGUE}


def exemption(key: str) -> Exemption:
    try:
        return _BY_KEY[key]
    except KeyError:
        raise KeyError(f"no exemption {key!r} in the catalogue") from None
