"""Every public text, in each language, uses the glossary's names and plain words.

Read: the letters as reviewed (golden texts), the requester's emails as rendered, the site's
pages and script, the pages and error messages the API renders. The adopted policies are
the Library's own documents, quoted word for word, and are left out.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pra.glossary import TERMS, avoided
from pra.staff.roles import ROLE_LABELS
from pra.web.public.words import PAGE_TEXT
from tests.letters.test_readability import requester_email

ROOT = Path(__file__).parents[2]
GOLDEN = Path(__file__).parent / "golden"
SITE = ROOT / "site_docs"
SCRIPT = (SITE / "assets" / "pra.js").read_text(encoding="utf-8")


def language_of(path: Path) -> str:
    return "es" if path.name.endswith(".es.md") or ".es." in path.name else "en"


def public_texts() -> list[tuple[str, str, str]]:
    """(where, language, text) of every public text."""
    texts = [(f"letter {p.name}", language_of(p), p.read_text()) for p in GOLDEN.glob("*.txt")]
    texts += [(f"page {p.name}", language_of(p), p.read_text()) for p in SITE.glob("*.md")]
    english, spanish = SCRIPT.split("\n    es: {", 1)
    texts += [("pra.js (en)", "en", english), ("pra.js (es)", "es", spanish)]
    texts += [(f"API pages ({lang})", lang, "\n".join(PAGE_TEXT[lang].values())) for lang in TERMS]
    for kind in ("acknowledgement", "appeal_received", "withdrawal_confirmed"):
        for lang in TERMS:
            texts.append((f"email {kind} ({lang})", lang, requester_email(kind, lang)))
    return texts


TEXTS = public_texts()


@pytest.mark.parametrize(("where", "language", "text"), TEXTS, ids=[t[0] for t in TEXTS])
def test_public_texts_use_the_glossary(where: str, language: str, text: str) -> None:
    # Markers the site's build fills in, and English names given in brackets for Spanish
    # readers who meet them in English mail, are not prose of the page's language.
    prose = re.sub(r"\{\{[^}]*\}\}|\((?:PRA|Library)[^)]*\)", "", " ".join(text.split()))
    assert avoided(prose, language) == [], where


DESK = ROOT / "functions" / "pra" / "web" / "staff"
STAFF_EMAILS = ROOT / "functions" / "pra" / "emails" / "templates"
STAFF_TEXTS = [
    *sorted((DESK / "templates" / "staff").glob("*.html")),
    *sorted(DESK.glob("*.py")),
    *sorted(STAFF_EMAILS.glob("*.en.*")),
    ROOT / "functions" / "pra" / "services" / "patron.py",
    ROOT / "functions" / "pra" / "services" / "respond.py",
]


@pytest.mark.parametrize("path", STAFF_TEXTS, ids=lambda p: p.name)
def test_the_desk_and_staff_emails_use_the_glossarys_names(path: Path) -> None:
    text = " ".join(path.read_text(encoding="utf-8").split())
    assert avoided(text, "en", public=False) == [], path.name


def test_the_desk_names_roles_as_the_glossary_does() -> None:
    assert ROLE_LABELS["coordinator"] == TERMS["en"]["coordinator"]
    assert ROLE_LABELS["director"] == TERMS["en"]["director"]


def test_the_glossary_refuses_what_it_should() -> None:
    assert avoided("We made a determination and redacted two lines.", "en") == [
        "'determination' (write 'decision')",
        "'redacted' (write 'blacked out')",
    ]
    assert avoided("Escriba a la persona Coordinadora.", "es")
    assert avoided("Write to the PRA Coordinator or the Library Director.", "en") == []
