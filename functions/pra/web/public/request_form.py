"""The request form as HTML: one template (templates/_request_form.html) for the site's page,
which the site's build fills in (hooks/pra_extra.py), and for the app's page that shows the
form again after a refused post (pages.request_form)."""

from __future__ import annotations

from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from pra.web.public.request_form_words import FORM_WORDS

TEMPLATE = "_request_form.html"


def form_context(language: str, per_page: str, api_base: str = "") -> dict[str, Any]:
    """What the template needs besides the language, the values typed and the errors."""
    return {
        "w": FORM_WORDS[language],
        "action": f"{api_base}/api/requests",
        "per_page": per_page,
        "fees_url": "/es/fees/" if language == "es" else "/fees/",
    }


def form_html(language: str, per_page: str, api_base: str = "") -> str:
    """The empty form, as the site's request page shows it."""
    environment = Environment(
        loader=PackageLoader("pra.web.public", "templates"), autoescape=select_autoescape()
    )
    context = form_context(language, per_page, api_base)
    empty = {"language": language, "values": {}, "error_by_field": {}}
    return environment.get_template(TEMPLATE).render(**empty, **context)
