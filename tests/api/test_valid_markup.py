"""Markup the Nu HTML Checker refused (issue 15): an empty aria-describedby on the form shown
again with errors (the staff pages' <time> values: tests/staff/test_request_page.py)."""

from __future__ import annotations

import re

import pytest
from flask.testing import FlaskClient


def test_the_form_shown_again_names_only_descriptions_that_exist(client: FlaskClient) -> None:
    page = client.post("/api/requests", data={"description": "short", "delivery": "mail"})
    html = page.get_data(as_text=True)
    assert page.status_code == 400
    described = re.findall(r'aria-describedby="([^"]*)"', html)
    assert described and all(value.strip() == value and value for value in described)
    for value in described:
        for target in value.split():
            assert f'id="{target}"' in html, target
    assert 'aria-describedby="pra-description-hint pra-description-error"' in html


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "Records you inspect in person are not mailed: choose “Pick up”, or another format"),
        (
            "es",
            "Los registros que consulta en persona no se envían por correo postal: "
            "elija «Recoger», u otro formato",
        ),
    ],
)
def test_inspecting_in_person_by_mail_is_refused_with_the_reason(
    client: FlaskClient, language: str, message: str
) -> None:
    form = {
        "description": "Minutes of the library commission, 2026",
        "format": "inspect",
        "delivery": "mail",
        "mailing_address": "1 Main Street, Santa Rosa",
        "language": language,
    }
    answer = client.post("/api/requests", json=form)
    assert answer.status_code == 400
    assert answer.get_json()["errors"] == {"delivery": message}
