"""Markup the Nu HTML Checker refused (issue 15): an empty aria-describedby on the form shown
again with errors (the staff pages' <time> values: tests/staff/test_request_page.py)."""

from __future__ import annotations

import re

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
