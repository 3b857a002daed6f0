"""GET /api/statistics.json, the page without JavaScript and the charts' SVG (issue 16)."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from datetime import date

import pytest

from pra.services import Services
from pra.services.patron import mark_patron_records
from pra.services.statistics import refresh_statistics
from tests.services.sweep_support import on, submit_on

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def figures(services: Services) -> Services:
    for day in (date(2026, 10, 5), date(2026, 11, 2), date(2026, 11, 16)):
        submit_on(services, day)
    patron = submit_on(services, date(2026, 11, 16))
    mark_patron_records(on(services, date(2026, 11, 16)), patron, True, "c@library.example")
    refresh_statistics(on(services, date(2026, 11, 16)))
    return services


def test_the_json_is_the_summary_with_a_cache_of_minutes(client, figures: Services) -> None:
    answer = client.get("/api/statistics.json")
    assert answer.status_code == 200
    assert answer.cache_control.max_age == 300 and answer.cache_control.public
    body = answer.get_json()
    november = next(m for m in body["months"] if m["period"] == "2026-11")
    assert november["received"]["total"] == 2
    assert november["patron_records"] == {"fewer_than": 5}
    assert body["suppressed_below"] == 5 and body["percentiles"] == "nearest-rank"


def test_before_the_first_run_the_figures_are_zero(client) -> None:
    body = client.get("/api/statistics.json").get_json()
    assert body["open"] == 0 and body["months"][0]["received"]["total"] == 0


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", ["Statistics", "Requests received each month", "fewer than 5", "Nov 2026"]),
        ("es", ["Estadísticas", "Solicitudes recibidas cada mes", "menos de 5", "nov 2026"]),
    ],
)
def test_the_page_without_javascript(client, figures: Services, language: str, words) -> None:
    page = client.get(f"/api/statistics?lang={language}&period=2026-11").get_data(as_text=True)
    for word in words:
        assert word in page
    assert page.count('role="img" aria-labelledby="pra-chart-') == 3  # three charts
    assert page.count("<table") == 4
    assert f'<html lang="{language}"' in page


def test_an_unknown_period_shows_the_latest_year(client, figures: Services) -> None:
    page = client.get("/api/statistics?period=1999").get_data(as_text=True)
    assert '<option value="2026" selected>' in page


@pytest.mark.parametrize("name", ["received", "determinations", "days"])
def test_each_chart_is_an_svg_image_with_a_title(client, figures: Services, name: str) -> None:
    answer = client.get(f"/api/statistics/{name}.svg?lang=es")
    assert answer.content_type == "image/svg+xml; charset=utf-8"
    svg = ET.fromstring(answer.get_data())
    assert svg.get("role") == "img"
    title = svg.find(f"{SVG}title")
    assert title is not None and title.text
    assert svg.find(f"{SVG}desc") is not None
    assert client.get("/api/statistics/other.svg").status_code == 404


def test_the_received_chart_draws_one_bar_a_month_with_requests(client, figures) -> None:
    svg = ET.fromstring(client.get("/api/statistics/received.svg").get_data())
    bars = [r for r in svg.iter(f"{SVG}rect") if float(r.get("y", 0)) > 30]
    assert len(bars) == 2  # October 1, November 2 (the patron-record request not drawn)
    heights = sorted(float(r.get("height", 0)) for r in bars)
    assert heights[1] == pytest.approx(2 * heights[0])
    assert json.loads(client.get("/api/statistics.json").get_data())["open"] == 3
