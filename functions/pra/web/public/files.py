"""Private downloads: a signed link from the delivery email or the status page.

On one machine the file streams from the folder; on AWS the answer is a redirect to a
presigned S3 address that lasts minutes, so large files never pass through Lambda.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, redirect

from pra.services.downloads import download
from pra.services.links import LinkExpired, LinkInvalid, read_link
from pra.web.context import current_services
from pra.web.public.pages import render_page
from pra.web.public.words import PAGE_TEXT

blueprint = Blueprint("private_files", __name__, url_prefix="/api/files")


@blueprint.get("/<token>")
def private_file(token: str) -> Any:
    services = current_services()
    try:
        target = read_link(services, token)
    except LinkExpired as expired:
        return _problem("link_expired", 410, _language(expired.tracking_number))
    except LinkInvalid:
        return _problem("link_unknown", 404)
    found = download(services, target)
    if found is None:
        return _problem("link_unknown", 404, _language(target.tracking_number))
    if found.url is not None:
        return redirect(found.url, code=303)
    assert found.stream is not None
    response = Response(found.stream, mimetype=found.content_type, direct_passthrough=True)
    response.headers["Content-Disposition"] = f'attachment; filename="{found.name}"'
    if found.size is not None:
        response.headers["Content-Length"] = str(found.size)
    # Never rendered in the portal's origin, never cached by anyone between.
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "sandbox"
    response.headers["Cache-Control"] = "private, no-store"
    response.call_on_close(found.stream.close)
    return response


def _problem(kind: str, status: int, language: str = "en") -> tuple[str, int]:
    words = PAGE_TEXT[language]
    days = current_services().settings.link_days
    title, message = words[f"{kind}_title"], words[kind].format(days=days)
    return render_page("link_problem.html", language, title=title, message=message), status


def _language(number: str) -> str:
    request = current_services().store.get(number)
    return request.submission.language.value if request else "en"
