"""The desk's warning when typed text in a Spanish letter reads as English."""

from __future__ import annotations

import pytest

from pra.letters.language import looks_english


@pytest.mark.parametrize(
    "text",
    [
        "We understood your request as the minutes of the board for 2025.",
        "Which branch do you mean, and for what months?",
        "The records hold the names of patrons who are not part of the request.",
    ],
)
def test_english_sentences_are_caught(text: str) -> None:
    assert looks_english(text)


@pytest.mark.parametrize(
    "text",
    [
        "Entendimos su solicitud como las actas de la junta de 2025.",
        "¿De qué sucursal habla, y de qué meses?",
        "Los registros tienen los nombres de usuarios que no son parte de la solicitud.",
        "Alex Kim, Deputy County Counsel",  # a name and title: the same in both languages
        "Gov. Code § 7927.705",
        "",
    ],
)
def test_spanish_names_and_citations_pass(text: str) -> None:
    assert not looks_english(text)
