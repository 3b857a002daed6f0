"""Put values from `extra` in mkdocs.yml into pages: `{{ extra.fees.per_page }}`.

Markdown cannot read the configuration, and the agency's name, contacts, fees and API
origin must be set in one place. Values are HTML-escaped, so a marker may stand in text
or in an attribute of raw HTML. An unknown marker is a warning, which --strict makes fatal.
"""

import html
import logging
import re
from collections.abc import Mapping

log = logging.getLogger("mkdocs.hooks.pra_extra")

MARKER = re.compile(r"\{\{\s*extra\.([A-Za-z0-9_.]+)\s*\}\}")


def on_config(config):
    """Normalise the API origin once: no trailing slash, so `{{ extra.api_base }}/api/...` works.

    The per-page fee comes from the app's settings (PRA_COPY_FEE_PER_PAGE), so the fees page
    and the fee letters can never disagree; the names of the coordinator and the Director
    come from the glossary the letters, emails and desk use (`extra.glossary.en.director`).
    """
    from pra.config import Settings
    from pra.domain.fees import dollars
    from pra.glossary import TERMS

    config.extra["api_base"] = (config.extra.get("api_base") or "").rstrip("/")
    fees = dict(config.extra.get("fees") or {})
    fees["per_page"] = dollars(Settings.from_env().copy_fee_per_page)
    config.extra["fees"] = fees
    config.extra["glossary"] = TERMS
    library = dict(config.extra.get("library") or {})
    library["director_title"] = TERMS["en"]["director"]
    library["director_title_es"] = TERMS["es"]["director"]
    config.extra["library"] = library
    return config


def on_page_markdown(markdown, page, config, files):
    """Replace every marker in the page with its escaped value."""

    def value(match):
        found = lookup(config.extra, match.group(1))
        if found is None:
            log.warning("%s: no value for %s in extra", page.file.src_uri, match.group(0))
            return match.group(0)
        return html.escape(str(found), quote=True)

    return MARKER.sub(value, markdown)


def lookup(extra, dotted):
    """`extra["a"]["b"]` for "a.b", or None when a key is missing or not a plain value."""
    node = extra
    for key in dotted.split("."):
        if not isinstance(node, Mapping) or key not in node:
            return None
        node = node[key]
    return node if isinstance(node, (str, int, float)) else None
