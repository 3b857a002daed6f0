"""One glossary per language: the names and plain words every public text uses.

Pages (through the site's build hook), emails, letters and the desk name the coordinator,
the Director and the Branch Manager the same way, and what the public reads says "decision"
and "blacked out" where the law would say "determination" and "redacted". NAMES and
PLAIN_WORDS list what must not appear in a text of that language, with what to write
instead; tests/letters/test_glossary.py reads every public text and the desk against them.
"""

from __future__ import annotations

import re

TERMS = {
    "en": {
        "coordinator": "PRA Coordinator",
        "director": "Library Director",
        "branch_manager": "Branch Manager",
        "decision": "decision",
        "blacked_out": "blacked out",
    },
    "es": {
        "coordinator": "Coordinación de Registros Públicos",
        "director": "Dirección de la Biblioteca",
        "branch_manager": "gerencia de la sucursal",
        "decision": "decisión",
        "blacked_out": "tachado",
    },
}

# Names are the same everywhere, the desk included; plain words are for what the public
# reads (staff work with the law's own terms).
NAMES: dict[str, list[tuple[str, str]]] = {
    "en": [
        (r"\bPRA coordinator\b|(?<!PRA )\bCoordinator\b", "PRA Coordinator"),
        (r"\b[Tt]he Director\b|\bDirector of the Library\b", "the Library Director"),
    ],
    "es": [
        (
            r"\bpersona [Cc]oordinadora\b|\b[Cc]oordinador(?:a)? de\b",
            "la Coordinación de Registros Públicos",
        ),
        (r"\bDirector(?:a)? de la Biblioteca\b|\bel Director\b", "la Dirección de la Biblioteca"),
    ],
}
PLAIN_WORDS: dict[str, list[tuple[str, str]]] = {
    "en": [
        (r"\bdeterminations?\b", "decision"),
        (r"\bredact(?:ed|ion|ions|s)?\b", "blacked out"),
    ],
    "es": [(r"\bdeterminaci[oó]n(?:es)?\b", "decisión")],
}


def avoided(text: str, language: str, *, public: bool = True) -> list[str]:
    """Each word to avoid found in `text`, with what to write instead; for staff texts
    (`public=False`) only the names."""
    rules = NAMES[language] + (PLAIN_WORDS[language] if public else [])
    found = []
    for pattern, instead in rules:
        for match in re.finditer(pattern, text):
            found.append(f"{match.group(0)!r} (write {instead!r})")
    return found
