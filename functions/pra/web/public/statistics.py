"""The public statistics (issue 16): the figures as JSON, a page of them for browsers without
JavaScript, and their charts as SVG for the site's page. The daily sweep writes the figures
(pra.services.statistics); these handlers only read one file."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import Blueprint, Response, abort, jsonify, render_template, request

from pra.emails.words import long_date
from pra.services.statistics import summary_or_empty
from pra.web.context import current_services
from pra.web.public.fields import language_or_default
from pra.web.public.pages import render_page
from pra.web.public.statistics_charts import CHARTS, chart
from pra.web.public.statistics_words import MONTHS, STATISTICS_TEXT

blueprint = Blueprint("statistics", __name__, url_prefix="/api")
MAX_AGE = 300  # seconds: the figures change once a day, or when staff run them


def _cached(response: Response) -> Response:
    response.cache_control.public = True
    response.cache_control.max_age = MAX_AGE
    return response


@blueprint.get("/statistics.json")
def statistics_json() -> Response:
    return _cached(jsonify(summary_or_empty(current_services())))


@blueprint.get("/statistics/<name>.svg")
def statistics_chart(name: str) -> Response:
    if name not in CHARTS:
        abort(404)
    language = language_or_default(request.args.get("lang"))
    drawn = chart(summary_or_empty(current_services()), name, language)
    svg = render_template("_chart.svg", chart=drawn, standalone=True)
    return _cached(Response(svg, content_type="image/svg+xml; charset=utf-8"))


@blueprint.get("/statistics")
def statistics_page() -> Any:
    """The figures, their charts and tables, without JavaScript."""
    language = language_or_default(request.args.get("lang"))
    words = STATISTICS_TEXT[language]
    figures = summary_or_empty(current_services())
    periods = [f["period"] for f in figures["years"] + figures["months"]]
    asked = request.args.get("period", "")
    period = asked if asked in periods else periods[0]
    chosen = next(f for f in figures["years"] + figures["months"] if f["period"] == period)
    page = render_page(
        "statistics.html",
        language,
        s=words,
        as_of=long_date(date.fromisoformat(figures["as_of"]), language),
        figures=figures,
        charts=[chart(figures, name, language) for name in CHARTS],
        periods=[(p, period_name(p, language)) for p in periods],
        period=period,
        period_name=period_name(period, language),
        rows=figure_rows(chosen, words),
    )
    return _cached(Response(page, content_type="text/html; charset=utf-8"))


def period_name(period: str, language: str) -> str:
    if len(period) == 4:
        return period
    year, month = period.split("-")
    return f"{MONTHS[language][int(month) - 1]} {year}"


def figure_rows(figures: dict[str, Any], words: dict[str, str]) -> list[tuple[str, str, bool]]:
    """(label, value, whether it is a part of the row above) for each figure of a period."""

    def text(value: Any) -> str:
        if isinstance(value, dict):
            return words["fewer_than"].format(n=value["fewer_than"])
        return "–" if value is None else str(value)

    received, determinations = figures["received"], figures["determinations"]
    releases, extensions, appeals = figures["releases"], figures["extensions"], figures["appeals"]
    rows = [(words["received"], text(received["total"]), False)]
    rows += [
        (words.get(f"channel_{channel}", channel), text(n), True)
        for channel, n in received["by_channel"].items()
    ]
    rows += [
        (words["patron_records"], text(figures["patron_records"]), False),
        (words["determinations_on_time"], text(determinations["on_time"]), False),
        (words["determinations_late"], text(determinations["late"]), False),
        (words["days_to_determination_median"], text(determinations["days"]["median"]), False),
        (words["days_to_determination_p90"], text(determinations["days"]["p90"]), False),
        (words["releases_on_time"], text(releases["on_time"]), False),
        (words["releases_late"], text(releases["late"]), False),
        (words["days_to_release_median"], text(releases["days"]["median"]), False),
        (words["days_to_release_p90"], text(releases["days"]["p90"]), False),
        (words["extensions"], text(extensions["total"]), False),
    ]
    rows += [
        (words.get(f"reason_{reason}", reason), text(n), True)
        for reason, n in extensions["by_reason"].items()
    ]
    rows += [
        (words.get(f"outcome_{outcome}", outcome), text(n), False)
        for outcome, n in figures["outcomes"].items()
    ]
    rows.append((words["appeals"], text(appeals["total"]), False))
    rows += [
        (words.get(f"appeal_{outcome}", outcome), text(n), True)
        for outcome, n in appeals["by_outcome"].items()
    ]
    rows += [
        (words["open"], text(figures["open"]), False),
        (words["overdue"], text(figures["overdue"]), False),
    ]
    return rows
