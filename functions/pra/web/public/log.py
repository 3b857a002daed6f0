"""The public request log over HTTP: `GET /api/log.json` (paged, for the site's page and for
anyone), `GET /api/log` (the same, server-rendered, for browsers without JavaScript) and
`GET /api/log/<number>` (one request's entry). Handlers parse, call pra.services.public_log,
answer; nothing here reads a requester's data, which the entries do not hold."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import (
    Blueprint,
    abort,
    jsonify,
    redirect,
    render_template,
    request,
    stream_with_context,
    url_for,
)
from werkzeug.wrappers import Response

from pra.domain.public_log import outcome
from pra.domain.tracking import is_tracking_number, normalize_tracking_number
from pra.emails.words import long_date, status_label
from pra.services.open_data import (
    CSV_KEY,
    JSON_KEY,
    csv_lines,
    json_chunks,
    licence_and_dictionary,
)
from pra.services.public_log import (
    PAGE_SIZE,
    PublicEntry,
    feed_items,
    listed_request,
    public_log_page,
)
from pra.web.context import current_services
from pra.web.public.fields import language_or_default
from pra.web.public.log_words import APPEAL_OUTCOMES, EXTENSION_REASONS, LOG_TEXT
from pra.web.public.pages import render_page

blueprint = Blueprint("public_log", __name__)


@blueprint.before_request
def _only_when_on() -> None:
    if not current_services().settings.public_log:
        abort(404)  # the agency has not switched the log on: as if it were not there


@blueprint.get("/api/log.json")
def log_json() -> Response:
    language = language_or_default(request.args.get("lang"))
    page = public_log_page(current_services(), _cursor(), _limit())
    following = None
    if page.next_before:
        following = url_for(".log_json", before=page.next_before, lang=language)
    response = jsonify(
        entries=[entry_json(entry, language) for entry in page.entries], next=following
    )
    response.headers["Cache-Control"] = "public, max-age=300"
    return response


@blueprint.get("/api/log")
def log_page() -> str:
    language = language_or_default(request.args.get("lang"))
    before = _cursor()
    page = public_log_page(current_services(), before, PAGE_SIZE)
    return render_page(
        "log.html",
        language,
        w=LOG_TEXT[language],
        entries=[entry_view(entry, language) for entry in page.entries],
        older=url_for(".log_page", before=page.next_before, lang=language)
        if page.next_before
        else None,
        newest=url_for(".log_page", lang=language) if before else None,
    )


@blueprint.get("/api/log/feed.atom")
def log_feed() -> Response:
    """New requests and status changes of listed ones, for feed readers (Atom 1.0)."""
    language = language_or_default(request.args.get("lang"))
    services = current_services()
    items = [
        {
            **entry_view(item.entry, language),
            "status": status_label(
                item.entry.facts.status.value, item.entry.facts.records_owed, language
            ),
            "summary": item.entry.summary or LOG_TEXT[language]["pending"],
            "updated": item.updated.isoformat(),
        }
        for item in feed_items(services)
    ]
    body = render_template(
        "log_feed.xml",
        language=language,
        w=LOG_TEXT[language],
        url=services.settings.public_url,
        home="/es/" if language == "es" else "/",
        agency=services.settings.agency_name,
        updated=items[0]["updated"] if items else services.clock.now().isoformat(),
        items=items,
    )
    return Response(body, mimetype="application/atom+xml")


@blueprint.get("/api/log/<tracking_number>")
def log_entry(tracking_number: str) -> str:
    language = language_or_default(request.args.get("lang"))
    number = normalize_tracking_number(tracking_number)
    entry = listed_request(current_services(), number) if is_tracking_number(number) else None
    if entry is None:
        abort(404)
    return render_page(
        "log_entry.html",
        language,
        w=LOG_TEXT[language],
        entry=entry_view(entry, language),
        back=url_for(".log_page", lang=language),
    )


@blueprint.get("/api/open-data/requests.csv")
def open_data_csv() -> Response:
    """Every listed request, streamed: the first rows leave before the last are read (or, on
    AWS, the copy the sweep published, which CloudFront streams from S3)."""
    if current_services().settings.open_data_files:
        return redirect(f"/{CSV_KEY}", code=302)
    body = stream_with_context(csv_lines(current_services()))
    return _open_data(Response(body, mimetype="text/csv"), "requests.csv")


@blueprint.get("/api/open-data/requests.json")
def open_data_json() -> Response:
    services = current_services()
    if services.settings.open_data_files:
        return redirect(f"/{JSON_KEY}", code=302)
    body = stream_with_context(json_chunks(services, *licence_and_dictionary(services)))
    return _open_data(Response(body, mimetype="application/json"), "requests.json")


@blueprint.get("/public/open-data/<name>")
def published_open_data(name: str) -> Response:
    """The published copies, where no CloudFront serves them from S3 (`pra serve`)."""
    key = {"requests.csv": CSV_KEY, "requests.json": JSON_KEY}.get(name)
    stream = current_services().files.open(key) if key else None
    if stream is None:
        abort(404)
    kind = "text/csv" if name.endswith(".csv") else "application/json"
    return _open_data(Response(stream, mimetype=kind), name)


def _open_data(response: Response, filename: str) -> Response:
    licence = current_services().settings.agency.open_data
    response.headers["Content-Disposition"] = f'inline; filename="{filename}"'
    response.headers["Link"] = (
        f'<{licence.licence_url}>; rel="license", </open-data/>; rel="describedby"'
    )
    response.headers["Cache-Control"] = "public, max-age=3600"
    return response


def entry_json(entry: PublicEntry, language: str) -> dict[str, Any]:
    """One entry: its facts (dates as ISO strings), then as the log's pages show it."""
    facts, view = entry.facts, entry_view(entry, language)
    return {
        "tracking_number": facts.tracking_number,
        "url": url_for(".log_entry", tracking_number=facts.tracking_number, lang=language),
        "received": _iso(facts.received_on),
        "channel": facts.channel.value,
        "summary": entry.summary,
        "status": facts.status.value,
        "status_label": status_label(facts.status.value, facts.records_owed, language),
        "determination_due": _iso(facts.determination_due),
        "determined": _iso(facts.determined_on),
        "determination_on_time": facts.determination_on_time,
        "extended_to": _iso(facts.extended_to),
        "extension_reason": facts.extension_reason,
        "records_due": _iso(facts.release_due),
        "records_delivered": _iso(facts.released_on),
        "records_on_time": facts.release_on_time,
        "appealed": _iso(facts.appealed_on),
        "appeal_outcome": facts.appeal_outcome,
        "closed": _iso(facts.closed_on),
        "outcome": outcome(facts),
        "overdue": facts.overdue,
        "exemptions": list(facts.exemptions),
        # As the log's pages show it, in the language asked for (the site's script prints these).
        "summary_text": entry.summary or LOG_TEXT[language]["pending"],
        "rows": view["rows"],
        "records_url": view["records_url"],
    }


def entry_view(entry: PublicEntry, language: str) -> dict[str, Any]:
    """One entry as the pages show it: its number, summary, status and (label, value) rows."""
    w, facts = LOG_TEXT[language], entry.facts

    def day(value: date | None, met: bool | None = None) -> str:
        if value is None:
            return ""
        words = long_date(value, language)
        return words if met is None else f"{words} ({w['on_time'] if met else w['late']})"

    due = long_date(facts.determination_due, language)
    if facts.determined_on is None:
        due += f" ({w['overdue'] if facts.overdue else w['open']})"
    rows = [
        (w["status"], status_label(facts.status.value, facts.records_owed, language)),
        (w["received"], day(facts.received_on)),
        (w["response_due"], due),
        (w["responded"], day(facts.determined_on, facts.determination_on_time)),
        (w["extended"], day(facts.extended_to)),
        (w["extension_reason"], EXTENSION_REASONS[language].get(facts.extension_reason or "", "")),
        (w["records_due"], day(facts.release_due)),
        (w["records_delivered"], day(facts.released_on, facts.release_on_time)),
        (w["appealed"], day(facts.appealed_on)),
        (w["appeal_outcome"], APPEAL_OUTCOMES[language].get(facts.appeal_outcome or "", "")),
        (w["closed"], day(facts.closed_on)),
    ]
    return {
        "number": facts.tracking_number,
        "url": url_for(".log_entry", tracking_number=facts.tracking_number, lang=language),
        "summary": entry.summary,
        "rows": [[label, value] for label, value in rows if value],
        "records_url": url_for(
            "records.record_list",
            q=facts.tracking_number,
            year=facts.released_on.year,
            lang=language,
        )
        if facts.released_on
        else None,
    }


def _cursor() -> str | None:
    before = normalize_tracking_number(request.args.get("before", ""))
    if before and not is_tracking_number(before):
        abort(400, "before must be a tracking number such as PRA-2026-00042")
    return before or None


def _limit() -> int:
    raw = request.args.get("limit", "")
    if not raw:
        return PAGE_SIZE
    if not (raw.isascii() and raw.isdigit()) or not 1 <= int(raw) <= 200:
        abort(400, "limit must be a whole number from 1 to 200")
    return int(raw)


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None
