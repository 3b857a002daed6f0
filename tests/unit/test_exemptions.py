"""The exemption catalogue: Policy 1002 § III.B, with the citations of LEGAL-NOTES.md."""

from pathlib import Path

import pytest

from pra.domain.exemptions import CATALOGUE, Disclosure, Exemption, exemption

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"

# The bullets under "Specific PRA Exemptions" in Policy 1002 § III.B, in the policy's order.
POLICY_1002_BULLETS = {
    "circulation": "Circulation Records",
    "patron_use": "Patron Use Records",
    "reference_exhibition": "Reference or Exhibition Materials",
    "drafts": "Drafts and Memoranda",
    "pending_litigation": "Pending Litigation",
    "personnel": "Personnel Records",
    "employee_personal": "Employee Personal Information",
    "tests": "Tests",
    "privileged": "Confidential and Privileged Records",
    "collective_bargaining": "Collective Bargaining",
    "native_american": "Native American Sacred Records",
    "terrorist_vulnerability": "Terrorist Vulnerability Analyses",
    "computer_programs": "Computer Programs",
    "official_information": "Official Information Privilege",
    "public_interest": "Public Interest in Confidentiality Outweighs Disclosure",
}

# (as Policy 1002 cites it, the current section after the 2023 recodification)
CITATIONS = {
    "circulation": ("Gov. Code § 6254(j)", "Gov. Code § 7927.100"),
    "patron_use": ("Gov. Code §§ 6267, 6254(k)", "Gov. Code § 7927.105"),
    "reference_exhibition": ("Gov. Code § 6254(j)", "Gov. Code § 7927.100"),
    "drafts": ("Gov. Code § 6254(a)", "Gov. Code § 7927.500"),
    "pending_litigation": ("Gov. Code § 6254(b)", "Gov. Code § 7927.200"),
    "personnel": ("Gov. Code § 6254(c)", "Gov. Code § 7927.700"),
    "employee_personal": ("Gov. Code § 6254.3", "Gov. Code § 7928.300"),
    "tests": ("Gov. Code § 6254(g)", "Gov. Code § 7929.605"),
    "privileged": ("Gov. Code § 6254(k)", "Gov. Code § 7927.705"),
    "collective_bargaining": ("Gov. Code § 6254(p)(2)", "Gov. Code § 7928.410"),
    "native_american": ("Gov. Code § 6254(r)", "Gov. Code § 7927.000"),
    "terrorist_vulnerability": ("Gov. Code § 6254(aa)", "Gov. Code § 7929.200"),
    "computer_programs": ("Gov. Code § 6254.9(b)", "Gov. Code § 7922.585"),
    "official_information": (
        "Gov. Code § 6254(k); Evid. Code § 1040",
        "Gov. Code § 7927.705; Evid. Code § 1040",
    ),
    "public_interest": ("Gov. Code § 6255(a)", "Gov. Code § 7922.000"),
    "other_law": ("Gov. Code § 6254(k)", "Gov. Code § 7927.705"),
}


def bullets_in_the_policy() -> list[str]:
    """The headings of the bullets under "Specific PRA Exemptions" in the seed policy."""
    text = (SEEDS / "policy-1002-public-records-act.txt").read_text(encoding="utf-8")
    section = text.split("Specific PRA Exemptions", 1)[1].split("Conditions for Release", 1)[0]
    return [line[2:].rstrip(":") for line in section.splitlines() if line.startswith("- ")]


def test_the_bullets_here_are_the_policys_own_in_its_order():
    assert bullets_in_the_policy() == list(POLICY_1002_BULLETS.values())
    assert len(POLICY_1002_BULLETS) == 15


def test_the_catalogue_has_one_entry_per_policy_bullet_in_the_policys_order():
    # Then "another provision of law": the policy's list is not exhaustive (§ 7927.705).
    assert [e.key for e in CATALOGUE] == [*POLICY_1002_BULLETS, "other_law"]


@pytest.mark.parametrize(("key", "heading"), POLICY_1002_BULLETS.items())
def test_each_entry_is_titled_after_its_policy_bullet(key, heading):
    # The catalogue writes titles in sentence case; the policy capitalises each word.
    assert exemption(key).title.casefold() == heading.casefold()


def test_every_entry_carries_its_policy_citation_and_its_current_citation():
    assert {e.key: (e.policy_citation, e.current_citation) for e in CATALOGUE} == CITATIONS


def test_patron_use_records_are_the_only_ones_that_must_not_be_disclosed():
    must_not = [e.key for e in CATALOGUE if e.disclosure is Disclosure.MUST_NOT_DISCLOSE]
    may_withhold = [e.key for e in CATALOGUE if e.disclosure is Disclosure.MAY_WITHHOLD]
    assert (must_not, len(may_withhold)) == (["patron_use"], 15)


def test_the_patron_use_entry_in_full():
    assert exemption("patron_use") == Exemption(
        key="patron_use",
        title="Patron use records",
        policy_citation="Gov. Code §§ 6267, 6254(k)",
        current_citation="Gov. Code § 7927.105",
        disclosure=Disclosure.MUST_NOT_DISCLOSE,
        verified=True,
    )


@pytest.mark.parametrize(
    ("key", "citation"),
    [
        ("circulation", "Gov. Code § 7927.100 [formerly Gov. Code § 6254(j)]"),
        ("patron_use", "Gov. Code § 7927.105 [formerly Gov. Code §§ 6267, 6254(k)]"),
        (
            "official_information",
            "Gov. Code § 7927.705; Evid. Code § 1040"
            " [formerly Gov. Code § 6254(k); Evid. Code § 1040]",
        ),
    ],
)
def test_a_letter_cites_the_current_section_with_the_old_one_in_brackets(key, citation):
    assert exemption(key).citation() == citation


def test_the_three_mappings_legal_notes_marks_unverified_are_flagged():
    # LEGAL-NOTES.md: § 6254(b) → § 7927.200, § 6254(g) → § 7929.605, § 6254(r) → § 7927.000.
    unverified = {e.key: e.current_citation for e in CATALOGUE if not e.verified}
    assert unverified == {
        "pending_litigation": "Gov. Code § 7927.200",
        "tests": "Gov. Code § 7929.605",
        "native_american": "Gov. Code § 7927.000",
    }


def test_an_unknown_key_raises_key_error_naming_it():
    with pytest.raises(KeyError) as missing:
        exemption("library_fines")
    assert missing.value.args == ("no exemption 'library_fines' in the catalogue",)
