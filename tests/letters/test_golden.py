"""Every letter's text in both languages, as reviewed once: tests/letters/golden/.

A change to a letter's words shows here as a diff to read. After reading it, write the new
texts with `PRA_GOLDEN=update .venv/bin/pytest tests/letters/test_golden.py` and commit them.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from pra.letters.builder import KINDS
from tests.conftest import text_body
from tests.letters.test_letters import facts, render

QUESTION_DAY = date(2026, 11, 18)
GOLDEN = Path(__file__).parent / "golden"
# Variants worth a reading of their own: (name, kind, changes to the facts).
VARIANTS = [(kind, kind, {}) for kind in KINDS] + [
    ("closed_by_library", "withdrawn", {"closed_by": "library"}),
    (
        "released_fee_owed_child_13_to_17",
        "released",
        {"fee_owed": 1550, "patron_case": "child_13_to_17"},
    ),
    ("initial_response_question_open", "initial_response", {"question_asked_on": QUESTION_DAY}),
]


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize(("name", "kind", "changes"), VARIANTS, ids=[v[0] for v in VARIANTS])
def test_the_letter_reads_as_reviewed(name: str, kind: str, changes: dict, language: str) -> None:
    message = render(facts(kind, language, **changes))
    text = f"Subject: {message['Subject']}\n\n{text_body(message)}"
    path = GOLDEN / f"{name}.{language}.txt"
    if os.environ.get("PRA_GOLDEN") == "update":
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"no reviewed text for {name} ({language}): see this module's doc"
    assert text == path.read_text(encoding="utf-8")
